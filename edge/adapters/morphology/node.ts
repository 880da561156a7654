// The Russian dictionary on Node: read from the `az` package in node_modules.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Morphology } from '../../../core/text/morphology';
import { azDictionaryDir } from './az-files';
import { loadOpenCorporaMorphology } from './opencorpora';

export function loadNodeMorphology(): Promise<Morphology> {
  const dir = azDictionaryDir();
  return loadOpenCorporaMorphology(async (name, kind) => {
    const file = await readFile(path.join(dir, name));
    // A fresh ArrayBuffer holding exactly the file (a Buffer may sit in a larger shared pool).
    return kind === 'json' ? JSON.parse(file.toString('utf8')) : new Uint8Array(file).buffer;
  });
}
