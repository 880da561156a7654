// The card's WebAssembly and fonts on Node: read once from node_modules (resolved through the
// packages' exports, so no path is hard-coded).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cardFont, type CardAssets, type CardFont, type CardFontSubset } from './card';

const require = createRequire(import.meta.url);

const FONTS: Array<[CardFontSubset, CardFont['weight']]> = [
  ['latin', 400],
  ['cyrillic', 400],
  ['latin', 700],
  ['cyrillic', 700],
];

async function bytesOf(specifier: string): Promise<Uint8Array<ArrayBuffer>> {
  const file = await readFile(require.resolve(specifier));
  // A fresh ArrayBuffer holding exactly the file (a Buffer may sit in a larger shared pool).
  return new Uint8Array(file);
}

let loaded: Promise<CardAssets> | undefined;

export function loadNodeCardAssets(): Promise<CardAssets> {
  loaded ??= (async () => {
    const [resvg, layout, ...fonts] = await Promise.all([
      bytesOf('@resvg/resvg-wasm/index_bg.wasm'),
      bytesOf('satori/layout.wasm'),
      ...FONTS.map(([subset, weight]) => bytesOf(`@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff`)),
    ]);
    return {
      wasm: { resvg, layout },
      fonts: fonts.map((data, i) => cardFont(FONTS[i][0], FONTS[i][1], data.buffer)),
    };
  })().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
