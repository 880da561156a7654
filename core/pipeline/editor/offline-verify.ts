// What the reader should double-check: claims only one channel makes (with figures or names in
// them), and figures the channels disagree on ("погибли 5" here, "погибли 7" there).
import { ENGLISH_STOPWORDS, RUSSIAN_STOPWORDS } from '../../text/stopwords';
import { stem } from '../../text/stem';
import type { SourcePost, VerificationFlag } from '../types';
import type { PoolSentence } from './offline-material';
import { channelName, type Phrases } from './offline-phrases';
import type { UiLanguage } from '../../settings';

const MAX_CONTRADICTIONS = 3;
const MAX_SINGLE_SOURCE = 4;

interface Figure {
  /** The figure as written, with the word it counts ("5 человек", "19:17 мск"). */
  value: string;
  number: number;
  /** What is counted: the stem of the next word, or "time". */
  key: string;
  sentence: PoolSentence;
}

const COUNT = /(?<![\p{N}.,:/-])(\d{1,3}(?:[ \u00A0]\d{3})*(?:[.,]\d+)?)(?![\p{N}:-]|[.,]\d)\s+(\p{L}+)/gu;
const TIME = /(?<![\p{N}])(\d{1,2})[:.](\d{2})(?=\s*(?:мск|по московскому|msk|utc|gmt))/giu;
const NOT_COUNTED = /^(год|года|году|лет|г|гг|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|мск|часов|часа|минут|january|february|march|april|may|june|july|august|september|october|november|december|years?|am|pm)$/iu;

function figures(s: PoolSentence): Figure[] {
  const out: Figure[] = [];
  for (const m of s.text.matchAll(COUNT)) {
    const word = m[2].toLowerCase();
    if (NOT_COUNTED.test(word) || word.length < 3 || RUSSIAN_STOPWORDS.has(word) || ENGLISH_STOPWORDS.has(word)) continue;
    const number = Number(m[1].replace(/[ \u00A0]/g, '').replace(',', '.'));
    if (/^(19|20)\d\d$/.test(m[1])) continue; // a year
    const lang = /\p{Script=Cyrillic}/u.test(word) ? 'ru' : 'en';
    out.push({ value: `${m[1]} ${m[2]}`, number, key: stem(word.replace(/ё/g, 'е'), lang), sentence: s });
  }
  for (const m of s.text.matchAll(TIME)) {
    out.push({ value: `${m[1]}:${m[2]}`, number: Number(m[1]) * 60 + Number(m[2]), key: 'time', sentence: s });
  }
  return out;
}

/** Figures two channels give differently for the same thing, in sentences about the same thing. */
export function contradictions(all: PoolSentence[], posts: SourcePost[], phrases: Phrases, language: UiLanguage): VerificationFlag[] {
  const list = all.flatMap(figures);
  const channelOf = (f: Figure) => posts[f.sentence.post].channelTitle;
  // Every value a channel gives for a key: a channel listing both figures is not contradicting.
  const given = new Map<string, Set<number>>();
  for (const f of list) {
    const k = `${channelOf(f)}\u0000${f.key}`;
    given.set(k, (given.get(k) ?? new Set()).add(f.number));
  }
  const flags: VerificationFlag[] = [];
  const reported = new Set<string>();
  for (let i = 0; i < list.length && flags.length < MAX_CONTRADICTIONS; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i];
      const b = list[j];
      if (a.key !== b.key || a.number === b.number || reported.has(a.key)) continue;
      if (channelOf(a) === channelOf(b)) continue;
      if (given.get(`${channelOf(a)}\u0000${a.key}`)!.has(b.number) || given.get(`${channelOf(b)}\u0000${b.key}`)!.has(a.number)) continue;
      if (sharedContext(a, b) < 2) continue;
      reported.add(a.key);
      flags.push({
        claim: phrases.contradiction(
          { value: a.value, channel: channelName(channelOf(a), language) },
          { value: b.value, channel: channelName(channelOf(b), language) },
        ),
        reason: 'contradiction',
        sources: [posts[a.sentence.post].url, posts[b.sentence.post].url],
      });
      break;
    }
  }
  return flags;
}

function sharedContext(a: Figure, b: Figure): number {
  let n = 0;
  for (const s of a.sentence.stems) if (s !== a.key && b.sentence.stems.has(s)) n++;
  return n;
}

/** Claims with figures or names that no other channel confirms. */
export function singleSourceClaims(
  used: { sentence: PoolSentence; claim: string }[],
  posts: SourcePost[],
): VerificationFlag[] {
  const channels = new Set(posts.map((p) => p.channelTitle));
  if (channels.size < 2) return [];
  const flags: VerificationFlag[] = [];
  const seen = new Set<PoolSentence>();
  for (const { sentence, claim } of used) {
    if (flags.length >= MAX_SINGLE_SOURCE) break;
    if (seen.has(sentence) || sentence.confirmedBy.length > 0 || !isCheckable(sentence.text)) continue;
    seen.add(sentence);
    flags.push({ claim, reason: 'single_source', sources: [posts[sentence.post].url] });
  }
  return flags;
}

// A figure, or a name that is not the sentence's first word.
function isCheckable(text: string): boolean {
  return /\d/.test(text) || /[\s«"(]\p{Lu}\p{Ll}/u.test(text.slice(1));
}
