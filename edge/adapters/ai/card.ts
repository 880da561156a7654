// The offline engine's image: a news card drawn from the story itself — its photo (or a gradient),
// the headline, the caption, the source channels — at the exact size the brief asks for. satori lays
// the card out to SVG (text as paths, so resvg needs no fonts), resvg rasterises it to PNG. Both
// are WebAssembly; where the .wasm and the fonts come from differs between Node and Workers, so
// they are injected (card-assets-node.ts, card-assets-worker.ts) and initialised once per process
// or isolate.
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { ImageSize } from '../../../core/pipeline/platforms';
import type { UiLanguage } from '../../../core/settings';
import { loadSatoriInWorkers } from './card-satori-workers';

/** A compiled module (Workers import .wasm as one) or the raw bytes (Node reads them from disk). */
export type WasmSource = WebAssembly.Module | ArrayBuffer | Uint8Array<ArrayBuffer>;

export interface CardFont {
  name: string;
  data: ArrayBuffer;
  weight: 400 | 700;
  style: 'normal';
}

export interface CardAssets {
  wasm: {
    resvg: WasmSource;
    layout: WasmSource;
    /**
     * satori compiles the HarfBuzz it carries (base64) when it loads; Workers forbid compiling
     * WebAssembly from bytes, so there the same binary (harfbuzzjs/hb.wasm) comes precompiled.
     */
    harfbuzz?: WebAssembly.Module;
  };
  /** Noto Sans 400 and 700, latin and cyrillic subsets (.woff: satori does not read woff2), made by `cardFont`. */
  fonts: CardFont[];
}

export interface CardInput {
  size: ImageSize;
  headline: string;
  caption: string;
  channels: string[];
  language: UiLanguage;
  /** JPEG, PNG or GIF bytes; anything else (WebP too: resvg 2.6 cannot decode it) is left out. */
  photo: Uint8Array | null;
}

// satori picks one font per family name and weight, falling back to other *names* for missing
// glyphs: so each subset is its own family, and the card asks for both.
const FAMILIES = { latin: 'Noto Sans', cyrillic: 'Noto Sans Cyrillic' } as const;
export type CardFontSubset = keyof typeof FAMILIES;

export function cardFont(subset: CardFontSubset, weight: CardFont['weight'], data: ArrayBuffer): CardFont {
  return { name: FAMILIES[subset], data, weight, style: 'normal' };
}

type Satori = (typeof import('satori/standalone'))['default'];

// satori and resvg keep their instance in module state and resvg refuses a second init: one
// promise each, forgotten on failure so a later call can try again.
let resvgReady: Promise<void> | undefined;
let satoriReady: Promise<Satori> | undefined;

/**
 * satori is imported on first use, not when this module loads: inside workerd its loading needs
 * the help of card-satori-workers.ts (given the precompiled HarfBuzz), in place before it starts.
 */
async function loadSatori(assets: CardAssets): Promise<Satori> {
  const load = () => import('satori/standalone');
  const module = assets.wasm.harfbuzz ? await loadSatoriInWorkers(assets.wasm.harfbuzz, load) : await load();
  await module.init(assets.wasm.layout);
  return module.default;
}

function initialise(assets: CardAssets): Promise<[void, Satori]> {
  resvgReady ??= initWasm(assets.wasm.resvg).catch((error: unknown) => {
    resvgReady = undefined;
    throw error;
  });
  satoriReady ??= loadSatori(assets).catch((error: unknown) => {
    satoriReady = undefined;
    throw error;
  });
  return Promise.all([resvgReady, satoriReady]);
}

interface Layout {
  width: number;
  height: number;
  padding: number;
  /** Candidate headline sizes, largest first; the largest whose estimated lines fit is used. */
  headlineSizes: number[];
  headlineLines: number;
  captionSize: number;
  captionLines: number;
  /** Text column width (narrower than the card on the landscape size: shorter lines read better). */
  textWidth: number;
  footerSize: number;
}

const LAYOUTS: Record<ImageSize, Layout> = {
  '1024x1024': { width: 1024, height: 1024, padding: 72, headlineSizes: [76, 68, 60, 54, 48], headlineLines: 4, captionSize: 30, captionLines: 3, textWidth: 880, footerSize: 23 },
  '1536x1024': { width: 1536, height: 1024, padding: 88, headlineSizes: [84, 76, 68, 60, 54], headlineLines: 3, captionSize: 32, captionLines: 2, textWidth: 1180, footerSize: 24 },
  '1024x1536': { width: 1024, height: 1536, padding: 76, headlineSizes: [84, 76, 68, 60, 54], headlineLines: 5, captionSize: 32, captionLines: 4, textWidth: 872, footerSize: 24 },
};

const TEXTS: Record<UiLanguage, { sources: string; more: (n: number) => string }> = {
  ru: { sources: 'Источники', more: (n) => `и ещё ${n}` },
  en: { sources: 'Sources', more: (n) => `and ${n} more` },
};

const ACCENT = '#2AABEE';
const INK = '#0B1220';

// Emoji and their joiners have no glyph in Noto Sans; satori would leave holes.
const NO_GLYPH = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/gu;

export function cardText(text: string): string {
  return text.replace(NO_GLYPH, '').replace(/\s+/g, ' ').trim();
}

/** Rough advance widths of bold Noto Sans, in em: enough to choose a size, not to lay out. */
function advance(char: string): number {
  if (char === ' ') return 0.26;
  if (/[\p{Lu}]/u.test(char)) return 0.7;
  if (/[\p{Ll}]/u.test(char)) return /[шщжмюыфШЩЖМЮЫФmw]/.test(char) ? 0.85 : 0.58;
  if (/\d/.test(char)) return 0.57;
  return 0.4;
}

/** Lines the text takes at `size` when wrapped greedily at spaces (no-break spaces hold). */
function estimatedLines(text: string, size: number, width: number): number {
  const space = advance(' ') * size;
  let lines = 1;
  let used = 0;
  for (const word of text.split(' ')) {
    const w = [...word].reduce((sum, char) => sum + advance(char === '\u00A0' ? ' ' : char), 0) * size;
    if (used > 0 && used + space + w > width) {
      lines += 1;
      used = w;
    } else used += (used > 0 ? space : 0) + w;
  }
  return lines;
}

/** The largest candidate size at which the headline fits its lines (5% to spare); else the smallest. */
function headlineSize(headline: string, layout: Layout): number {
  const fits = (size: number) => estimatedLines(headline, size, layout.textWidth * 0.95) <= layout.headlineLines;
  return layout.headlineSizes.find(fits) ?? layout.headlineSizes[layout.headlineSizes.length - 1];
}

function sourcesLine(channels: string[], language: UiLanguage): string {
  const names = [...new Set(channels.map(cardText).filter(Boolean))];
  if (names.length === 0) return '';
  const shown = names.slice(0, 3).join(', ');
  const rest = names.length - 3;
  return `${TEXTS[language].sources}: ${rest > 0 ? `${shown} ${TEXTS[language].more(rest)}` : shown}`;
}

/** The photo's type from its first bytes when resvg can draw it (JPEG, PNG, GIF), else null. */
export function photoType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | 'image/gif' | null {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  return null;
}

/** Base64 without Buffer (Workers have none): binary string in chunks, one btoa. */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

// satori takes React-shaped elements; plain objects do, no JSX needed.
interface CardNode {
  type: string;
  props: { style?: Record<string, string | number>; children?: CardNode | CardNode[] | string; [attribute: string]: unknown };
}

const el = (type: string, style: Record<string, string | number>, children?: CardNode | CardNode[] | string, attributes: Record<string, unknown> = {}): CardNode => ({
  type,
  props: { style, children, ...attributes },
});

const fill = { position: 'absolute', top: 0, left: 0, right: 0, bottom: 0 } as const;

function background(layout: Layout, photo: string | null): CardNode[] {
  if (photo) {
    return [
      el('img', { ...fill, width: layout.width, height: layout.height, objectFit: 'cover' }, undefined, { src: photo, width: layout.width, height: layout.height }),
      // A light veil on top keeps the mark readable; the text block darkens its own part (cardTree).
      el('div', { ...fill, backgroundImage: 'linear-gradient(180deg, rgba(6,10,18,0.55) 0%, rgba(6,10,18,0) 24%, rgba(6,10,18,0) 100%)' }),
    ];
  }
  const glow = Math.round(Math.max(layout.width, layout.height) * 0.9);
  return [
    el('div', { ...fill, backgroundImage: `linear-gradient(150deg, #10223D 0%, ${INK} 55%, #081019 100%)` }),
    el('div', {
      position: 'absolute',
      width: glow,
      height: glow,
      top: -glow * 0.45,
      right: -glow * 0.35,
      backgroundImage: 'radial-gradient(circle, rgba(42,171,238,0.38) 0%, rgba(42,171,238,0) 70%)',
    }),
    el('div', {
      position: 'absolute',
      width: glow * 0.8,
      height: glow * 0.8,
      bottom: -glow * 0.4,
      left: -glow * 0.3,
      backgroundImage: 'radial-gradient(circle, rgba(99,102,241,0.22) 0%, rgba(99,102,241,0) 70%)',
    }),
    // Fine diagonal rules: texture, so the empty half never looks like a missing image.
    el('div', {
      ...fill,
      opacity: 0.035,
      backgroundImage: 'repeating-linear-gradient(135deg, #FFFFFF 0px, #FFFFFF 2px, transparent 2px, transparent 28px)',
    }),
  ];
}

function mark(layout: Layout): CardNode {
  const size = Math.round(layout.footerSize * 0.92);
  return el(
    'div',
    {
      display: 'flex',
      alignItems: 'center',
      padding: `${Math.round(size * 0.45)}px ${Math.round(size * 0.8)}px`,
      borderRadius: 999,
      backgroundColor: 'rgba(11,18,32,0.55)',
      border: '1px solid rgba(255,255,255,0.18)',
      fontSize: size,
      color: 'rgba(255,255,255,0.92)',
    },
    [
      el('div', { width: size * 0.5, height: size * 0.5, borderRadius: 999, backgroundColor: ACCENT, marginRight: size * 0.55 }),
      el('div', { display: 'flex', fontWeight: 700 }, 'TG Studio'),
      el('div', { display: 'flex', color: 'rgba(255,255,255,0.6)', marginLeft: size * 0.35 }, '· offline'),
    ],
  );
}

/** Typography: a one- or two-letter word ("в", "и", "to") stays with the next word, a dash with the previous one. */
function bindShortWords(text: string): string {
  return text.replace(/(^|[\s(«"])([\p{L}\d]{1,2}) /gu, '$1$2\u00A0').replace(/ ([—–])/g, '\u00A0$1');
}

function cardTree(input: CardInput, layout: Layout, photo: string | null): CardNode {
  const headline = bindShortWords(cardText(input.headline));
  const caption = bindShortWords(cardText(input.caption));
  const sources = sourcesLine(input.channels, input.language);
  const size = headlineSize(headline, layout);
  const clamp = (lines: number) => ({ display: 'block', lineClamp: lines, overflow: 'hidden', textOverflow: 'ellipsis' });
  const text: CardNode[] = [
    el('div', { width: Math.round(size * 1.1), height: Math.max(6, Math.round(size * 0.09)), borderRadius: 4, backgroundColor: ACCENT, marginBottom: Math.round(size * 0.42) }),
    el('div', { ...clamp(layout.headlineLines), fontSize: size, fontWeight: 700, lineHeight: 1.12, letterSpacing: -0.01 * size, color: '#FFFFFF' }, headline),
  ];
  if (caption) {
    text.push(
      el('div', { ...clamp(layout.captionLines), marginTop: Math.round(size * 0.5), fontSize: layout.captionSize, lineHeight: 1.4, color: 'rgba(255,255,255,0.86)' }, caption),
    );
  }
  if (sources) {
    text.push(
      el(
        'div',
        {
          display: 'flex',
          marginTop: Math.round(layout.padding * 0.6),
          paddingTop: Math.round(layout.footerSize * 0.9),
          borderTop: '1px solid rgba(255,255,255,0.2)',
        },
        el('div', { ...clamp(1), fontSize: layout.footerSize, color: 'rgba(255,255,255,0.7)', letterSpacing: 0.2 }, sources),
      ),
    );
  }
  const { padding } = layout;
  return el(
    'div',
    { display: 'flex', position: 'relative', width: layout.width, height: layout.height, backgroundColor: INK, fontFamily: `'${FAMILIES.latin}', '${FAMILIES.cyrillic}'`, color: '#FFFFFF' },
    [
      ...background(layout, photo),
      el('div', { ...fill, display: 'flex', flexDirection: 'column', justifyContent: 'space-between' }, [
        el('div', { display: 'flex', padding: `${padding}px ${padding}px 0` }, mark(layout)),
        // Over a photo the text block carries its own shade, reaching well above the headline
        // however many lines it takes.
        el(
          'div',
          {
            display: 'flex',
            flexDirection: 'column',
            padding: `${padding * (photo ? 2.6 : 1)}px ${padding}px ${padding}px`,
            ...(photo ? { backgroundImage: 'linear-gradient(180deg, rgba(6,10,18,0) 0%, rgba(6,10,18,0.78) 34%, rgba(6,10,18,0.94) 62%, rgba(6,10,18,0.98) 100%)' } : {}),
          },
          el('div', { display: 'flex', flexDirection: 'column', width: layout.textWidth, maxWidth: '100%' }, text),
        ),
      ]),
    ],
  );
}

/** One PNG card of exactly `input.size` pixels. */
export async function renderCard(input: CardInput, assets: CardAssets): Promise<Uint8Array> {
  const [, satori] = await initialise(assets);
  const layout = LAYOUTS[input.size];
  const type = input.photo && input.photo.length > 0 ? photoType(input.photo) : null;
  const photo = type && input.photo ? `data:${type};base64,${base64(input.photo)}` : null;
  const layOut = (withPhoto: string | null) =>
    satori(cardTree(input, layout, withPhoto) as never, { width: layout.width, height: layout.height, fonts: assets.fonts });
  // satori reads the photo's header for its size; a photo it cannot read (corrupt, truncated) is
  // left out rather than failing the card, which still carries the story.
  const svg = await layOut(photo).catch((error: unknown) => {
    if (!photo) throw error;
    return layOut(null);
  });
  const resvg = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
