// Fitting a post into its platform's limit. The final text is body + source link + CTA + hashtags,
// all of it counted as the platform counts. What gives way, in this order:
//  1. hashtags past the platform's minimum, least salient first, as long as that lets the body go whole;
//  2. more of the tail (the remaining tags, then the CTA, then the link) while it would take more than
//     TAIL_SHARE of the limit: the story matters more than what follows it;
//  3. the body: cut after the last sentence that fits, or after the last word that fits plus '…' when
//     the sentence end would lose too much. Cuts fall only on whitespace, so never inside a word, a URL
//     or an emoji (no emoji sequence contains whitespace);
//  4. when not even the first word fits beside the tail, the tail shrinks further; a body that cannot be
//     cut anywhere (a single giant word) is left out.
// Every candidate is checked by counting the whole composed text, so the result fits by construction.
import type { Platform } from '../platforms';
import { PLATFORM_RULES, textLimit } from './rules';

export interface FitOptions {
  /** An image goes with the text: the caption limit applies. */
  withImage: boolean;
  /** A line under the body, e.g. "Источник: https://t.me/…". */
  link?: string;
  cta?: string;
  /** With '#', most salient first. */
  hashtags?: string[];
  /** Overrides the platform's limit. */
  limit?: number;
}

export type BodyCut = 'none' | 'sentence' | 'word' | 'dropped';

export interface FittedText {
  text: string;
  /** The body as it went into `text` (with '…' after a word cut). */
  body: string;
  /** `text` as the platform counts it. */
  used: number;
  limit: number;
  /** What of the tail made it in ('' when dropped). */
  hashtags: string[];
  cta: string;
  link: string;
  cut: BodyCut;
}

interface Tail {
  link: string;
  cta: string;
  hashtags: string[];
}

/** The tail may take at most this share of the limit before it gives way to the body. */
const TAIL_SHARE = 0.4;
/** A sentence end is preferred unless it keeps less than this share of what a word cut keeps. */
const SENTENCE_KEEP = 0.7;
const BLOCK_GAP = '\n\n';

/** Blank-line separated blocks: body, link, CTA, hashtags on one line. */
export function composePost(body: string, tail: Tail): string {
  return [body, tail.link, tail.cta, tail.hashtags.join(' ')].filter((b) => b.length > 0).join(BLOCK_GAP);
}

/** Unix newlines, no trailing spaces on lines, at most one blank line in a row, trimmed. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00A0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function fitText(text: string, platform: Platform, options: FitOptions): FittedText {
  const rules = PLATFORM_RULES[platform];
  const limit = options.limit ?? textLimit(platform, options.withImage);
  const body = tidyText(text);
  const fits = (b: string, t: Tail) => rules.count(composePost(b, t)) <= limit;
  const done = (b: string, t: Tail, cut: BodyCut): FittedText => {
    const out = composePost(b, t);
    return { text: out, body: b, used: rules.count(out), limit, hashtags: t.hashtags, cta: t.cta, link: t.link, cut };
  };

  let tail: Tail = {
    link: tidyText(options.link ?? ''),
    cta: tidyText(options.cta ?? ''),
    hashtags: (options.hashtags ?? []).filter((h) => h.length > 0),
  };
  if (fits(body, tail)) return done(body, tail, 'none');

  const keep = Math.min(rules.hashtags.min, tail.hashtags.length);
  while (tail.hashtags.length > keep) {
    tail = { ...tail, hashtags: tail.hashtags.slice(0, -1) };
    if (fits(body, tail)) return done(body, tail, 'none');
  }

  for (let next = shorterTail(tail); next && rules.count(composePost('', tail)) > TAIL_SHARE * limit; next = shorterTail(tail)) {
    tail = next;
  }

  const estimate = rules.estimate;
  for (let t: Tail | null = tail; t; t = shorterTail(t)) {
    const current: Tail = t;
    const guess = estimate && ((b: string) => estimate(composePost(b, current)) <= limit);
    const cut = cutBody(body, (b) => fits(b, current), guess);
    if (cut) return done(cut.body, current, cut.cut);
  }
  for (let t: Tail | null = tail; t; t = shorterTail(t)) {
    if (fits('', t)) return done('', t, 'dropped');
  }
  return done('', { link: '', cta: '', hashtags: [] }, 'dropped');
}

function shorterTail(t: Tail): Tail | null {
  if (t.hashtags.length > 0) return { ...t, hashtags: t.hashtags.slice(0, -1) };
  if (t.cta) return { ...t, cta: '' };
  if (t.link) return { ...t, link: '' };
  return null;
}

interface Cut {
  body: string;
  cut: 'sentence' | 'word';
}

function cutBody(body: string, fits: (b: string) => boolean, guess?: (b: string) => boolean): Cut | null {
  const sentence = longestFitting(sentenceEnds(body), (end) => body.slice(0, end).trimEnd(), fits, guess);
  const word = longestFitting(wordEnds(body), (end) => withEllipsis(body.slice(0, end)), fits, guess);
  if (sentence && (!word || sentence.length >= SENTENCE_KEEP * word.length)) return { body: sentence, cut: 'sentence' };
  return word ? { body: word, cut: 'word' } : null;
}

/**
 * The longest text among ascending cut points that fits, checked with `fits`. A cheap `guess`
 * (where the exact count is costly) finds where to start; the exact check then gallops from there.
 */
function longestFitting(
  ends: number[],
  make: (end: number) => string,
  fits: (b: string) => boolean,
  guess?: (b: string) => boolean,
): string | null {
  const n = ends.length;
  if (n === 0) return null;
  const hint = guess ? Math.max(0, lastTrue(n, (i) => guess(make(ends[i])), n >> 1)) : n >> 1;
  const best = lastTrue(n, (i) => fits(make(ends[i])), hint);
  return best < 0 ? null : make(ends[best]);
}

/** The last i in [0, n) where the (monotone) test holds, or -1; searched outward from `hint`. */
function lastTrue(n: number, test: (i: number) => boolean, hint: number): number {
  let lo: number; // holds, or -1
  let hi: number; // fails, or n
  if (test(hint)) {
    lo = hint;
    for (let step = 1; ; step *= 2) {
      hi = lo + step;
      if (hi >= n || !test(hi)) break;
      lo = hi;
    }
    hi = Math.min(hi, n);
  } else {
    hi = hint;
    for (let step = 1; ; step *= 2) {
      lo = hi - step;
      if (lo < 0 || test(lo)) break;
      hi = lo;
    }
    lo = Math.max(lo, -1);
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (test(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

const SENTENCE_END = /[.!?…]+["'»”’)\]]*(?=\s|$)/gu;
const SINGLE_LETTER_BEFORE = /(?:^|\s)\p{L}$/u; // "т. е.", initials: not a sentence end

/** Ends of sentences and of lines (a line ending in ':' introduces what follows, so it is not one). */
function sentenceEnds(body: string): number[] {
  const ends = new Set<number>();
  for (const m of body.matchAll(SENTENCE_END)) {
    if (m[0].startsWith('.') && SINGLE_LETTER_BEFORE.test(body.slice(Math.max(0, m.index - 3), m.index))) continue;
    ends.add(m.index + m[0].length);
  }
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) {
    const line = body.slice(0, i).trimEnd();
    if (line && !line.endsWith(':')) ends.add(line.length);
  }
  return [...ends].sort((a, b) => a - b);
}

/** Ends of words: positions where whitespace follows non-whitespace, past the first real character. */
function wordEnds(body: string): number[] {
  const first = body.search(/[^\s\p{P}]/u);
  if (first === -1) return [];
  const ends: number[] = [];
  for (const m of body.matchAll(/\S(?=\s)/gu)) if (m.index >= first) ends.push(m.index + m[0].length);
  return ends;
}

// Punctuation that reads wrong before '…'; closing quotes and brackets stay.
const DANGLING = /[\s,;:.!?…\-–—(«„“"'‘*/\\]+$/u;
const URL_AT_END = /(?:https?:\/\/|www\.|t\.me\/)\S*$/iu;

function withEllipsis(prefix: string): string {
  const core = prefix.replace(DANGLING, '');
  // Glued to a URL the ellipsis would become part of the link.
  return URL_AT_END.test(core) ? `${core} …` : `${core}…`;
}
