// The rules an image brief must satisfy, whoever wrote it. What can be mended safely is mended
// (the "no text, no logos" negatives added, extra briefs dropped); the rest goes back as problems.
import { IMAGE_SIZES } from '../platforms';
import type { ImageBriefDraft, ImageBriefRequest } from '../types';

/** What every negative prompt must rule out: the image model likes to paint words and brands. */
export const REQUIRED_NEGATIVES = ['text', 'letters', 'watermarks', 'logos'] as const;
const NEGATIVE_MENTIONS: Record<(typeof REQUIRED_NEGATIVES)[number], RegExp> = {
  text: /(?<!\p{L})(?:text(?!\p{L})|текст)/iu,
  letters: /(?<!\p{L})(?:letter|букв|надпис)/iu,
  watermarks: /(?<!\p{L})(?:watermark|водян)/iu,
  logos: /(?<!\p{L})(?:logo|логотип)/iu,
};
const MIN_PROMPT_WORDS = 6;

export interface BriefCheck {
  briefs: ImageBriefDraft[];
  problems: string[];
}

export function checkImageBriefs(briefs: ImageBriefDraft[], request: ImageBriefRequest): BriefCheck {
  const problems: string[] = [];
  const wanted = Math.max(1, request.count);
  if (briefs.length === 0) problems.push(`briefs is empty: write between 1 and ${wanted} briefs.`);
  const kept = briefs.slice(0, wanted).map((b) => ({ ...b, negative: withRequiredNegatives(b.negative) }));

  kept.forEach((b, i) => {
    const at = `briefs[${i}]`;
    if (!(IMAGE_SIZES as readonly string[]).includes(b.size)) {
      problems.push(`${at}.size is "${b.size}"; use one of ${IMAGE_SIZES.join(', ')}.`);
    }
    const prompt = comparable(b.prompt);
    if (!prompt) problems.push(`${at}.prompt is empty: describe a concrete scene (people, place, objects, light).`);
    else if (prompt === comparable(request.headline) || prompt.split(' ').length < MIN_PROMPT_WORDS) {
      problems.push(`${at}.prompt only repeats the headline or is under ${MIN_PROMPT_WORDS} words: describe a concrete scene instead.`);
    }
    if (!b.caption.trim()) problems.push(`${at}.caption is empty: write one line for readers.`);
  });
  return { briefs: kept, problems };
}

function withRequiredNegatives(negative: string): string {
  const missing = REQUIRED_NEGATIVES.filter((k) => !NEGATIVE_MENTIONS[k].test(negative));
  const base = negative.trim().replace(/[,;\s]+$/, '');
  return [base, ...missing].filter(Boolean).join(', ');
}

function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A stable id of the picture a brief asks for: FNV-1a 64 over the fields that decide it (prompt,
 * negative, size, style tags in a fixed order), as 16 hex digits. Pure JS, so Workers can run it.
 */
export function briefHash(brief: Pick<ImageBriefDraft, 'prompt' | 'negative' | 'size' | 'styleTags'>): string {
  const tags = [...new Set(brief.styleTags.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
  const canonical = JSON.stringify([brief.prompt.trim(), brief.negative.trim(), brief.size, tags]);
  return fnv1a64(new TextEncoder().encode(canonical));
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

function fnv1a64(bytes: Uint8Array): string {
  let hash = FNV_OFFSET;
  for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return hash.toString(16).padStart(16, '0');
}
