// Channel signatures ("Подписаться | Прислать новость", "Читать нас без VPN …") repeat in most
// posts of a channel and, across channels, look like shared story words. Each channel's recent
// lines are counted; a line seen in earlier posts of the same channel is dropped.
import { CharClass, EMOJI, LOWER, NO_LOWER_BY_TABLE, caseFreeAt, codeUnitsToString } from '../text/chars';
import { normalizeText, withoutEmoji } from '../text/markup';

const HISTORY = 60; // posts remembered per channel
const MIN_REPEATS = 2; // earlier posts of the channel that must carry the line
// Calls to action that are boilerplate even the first time they appear.
const CALL_TO_ACTION = /(подпис|прислать новост|предложить новост|читать нас|subscribe|boost|наш канал|our channel)/iu;

interface ChannelLines {
  recent: string[][];
  counts: Map<string, number>;
}

export class BoilerplateFilter {
  private readonly channels = new Map<string, ChannelLines>();

  /** Text without the channel's boilerplate lines; remembers this post's lines. */
  clean(channelId: string, text: string): string {
    const lines = text.split('\n');
    const keys = lines.map(lineKey);
    const state = this.channelState(channelId);
    const kept = lines.filter((line, i) => !isBoilerplate(line, keys[i], state));
    this.remember(state, keys);
    if (kept.length === lines.length) return text;
    // A post made only of a repeated line (e.g. a recurring alert) is content, not a signature.
    return kept.some((l) => l.trim()) ? kept.join('\n') : text;
  }

  private channelState(channelId: string): ChannelLines {
    let s = this.channels.get(channelId);
    if (!s) {
      s = { recent: [], counts: new Map() };
      this.channels.set(channelId, s);
    }
    return s;
  }

  private remember(state: ChannelLines, keys: string[]): void {
    const unique = distinctKeys(keys);
    state.recent.push(unique);
    for (const k of unique) state.counts.set(k, (state.counts.get(k) ?? 0) + 1);
    if (state.recent.length > HISTORY) {
      for (const k of state.recent.shift() ?? []) {
        const n = (state.counts.get(k) ?? 0) - 1;
        if (n <= 0) state.counts.delete(k);
        else state.counts.set(k, n);
      }
    }
  }
}

/** The keys that are not empty, each once, in order. (Most posts have a few lines: looking through
 *  those taken is cheaper than a Set.) */
function distinctKeys(keys: string[]): string[] {
  if (keys.length > 16) return [...new Set(keys.filter(Boolean))];
  const out: string[] = [];
  for (const key of keys) if (key && !out.includes(key)) out.push(key);
  return out;
}

// Lines with links, URLs or mentions take the full normalisation; others the short way, which
// gives the same key (markup, hashtag signs and emphasis are punctuation or symbols anyway).
const NEEDS_NORMALIZING = /\]\(|https?:\/\/|www\.|t\.me\/|@/iu;

/** The line as it is compared: lower case, ё → е, without emoji, digits, punctuation or symbols. */
export function lineKey(line: string): string {
  if (NEEDS_NORMALIZING.test(line)) return linkLineKey(line);
  const key = keyOfLine(line);
  if (key !== null) return key;
  // Removing emoji and lower-casing commute, except for Σ, whose lower case depends on what follows.
  return keyOfLowerCase(line.includes('Σ') ? withoutEmoji(line).toLowerCase() : line.toLowerCase());
}

// Lines with links are mostly channel signatures, repeated word for word in post after post (over
// half of them in the shared posts), and theirs is the costly key (a full normalisation): kept per line.
const LINK_LINES_KEPT = 20_000;
const linkLineKeys = new Map<string, string>();

function linkLineKey(line: string): string {
  let key = linkLineKeys.get(line);
  if (key === undefined) {
    key = keyOfLowerCase(normalizeText(line));
    if (linkLineKeys.size >= LINK_LINES_KEPT) linkLineKeys.clear();
    linkLineKeys.set(line, key);
  }
  return key;
}

// Digits, spaces, punctuation and symbols.
const JUNK = new CharClass(/[\d\s\p{P}\p{S}]/u);
const YO = 0x451;
const YE = 0x435;
const BLANK = 0x20;
let keyBuffer = new Uint16Array(1024);

/**
 * One scan for what was `.replace(EMOJI, '').replace(/ё/g, 'е').replace(/[\d\s\p{P}\p{S}]+/gu, ' ').trim()`
 * on a lower-case line: emoji go, each run of junk becomes one space (none at the ends).
 */
function keyOfLowerCase(text: string): string {
  return scanKey(text, false)!;
}

/** `keyOfLowerCase(line.toLowerCase())`, lower-casing by table as it goes; null where the table
 *  cannot tell (toLowerCase decides then). The lower-case line has its units where the line has. */
function keyOfLine(line: string): string | null {
  return scanKey(line, true);
}

// What the key scan does with each BMP code unit, as one table read per unit instead of three
// (lower case, emoji, junk): the unit it writes (ё already as е), or one of the actions below. Two
// tables: one for a line lower-cased as it goes, one for a line that is lower case already.
const SKIP = -1; // emoji: dropped
const BREAK = -2; // junk: a space before the next unit kept
const ASK = -3; // no lower case by table: toLowerCase decides
const SURROGATE = -4; // half of a pair: its code point decides
const keyActions = (lowerByTable: boolean) => {
  const table = new Int32Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    const unit = lowerByTable ? LOWER[code] : code;
    if (code >= 0xd800 && code <= 0xdfff) table[code] = SURROGATE;
    else if (unit === NO_LOWER_BY_TABLE && lowerByTable) table[code] = ASK;
    else if (EMOJI.has(unit)) table[code] = SKIP;
    else if (JUNK.has(unit)) table[code] = BREAK;
    else table[code] = unit === YO ? YE : unit;
  }
  return table;
};
const LOWERING_ACTIONS = keyActions(true);
const AS_IS_ACTIONS = keyActions(false);

function scanKey(line: string, lowerByTable: boolean): string | null {
  if (keyBuffer.length < line.length) keyBuffer = new Uint16Array(line.length * 2);
  const actions = lowerByTable ? LOWERING_ACTIONS : AS_IS_ACTIONS;
  let length = 0;
  let space = false; // junk seen since the last character kept
  let surrogates = false;
  for (let i = 0; i < line.length; ) {
    const code = line.charCodeAt(i);
    let action = actions[code];
    if (action === SURROGATE) {
      // A surrogate is its own unit in the lower-case line; a pair is one emoji or junk code point.
      if (lowerByTable && code <= 0xdbff && !caseFreeAt(line, i)) return null;
      const emoji = EMOJI.at(line, i);
      const junk = emoji ? 0 : JUNK.at(line, i);
      if (emoji || junk) {
        if (junk) space = length > 0;
        i += emoji || junk;
        continue;
      }
      surrogates = true;
      action = code;
    } else if (action < 0) {
      if (action === ASK) return null;
      if (action === BREAK) space = length > 0;
      i++;
      continue;
    }
    if (space) keyBuffer[length++] = BLANK;
    space = false;
    i++;
    keyBuffer[length++] = action;
  }
  return codeUnitsToString(keyBuffer, length, !surrogates);
}

function isBoilerplate(line: string, key: string, state: ChannelLines): boolean {
  if (!key) return false;
  if ((state.counts.get(key) ?? 0) >= MIN_REPEATS) return true;
  return key.length < 80 && /\]\(|https?:\/\/|t\.me\//.test(line) && CALL_TO_ACTION.test(key);
}
