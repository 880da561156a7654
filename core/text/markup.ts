// Telegram texts arrive with Markdown-style markup, links, emoji and hashtags. These helpers
// remove the markup but keep the words a reader sees.

import { EMOJI, LOWER, NO_LOWER_BY_TABLE, SPACE, caseFreeAt, codeUnitsToString, unitAt } from './chars';

// Whitespace runs, written to skip what is already a single space or a bare line break: a regex
// replace pays per match, and posts have a space every few letters.
const SPACE_RUN = /(?: [ \t\u00A0]|[\t\u00A0])[ \t\u00A0]*/g; // → ' '
const SPACES_AROUND_NEWLINE = / +\n *|\n +/g; // → '\n'
export const WHITESPACE_RUN = /(?: \s|[^\S ])\s*/g; // → ' '
const MENTION = /(^|\s)@[\w\d_]+/gu;
const HASHTAG = /#(\p{L}[\p{L}\p{N}_]*)/gu;

/**
 * Markup-free text for display: links keep their anchor text, URLs/emoji/emphasis go. Case kept.
 * Each step is a hand-written scan for what used to be a regex replace (the regex is quoted at each);
 * the steps run in the same order, each over the previous one's output.
 */
export function stripMarkup(text: string): string {
  return withoutEmojiOrEmphasis(withoutUrls(withLinkAnchors(text)))
    .replace(SPACE_RUN, ' ')
    .replace(SPACES_AROUND_NEWLINE, '\n')
    .trim();
}

/** `text` with some spans cut out (or replaced), built from slices of it. */
class Splicer {
  private out = '';
  private from = 0;

  constructor(private readonly text: string) {}

  cut(start: number, end: number, replacement = ''): void {
    this.out += this.text.slice(this.from, start) + replacement;
    this.from = end;
  }

  result(): string {
    return this.from === 0 ? this.text : this.out + this.text.slice(this.from);
  }
}

const CLOSE_BRACKET = 0x5d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const URL_ANCHOR = /^\s*(https?:\/\/|www\.)/i;

/** [anchor](target) → anchor, or nothing when the anchor is itself a URL: /\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))+\)/g. */
function withLinkAnchors(text: string): string {
  let open = text.indexOf('[');
  if (open < 0) return text;
  let out: Splicer | null = null;
  while (open >= 0) {
    const close = text.indexOf(']', open + 1);
    if (close < 0) break; // and no later '[' has a ']' after it either
    const end = unitAt(text, close + 1) === OPEN_PAREN ? linkTargetEnd(text, close + 2) : -1;
    if (end < 0) {
      open = text.indexOf('[', open + 1);
      continue;
    }
    const anchor = text.slice(open + 1, close);
    (out ??= new Splicer(text)).cut(open, end, URL_ANCHOR.test(anchor) ? '' : anchor);
    open = text.indexOf('[', end);
  }
  return out ? out.result() : text;
}

/** Index after the ')' closing a link target that starts at `start`, or -1: no spaces, only balanced (…). */
function linkTargetEnd(text: string, start: number): number {
  let p = start;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === OPEN_PAREN) {
      const inner = pastTargetChars(text, p + 1);
      if (unitAt(text, inner) !== CLOSE_PAREN) break;
      p = inner + 1;
    } else if (c === CLOSE_PAREN || SPACE.has(c)) break;
    else p++;
  }
  return p > start && unitAt(text, p) === CLOSE_PAREN ? p + 1 : -1;
}

function pastTargetChars(text: string, p: number): number {
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === OPEN_PAREN || c === CLOSE_PAREN || SPACE.has(c)) break;
    p++;
  }
  return p;
}

const URL_PREFIXES = ['https://', 'http://', 'www.', 't.me/'];
const LONG_S = 0x17f; // ſ: matches "s" case-insensitively, as does the Kelvin sign "k"
const KELVIN = 0x212a;

// Every URL holds one of these (the regex's other case-insensitive matches, "httpſ", have "://" too).
const URL_HINT = /:\/\/|www\.|t\.me\//i;

/** Bare URLs go: /\b(?:https?:\/\/|www\.|t\.me\/)[^\s)\]]+/giu. */
function withoutUrls(text: string): string {
  if (!URL_HINT.test(text)) return text;
  let out: Splicer | null = null;
  for (let i = 0; i < text.length; i++) {
    const first = text.charCodeAt(i) | 0x20;
    if (first !== 0x68 && first !== 0x77 && first !== 0x74) continue; // h, w, t
    if (i > 0 && isRegexWordChar(text.charCodeAt(i - 1))) continue; // \b
    const body = urlPrefixEnd(text, i);
    if (body < 0) continue;
    let end = body;
    while (end < text.length && !isUrlEnd(text.charCodeAt(end))) end++;
    if (end === body) continue;
    (out ??= new Splicer(text)).cut(i, end);
    i = end - 1;
  }
  return out ? out.result() : text;
}

/** Index after the URL prefix at i (matched case-insensitively), or -1. */
function urlPrefixEnd(text: string, i: number): number {
  for (const prefix of URL_PREFIXES) if (matchesIgnoringCase(text, i, prefix)) return i + prefix.length;
  return -1;
}

function matchesIgnoringCase(text: string, at: number, lower: string): boolean {
  if (at + lower.length > text.length) return false;
  for (let k = 0; k < lower.length; k++) {
    const c = text.charCodeAt(at + k);
    const want = lower.charCodeAt(k);
    const same = c === want || (want >= 0x61 && want <= 0x7a && (c === want - 0x20 || (want === 0x73 && c === LONG_S)));
    if (!same) return false;
  }
  return true;
}

/** \w of a case-insensitive Unicode regex: [A-Za-z0-9_], ſ and the Kelvin sign. */
function isRegexWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === LONG_S || c === KELVIN;
}

function isUrlEnd(c: number): boolean {
  return SPACE.has(c) || c === CLOSE_PAREN || c === CLOSE_BRACKET;
}

const BACKTICK = 0x60;

/**
 * Emoji go (EMOJI), then emphasis marks of what is left: /(\*\*|__|~~|\|\||`{1,3})/g. One scan
 * does both, so a mark split by an emoji ("*😀*") is a mark, as it is once the emoji is gone.
 */
function withoutEmojiOrEmphasis(text: string): string {
  let out: Splicer | null = null;
  let i = 0;
  while (i < text.length) {
    if (!MAY_START_CUT[text.charCodeAt(i)]) {
      i++; // (most units: one table read)
      continue;
    }
    const emoji = emojiAt(text, i);
    const end = emoji ? i + emoji : emphasisEnd(text, i);
    if (end > i) {
      (out ??= new Splicer(text)).cut(i, end);
      i = end;
    } else i++;
  }
  return out ? out.result() : text;
}

// Units where an emoji or an emphasis mark may start: EMOJI's own, a surrogate, * _ ~ | `.
const MAY_START_CUT = (() => {
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) table[code] = EMOJI.has(code) || (code >= 0xd800 && code <= 0xdfff) ? 1 : 0;
  for (const mark of '*_~|`') table[mark.charCodeAt(0)] = 1;
  return table;
})();

/** The text without EMOJI. */
export function withoutEmoji(text: string): string {
  let out: Splicer | null = null;
  for (let i = 0; i < text.length; ) {
    const emoji = emojiAt(text, i);
    if (emoji) (out ??= new Splicer(text)).cut(i, i + emoji);
    i += emoji || 1;
  }
  return out ? out.result() : text;
}

function emojiAt(text: string, i: number): number {
  return EMOJI.at(text, i);
}

function pastEmoji(text: string, i: number): number {
  return EMOJI.end(text, i);
}

/** End of the emphasis mark at i (skipping emoji inside it), or -1. */
function emphasisEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === BACKTICK) {
    let end = i + 1;
    for (let n = 1; n < 3; n++) {
      const next = pastEmoji(text, end);
      if (unitAt(text, next) !== BACKTICK) break;
      end = next + 1;
    }
    return end;
  }
  if (c !== 0x2a && c !== 0x5f && c !== 0x7e && c !== 0x7c) return -1; // * _ ~ |
  const next = pastEmoji(text, i + 1);
  return unitAt(text, next) === c ? next + 1 : -1;
}

/** Text for matching: markup-free, lower case, `ё`→`е`, hashtag and mention signs dropped. */
export function normalizeText(text: string): string {
  return normalizeStripped(stripMarkup(text));
}

/** `normalizeText` of a text that already went through `stripMarkup` (saves stripping it twice). */
export function normalizeStripped(stripped: string): string {
  // Mentions are channel signatures, not story words. (Each replace is skipped where what it looks
  // for is absent, as it is from most posts.)
  let text = stripped.includes('@') ? stripped.replace(MENTION, ' ') : stripped;
  if (text.includes('#')) text = text.replace(HASHTAG, (_m, tag: string) => tag.replace(/_/g, ' '));
  return lowerSingleSpaced(text) ?? lowerSingleSpacedByRegex(text);
}

/** The reference for lowerSingleSpaced: lower case, ё → е, whitespace runs → one space, trimmed. */
function lowerSingleSpacedByRegex(text: string): string {
  let lower = text.toLowerCase();
  if (lower.includes('ё')) lower = lower.replace(/ё/g, 'е');
  return lower.replace(WHITESPACE_RUN, ' ').trim();
}

// What the normalising scan does with each BMP code unit, by one table read: the unit it writes
// (lower case, ё already as е), or one of these.
const BLANK = -1; // whitespace: one space before the next unit written
const ASK = -2; // no lower case by table: toLowerCase decides
const SURROGATE = -3; // half of a pair: its code point decides
const YO = 0x451;
const YE = 0x435;
const NORMALIZING_ACTIONS = (() => {
  const table = new Int32Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    const unit = LOWER[code];
    if (code >= 0xd800 && code <= 0xdfff) table[code] = SURROGATE;
    else if (unit === NO_LOWER_BY_TABLE) table[code] = ASK;
    else if (SPACE.has(unit)) table[code] = BLANK;
    else table[code] = unit === YO ? YE : unit;
  }
  return table;
})();
let normalized = new Uint16Array(1024);

/** `lowerSingleSpacedByRegex` in one scan, lower-casing by table; null where the table cannot tell. */
function lowerSingleSpaced(text: string): string | null {
  if (normalized.length < text.length) normalized = new Uint16Array(text.length * 2);
  const out = normalized;
  let length = 0;
  let blank = false; // whitespace since the last unit written
  let surrogates = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let action = NORMALIZING_ACTIONS[code];
    if (action === SURROGATE) {
      // A pair stays as it is when its code point has no other lower case; so does a lone half.
      if (code <= 0xdbff && !caseFreeAt(text, i)) return null;
      surrogates = true;
      action = code;
    } else if (action < 0) {
      if (action === ASK) return null;
      blank = length > 0;
      continue;
    }
    if (blank) out[length++] = 0x20;
    blank = false;
    out[length++] = action;
  }
  return codeUnitsToString(out, length, !surrogates);
}
