// The Worker's way to the Russian dictionary: its files fetched from the web build's assets (here a
// fetch that serves them from node_modules, as the ASSETS binding serves dist/web).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nounReading } from '../../core/text/morphology';
import { DICTIONARY_ASSET_DIR } from '../../edge/adapters/morphology/asset-dir';
import { loadAssetMorphology } from '../../edge/adapters/morphology/assets';
import { azDictionaryDir } from '../../edge/adapters/morphology/az-files';

const dicts = azDictionaryDir();

describe('the dictionary from static assets', () => {
  it('fails clearly when a file is missing, and loads on the next try', async () => {
    await expect(loadAssetMorphology(async () => new Response('not found', { status: 404 }))).rejects.toThrow(/dictionary file .+: 404/);
    // A Worker's assets answer a missing file with the app's page, 200.
    const page = async () => new Response('<!doctype html><title>TG Studio</title>', { headers: { 'content-type': 'text/html; charset=utf-8' } });
    await expect(loadAssetMorphology(page)).rejects.toThrow(/not in the build/);
  });

  it('reads every file under the assets folder and answers as on Node', async () => {
    const asked: string[] = [];
    const morphology = await loadAssetMorphology(async (request) => {
      const { pathname } = new URL(request.url);
      asked.push(pathname);
      if (!pathname.startsWith(`/${DICTIONARY_ASSET_DIR}/`)) return new Response('not found', { status: 404 });
      return new Response(await readFile(path.join(dicts, path.basename(pathname))));
    });
    expect(asked).toContain(`/${DICTIONARY_ASSET_DIR}/words.dawg`);
    expect(nounReading(morphology, 'протеста')?.nominative).toBe('протест');
  });
});
