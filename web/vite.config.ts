// Vite config for the SolidJS app: source in web/, output in dist/web (served by the API).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { DICTIONARY_ASSET_DIR } from '../edge/adapters/morphology/asset-dir';
import { azDictionaryDir } from '../edge/adapters/morphology/az-files';

const webRoot = import.meta.dirname;
const repoRoot = path.resolve(webRoot, '..');
const api = 'http://127.0.0.1:8080';
const FIRST_PAGE_BUDGET_KB = 60;

/**
 * Prints the JavaScript a first visit downloads, gzipped: the entry chunk, what it imports
 * statically, and the feed page (the first page a signed-in reader sees) with its imports.
 */
function jsBudget(): Plugin {
  return {
    name: 'tgs-js-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((o) => o.type === 'chunk');
      const seen = new Set<string>();
      const visit = (fileName: string) => {
        if (seen.has(fileName)) return;
        seen.add(fileName);
        const chunk = chunks.find((c) => c.fileName === fileName);
        for (const dep of chunk?.imports ?? []) visit(dep);
      };
      for (const c of chunks) if (c.isEntry || c.name === 'FeedPage') visit(c.fileName);
      const sizes = [...seen].map((f) => {
        const chunk = chunks.find((c) => c.fileName === f)!;
        return { f, raw: Buffer.byteLength(chunk.code), gz: gzipSync(chunk.code, { level: 9 }).byteLength };
      });
      const kb = (n: number) => (n / 1024).toFixed(1);
      const gz = sizes.reduce((a, s) => a + s.gz, 0);
      const raw = sizes.reduce((a, s) => a + s.raw, 0);
      const verdict = gz <= FIRST_PAGE_BUDGET_KB * 1024 ? 'within budget' : 'OVER BUDGET';
      console.log(`\nJS budget: first page ${kb(gz)} KB gzipped (${kb(raw)} KB raw) of ${FIRST_PAGE_BUDGET_KB} KB — ${verdict}`);
      for (const s of sizes.sort((a, b) => b.gz - a.gz)) console.log(`  ${kb(s.gz).padStart(6)} KB gz  ${s.f}`);
    },
  };
}

const DICTIONARY_NOTICE = `Russian morphological dictionary, compiled from OpenCorpora (http://opencorpora.org/), whose
dictionary is licensed under CC BY-SA 3.0, in the format of the az package (Az.js, MIT licence,
https://github.com/deNULL/Az.js). Used by TG Studio for hashtags; unchanged.
`;

/** The Russian dictionary (the `az` package's files) beside the app: the Worker reads it through its
 *  ASSETS binding (edge/adapters/morphology/assets.ts). Node reads node_modules and never fetches it. */
function dictionaryAssets(): Plugin {
  return {
    name: 'tgs-dictionary-assets',
    apply: 'build',
    generateBundle() {
      const dir = azDictionaryDir();
      for (const name of readdirSync(dir)) this.emitFile({ type: 'asset', fileName: `${DICTIONARY_ASSET_DIR}/${name}`, source: readFileSync(path.join(dir, name)) });
      // Served publicly with the app: the data's source and licence go with it.
      this.emitFile({ type: 'asset', fileName: `${DICTIONARY_ASSET_DIR}/NOTICE.txt`, source: DICTIONARY_NOTICE });
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [solid(), jsBudget(), dictionaryAssets()],
  build: {
    outDir: path.resolve(repoRoot, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/v1': api,
      '/auth': api,
      '/healthz': api,
      '/media': api,
    },
  },
});
