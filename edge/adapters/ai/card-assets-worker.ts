// The card's WebAssembly and fonts on Cloudflare Workers: bundled as modules, since a Worker can
// neither read node_modules nor compile WebAssembly from bytes at run time. wrangler.toml's
// [[rules]] make each .wasm a compiled module and each .woff an ArrayBuffer. HarfBuzz is the
// binary satori carries inline (harfbuzzjs, the version satori pins), here precompiled.
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff';
import cyrillic400 from '@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff';
import latin700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff';
import cyrillic700 from '@fontsource/noto-sans/files/noto-sans-cyrillic-700-normal.woff';
import resvg from '@resvg/resvg-wasm/index_bg.wasm';
import harfbuzz from 'harfbuzzjs/hb.wasm';
import layout from 'satori/layout.wasm';
import { cardFont, type CardAssets } from './card';

const assets: CardAssets = {
  wasm: { resvg, layout, harfbuzz },
  fonts: [cardFont('latin', 400, latin400), cardFont('cyrillic', 400, cyrillic400), cardFont('latin', 700, latin700), cardFont('cyrillic', 700, cyrillic700)],
};

export function loadWorkerCardAssets(): Promise<CardAssets> {
  return Promise.resolve(assets);
}
