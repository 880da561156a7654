// The offline image card: a PNG of exactly the brief's size, with Cyrillic text, with and without
// the topic's photo — on Node (assets read from node_modules) and inside workerd (the Workers
// bundle's assets, through wrangler and Miniflare, as production runs it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_SIZES, type ImageSize } from '../../core/pipeline/platforms';
import { base64, cardText, photoType, renderCard, type CardAssets, type CardInput } from '../../edge/adapters/ai/card';
import { loadNodeCardAssets } from '../../edge/adapters/ai/card-assets-node';

// A 160×100 baseline JPEG (a gradient, a light disc, a dark band) made for this test.
const JPEG = Uint8Array.from(
  atob(
    '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCABkAKADASIAAhEBAxEB/8QAGwABAQADAQEBAAAAAAAAAAAAAAMBAgYFBAf/xAA3EAABAwMBBQQIBAcAAAAAAAAAARESAgMEBQYVVKLREyFRYSIxQUJSkaGxcYHh8DI0RWKSk8H/xAAZAQEBAQEBAQAAAAAAAAAAAAAAAQIDBAX/xAAbEQEBAQEBAQEBAAAAAAAAAAAAERIBAgMTQf/aAAwDAQACEQMRAD8A5mIiWiInv0+dEYiJaIiNERiIloiI0RGIiWiIjREYiJaIiNERiIlolLGLdybqWrNta619iDRl8sRE6bF2VVUSrLvx/st9VPvo2c02hGqtVV+dVa/8Yz+nGufPrioiJ2V3ZjBrRYLctr7GqdPqeRm7O5WLSty01+2nrWlGqT8uhee+dO/PvHiRES0REumYjERLRERoi0REtAQOVdYjERLQEBSIxES0BAUiMREtAQFIjERLQEBSGJh3MzIpsWk9Kr2r6kTxOxwdPs4Fjs7Sd6/xVL66lPk2ewks4a5Cp6d1e5fClP39j12Md9V08+Y0YMbsGM1qNGDG7BhSPB1vRab1NWXjUtcTvrpT3vP8fuc1E/Q2OR1nCTF1CqCNRc9OlPDxT5m/Ppj15/ryoiJaAgarEViIloiJxrtEYiJaIiKRGIiWiIikRiIloiIpEYiJaIiKR2GPa7HGtW/goSn5IVYxZq7WzRcT3qUX5m7Ga3GrBjZgwpGrBjZgwpGrHibSWZWLNz4alp+afoe6x5G0VTY1q38Vcvkn6l51O8czERLRES1mLRESsRE46dYlERKxERoiURErERGiJRESsREaIlERKxERoj39Fv8AbYSW1X0rXor+Hs/fkegxzGHkV4eQl2lHT1VU+KHTWL1vItJct1PSv0LVjLBjdgwpGjBjdgwpGjHN61f7fNWilXptJH8/b+/I9jU8+nFtratqi3qk/wAfM5yIpEoiJWIiTSR8u+9N4nkq6Dfem8TyVdDk2DFzxdddZvvTeJ5Kug33pvE8lXQ5Ngwzw111m+9N4nkq6Dfem8TyVdDk2DDPDXXWb703ieSroN96bxPJV0OTYMM8NddZvvTeJ5Kug33pvE8lXQ5Ngwzw111m+9N4nkq6FsbaXDxa5Wstn9aLRUy/Q41gwzw11+k2NtdHrREvX1tr4pbqVPsfQm12gr/UE/1V9D8uYMXPCv1CrbDQKU/n38ktV9D4MnbXArRace9BF96qip/sfnzBhnhXW1a5p1VS1VZSqq96qtFXf9DG+9N4nkq6HJsGJnhrrrN96bxPJV0G+9N4nkq6HJsGGeGutmDGQWkYYMZApGGDGQKRhgxkCkYYMZApGGDGQKRhgxkCkYYMZApGGDGQKRhgxkCkbMGAMqMGAAMGAAMGAAMGAAMGAAMGAAMGAAMGAAMGAA//2Q==',
  ),
  (char) => char.charCodeAt(0),
);
// The same picture as WebP, which resvg 2.6 cannot draw: the card leaves it out.
const WEBP = Uint8Array.from(
  atob(
    'UklGRjICAABXRUJQVlA4ICYCAACQEgCdASqgAGQAPm02lEekIyIhKLUZGIANiWdu3krM3zSj/lkYvnlMJfM4gSxWnQ4C8ZTyRE5+EZ9lcmWbr+b158Utk50cfkv4WE8IsMkdUSPgzc+hGtnW/Y5eMl8I8OeNzxCh+jbg0Ir/IREnTh9QG3IM6sQFJ48C0B+8CoucSKdgYQf91e9Eqv839b9STCKzlO0PQka+1v1V8o0oAP7vwr3nW36ldSc+o7/Qrvq4A6sLShY7ARYkoNJtuIyeAkXK5qoFBOHc7ffXv/iFejF6EhhC5Tt1THl3alagwbJIDtMn88uWZKcRTfXnSpqEnYlfLvF6Wrf41zBXGKQ2vTJuEPMz+fgAScF6Qch+ltcEWBS77ckgAispZhFh/pBxYUeSoGJFDNkjskiA2/ClMcPO1J90BPGXdraD+x+smOZTPak/Oe8/r8qHE/KuCbpdYLPXA+sBOsUHKXE44k/bqUoQAVNygrvwLcIuH+TnYfGFD1L2OamRq6LxjS9RDe7mgVUEHDZ0A5vFXjM5rkaWtZrpUuEOM7AE5+RONtGzAL4QlnwXFozxWE3IwPz+ZF0cF1qtcFEwDR3VJAYNJmLDfTtVSFSj6FOKvGmYyjWy6ffbM2iHrfm/SbFOEH0WgsiU2ehcfUyfVadyjt1IC88mgnhvdjgpt2QQq5g/H6gml2QwOniDtt2nC00ZffrY+/UCKfSYRT3cBmPC1aNf4vaKdbgXnEF2AAAA',
  ),
  (char) => char.charCodeAt(0),
);

const STORY = {
  headline: 'Центробанк сохранил ключевую ставку на уровне 16% и пообещал смягчение к концу года 🔥',
  caption: 'Регулятор указал на замедление инфляции и охлаждение кредитования; следующее заседание — 24 октября.',
  channels: ['РИА Новости', 'ТАСС', 'Интерфакс', 'РБК'],
  language: 'ru' as const,
};

/** Width and height from the PNG's IHDR chunk (after the 8-byte signature and the chunk header). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(new TextDecoder().decode(png.subarray(12, 16))).toBe('IHDR');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const pixels = (size: ImageSize) => {
  const [width, height] = size.split('x').map(Number);
  return { width, height };
};

// Each render takes 0.3–1.2 s alone and several times that on a busy 2-core CI machine.
describe('offline image card on Node', { timeout: 60_000 }, () => {
  let assets: CardAssets;
  const timings: string[] = [];

  beforeAll(async () => {
    assets = await loadNodeCardAssets();
    // The first card pays for compiling the WebAssembly; the figures below are per card after it.
    await renderCard({ ...STORY, size: '1024x1024', photo: null }, assets);
  });
  afterAll(() => console.log(`card render times:\n${timings.join('\n')}`));

  it.each(IMAGE_SIZES.flatMap((size) => [{ size, photo: false }, { size, photo: true }]))('renders $size (photo: $photo) at exactly that size', async ({ size, photo }) => {
    const input: CardInput = { ...STORY, size, photo: photo ? JPEG : null };
    const started = performance.now();
    const png = await renderCard(input, assets);
    timings.push(`  ${size} ${photo ? 'photo' : 'plain'}: ${Math.round(performance.now() - started)} ms, ${Math.round(png.length / 1024)} KiB`);
    expect(pngSize(png)).toEqual(pixels(size));
  });

  it('draws the photo when it can, and leaves out one it cannot read (WebP, corrupt)', async () => {
    const card = (photo: Uint8Array | null) => renderCard({ ...STORY, size: '1024x1024', photo }, assets);
    const plain = await card(null);
    expect(await card(JPEG)).not.toEqual(plain);
    expect(await card(WEBP)).toEqual(plain);
    expect(await card(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 1, 2))).toEqual(plain);
  });

  it('is deterministic and renders English and an empty caption and channel list', async () => {
    const input: CardInput = { size: '1536x1024', headline: 'Markets rally as the central bank holds rates', caption: '', channels: [], language: 'en', photo: null };
    const first = await renderCard(input, assets);
    expect(await renderCard(input, assets)).toEqual(first);
    expect(pngSize(first)).toEqual({ width: 1536, height: 1024 });
  });

  it('keeps only what the fonts can draw, sniffs photo types and encodes base64 without Buffer', () => {
    expect(cardText('  Срочно 🔥🇷🇺 новость\n\nдня 👍🏽 ')).toBe('Срочно новость дня');
    expect(photoType(JPEG)).toBe('image/jpeg');
    expect(photoType(WEBP)).toBeNull();
    expect(photoType(Uint8Array.of(1, 2, 3))).toBeNull();
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256);
    expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});

describe('offline image card inside workerd (the Workers bundle)', () => {
  let dir = '';
  let mf: Miniflare | undefined;

  beforeAll(() => {
    // A Worker that renders a card with the Workers assets, bundled by wrangler with the same
    // [[rules]] as wrangler.toml.
    dir = mkdtempSync(path.join(tmpdir(), 'tgs-card-worker-'));
    const entry = `
      import { renderCard } from ${JSON.stringify(path.resolve('edge/adapters/ai/card'))};
      import { loadWorkerCardAssets } from ${JSON.stringify(path.resolve('edge/adapters/ai/card-assets-worker'))};
      export default {
        async fetch(request) {
          const size = new URL(request.url).searchParams.get('size');
          const photo = request.method === 'POST' ? new Uint8Array(await request.arrayBuffer()) : null;
          const story = ${JSON.stringify(STORY)};
          return new Response(await renderCard({ ...story, size, photo }, await loadWorkerCardAssets()), { headers: { 'content-type': 'image/png' } });
        },
      };`;
    writeFileSync(path.join(dir, 'entry.js'), entry);
    writeFileSync(
      path.join(dir, 'wrangler.toml'),
      [
        'name = "card-check"',
        'main = "entry.js"',
        'compatibility_date = "2025-09-01"',
        'compatibility_flags = ["nodejs_compat"]',
        '[[rules]]\ntype = "CompiledWasm"\nglobs = ["**/*.wasm"]\nfallthrough = true',
        '[[rules]]\ntype = "Data"\nglobs = ["**/*.woff"]\nfallthrough = true',
      ].join('\n'),
    );
    execFileSync(path.resolve('node_modules/.bin/wrangler'), ['deploy', '--dry-run', '--outdir', path.join(dir, 'out')], {
      cwd: dir,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      stdio: 'pipe',
    });
    mf = new Miniflare({
      scriptPath: path.join(dir, 'out', 'entry.js'),
      modules: true,
      modulesRoot: path.join(dir, 'out'),
      modulesRules: [
        { type: 'CompiledWasm', include: ['**/*.wasm'] },
        { type: 'Data', include: ['**/*.woff'] },
      ],
      compatibilityDate: '2025-09-01',
      compatibilityFlags: ['nodejs_compat'],
    });
  }, 120_000);

  afterAll(async () => {
    await mf?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders every size, with and without the photo', async () => {
    for (const size of IMAGE_SIZES) {
      for (const photo of [null, JPEG]) {
        const response = await mf!.dispatchFetch(`http://card.local/?size=${size}`, photo ? { method: 'POST', body: photo } : {});
        expect(response.status).toBe(200);
        expect(pngSize(new Uint8Array(await response.arrayBuffer()))).toEqual(pixels(size));
      }
    }
  }, 120_000);
});
