// The Russian dictionary on Cloudflare Workers: served as static assets (the web build copies it to
// DICTIONARY_ASSET_DIR, web/vite.config.ts), read through the ASSETS binding on first use. Bundled
// into the Worker it would take most of the size a Worker may have; as assets it costs nothing until read.
import type { Morphology } from '../../../core/text/morphology';
import { DICTIONARY_ASSET_DIR } from './asset-dir';
import { loadOpenCorporaMorphology } from './opencorpora';

/** The ASSETS binding's fetch (or any fetch that serves the web build). */
export type AssetFetch = (request: Request) => Promise<Response>;

export function loadAssetMorphology(fetchAsset: AssetFetch): Promise<Morphology> {
  return loadOpenCorporaMorphology(async (name, kind) => {
    const res = await fetchAsset(new Request(`https://assets.invalid/${DICTIONARY_ASSET_DIR}/${name}`));
    if (!res.ok) throw new Error(`dictionary file ${name}: ${res.status}`);
    // The assets answer a missing file with the app's page (single-page-application handling).
    if (/^text\/html/iu.test(res.headers.get('content-type') ?? '')) throw new Error(`dictionary file ${name}: not in the build (the app's page came back)`);
    return kind === 'json' ? res.json() : res.arrayBuffer();
  });
}
