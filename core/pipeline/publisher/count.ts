// Text length in each platform's own unit. A text that fits by these counts is not refused for
// length when it is posted; where a platform does not say what it counts, UTF-16 code units are
// the safe choice (never fewer than the code points or the characters a reader sees).
// The package has only a default export in both its ESM and CommonJS builds.
import twitterText from 'twitter-text';

export type CountText = (text: string) => number;

/** UTF-16 code units (JavaScript's `length`): an emoji outside the BMP counts 2. */
export const utf16Length: CountText = (text) => text.length;

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** Unicode code points: an emoji counts 1 per code point (a ZWJ family is several). */
export const codePointLength: CountText = (text) => text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);

// The code points an emoji is made of: pictographs, skin tones, flag letters, keycaps, joiners,
// variation selectors and the tag characters of subdivision flags.
const EMOJI_PART = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200D\uFE0F\u20E3\u{E0020}-\u{E007F}]/gu;

function utf8Bytes(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  return codePoint < 0x10000 ? 3 : 4;
}

/**
 * Threads: code points, except that emoji count their UTF-8 bytes (Threads API, "Posts":
 * "Text posts are limited to 500 characters. Emojis are counted as the number of UTF-8 bytes").
 */
export const threadsLength: CountText = (text) => {
  let n = codePointLength(text);
  for (const m of text.matchAll(EMOJI_PART)) n += utf8Bytes(m[0].codePointAt(0)!) - 1;
  return n;
};

/** X: twitter-text's weighted length (most CJK and emoji weigh 2, every URL 23, Latin and Cyrillic 1). */
export const xWeightedLength: CountText = (text) => twitterText.parseTweet(text).weightedLength;

const URL_LIKE = /(?:https?:\/\/|www\.|\bt\.me\/)\S*/giu;
const URL_WEIGHT = ' '.repeat(23);

/** Close to X's count for Latin and Cyrillic text at a fraction of its cost: URLs as 23, the rest in UTF-16. */
export const xWeightEstimate: CountText = (text) => text.replace(URL_LIKE, URL_WEIGHT).length;
