// The hand-written fast paths of text analysis (issue 12) against what they replace: the regex
// chains (kept here as the reference), snowball-stemmers, and the MinHash of joined shingles.
import snowballFactory from 'snowball-stemmers';
import { describe, expect, it } from 'vitest';
import { CharClass } from '../../core/text/chars';
import { stemEnglish } from '../../core/text/english-stem';
import { bulgarianEvidence } from '../../core/text/language';
import { normalizeStripped, stripMarkup } from '../../core/text/markup';
import { stemRussian } from '../../core/text/russian-stem';
import { stemSpans, stemSpansWithKeys, stemWords, wordSpans, words } from '../../core/text/tokenize';
import { lineKey } from '../../core/topics/boilerplate';
import { fnv1a, shingles, signature, spanSignature } from '../../core/topics/minhash';
import { nameKey, nameKeys, type NameKeys } from '../../core/topics/names';
import { RUSSIAN_STOPWORDS } from '../../core/text/stopwords';
import { SIMD_CHUNK } from '../../core/topics/minhash-simd';
import { loadTelegramDay, loadUciStories } from '../fixtures/eval/load';

const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}\u{20E3}\u{1F1E6}-\u{1F1FF}]/gu;

const reference = {
  stripMarkup: (text: string) =>
    text
      .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))+\)/g, (_m, anchor: string) => (/^\s*(https?:\/\/|www\.)/i.test(anchor) ? '' : anchor))
      .replace(/\b(?:https?:\/\/|www\.|t\.me\/)[^\s)\]]+/giu, '')
      .replace(EMOJI, '')
      .replace(/(\*\*|__|~~|\|\||`{1,3})/g, '')
      .replace(/[ \t\u00A0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim(),
  normalizeStripped: (stripped: string) =>
    stripped
      .replace(/(^|\s)@[\w\d_]+/gu, ' ')
      .replace(/#(\p{L}[\p{L}\p{N}_]*)/gu, (_m, tag: string) => tag.replace(/_/g, ' '))
      .toLowerCase()
      .replace(/ё/g, 'е')
      .replace(/\s+/g, ' ')
      .trim(),
  words: (normalized: string) => normalized.match(/[\p{L}\p{N}]+(?:(?:[-'’]|(?<=[0-9])[.,](?=[0-9]))[\p{L}\p{N}]+)*/gu) ?? [],
  lineKey: (line: string) => {
    const junk = /[\d\s\p{P}\p{S}]+/gu;
    if (/\]\(|https?:\/\/|www\.|t\.me\/|@/iu.test(line)) return reference.normalizeStripped(reference.stripMarkup(line)).replace(junk, ' ').trim();
    return line.replace(EMOJI, '').toLowerCase().replace(/ё/g, 'е').replace(junk, ' ').trim();
  },
  bulgarianEvidence: (text: string) =>
    (
      text.match(
        /ъ(?=[бвгджзйклмнпрстфхцчшщ]|(?!\p{L}))|(?<!\p{L})(?:че|ще|са|се|във|със|към|това|този|тази|които|който|която|беше|няма|някой|защото|обаче|сега|днес)(?!\p{L})/giu,
      ) ?? []
    ).length,
};

// Deterministic pseudo-random texts from pieces that trip scanners up.
const PIECES = [
  '[', ']', '(', ')', '](', '[x](', '](http://a.b/c)', '[Подписаться](https://t.me/+abc)', '[https://x.y](https://x.y)', '[t](http://a.com/(x))',
  '**', '*', '_', '__', '~~', '|', '||', '`', '```', '````', ' ', '  ', '\t', '\u00A0', '\n', ' \n ', '\r\n', '\u2028', '\u3000', '\ufeff',
  'http://', 'HTTPS://', 'httpſ://', 'www.', 'T.ME/', 'xhttp://a', '_www.a', 'Kelvin', 'a.com/x', 'Привет', 'ЁЛКА', 'ёж', 'Песков',
  '😀', '👍🏻', '🇷🇺', '❤️', '©', '#️⃣', '\u200D', '#', '#тег', '#tag_name', '#_x', '@user', '@', ' @a', '@a@b', 'a@b.com',
  'İ', 'Σ', 'ΟΔΟΣ', '\uD800', '\uDC00', '𝐀𝐁', '𐐀', '2024', "it's", 'It’s', 'из-за', '-', '.', '! ', '…', '«', '»', '—',
  'Києві', 'ще', 'Че', 'във', 'съм', 'ъ', 'Ъ', 'ᲃе', 'ᲆ', 'объект', 'въпрос', 'The', 'café',
];

function randomTexts(count: number, seed = 1): string[] {
  let state = seed;
  const next = (n: number) => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) % n);
  return Array.from({ length: count }, () => Array.from({ length: 1 + next(30) }, () => PIECES[next(PIECES.length)] + (next(3) ? '' : ' ')).join(''));
}

const day = loadTelegramDay().map((p) => p.text);
const texts = [...day, ...randomTexts(4000)];

describe('markup and tokenizer scanners', () => {
  it('strip markup as the regex chain did', () => {
    for (const t of texts) expect(stripMarkup(t)).toBe(reference.stripMarkup(t));
  });

  it('normalise and split into words as the regexes did', () => {
    for (const t of texts) {
      const stripped = stripMarkup(t);
      const normalized = normalizeStripped(stripped);
      expect(normalized).toBe(reference.normalizeStripped(stripped));
      expect(words(normalized)).toEqual(reference.words(normalized));
    }
  });

  it('normalise texts with every BMP code unit as the regexes did, in lower and upper case company', () => {
    for (let code = 0; code < 0x10000; code++) {
      const unit = String.fromCharCode(code);
      for (const text of [`Ab ${unit}Вг${unit}`, `${unit}Ё \t${unit}\uD83D\uDE00`]) expect(normalizeStripped(text)).toBe(reference.normalizeStripped(text));
    }
  });

  it('key boilerplate lines as the regexes did', () => {
    for (const t of texts) for (const line of t.split('\n')) expect(lineKey(line)).toBe(reference.lineKey(line));
  });

  it('key lines with every BMP code unit as the regexes did, in lower and upper case company', () => {
    // Except Ⓜ (U+24C2), an emoji whose lower case ⓜ is a symbol: the scan lower-cases first, so it
    // becomes a space where the regexes dropped it. Pinned as the index has always keyed it.
    const CIRCLED_M = 0x24c2;
    for (let code = 0; code < 0x10000; code++) {
      const unit = String.fromCharCode(code);
      for (const line of [`Ab${unit}Вг${unit}`, `${unit}ё 1`]) {
        if (code !== CIRCLED_M) expect(lineKey(line)).toBe(reference.lineKey(line));
      }
    }
    expect(lineKey('AbⓂВгⓂ')).toBe('ab вг');
  });

  it('key a repeated line with a link as the first time, also once the kept keys start over', () => {
    const lines = Array.from({ length: 25_000 }, (_, i) => `Подписаться ${i % 7 ? '' : 'НА '}[канал ${i % 30_001}](https://t.me/c${i})`);
    const first = lines.map(lineKey);
    expect(lines.map(lineKey)).toEqual(first);
    for (const [i, line] of lines.entries()) if (i % 997 === 0) expect(first[i]).toBe(reference.lineKey(line));
  });

  it('count Bulgarian evidence as the regex did', () => {
    for (const t of [...texts, 'Че ще има избори, каза той във вторник', 'ъгъл пътят сърце ᲃе ᲀъв ъ1 ъ𝐀 че𝐀']) {
      expect(bulgarianEvidence(t)).toBe(reference.bulgarianEvidence(t));
    }
  });

  it('classify code points as their regex does, astral ones and lone surrogates included', () => {
    const letter = new CharClass(/\p{L}/u);
    const sample = ['a', 'Я', '1', ' ', '\uD800', '\uDC00x', '𝐀', '😀', '𐐀', '\uD83D', '中'];
    for (const s of sample) expect(letter.at(s, 0)).toBe(/^\p{L}/u.test(s) ? String.fromCodePoint(s.codePointAt(0) ?? 0).length : 0);
  });
});

describe('stemmers', () => {
  const wordsOf = (list: string[]) => new Set(list.flatMap((t) => reference.words(reference.normalizeStripped(reference.stripMarkup(t)))));
  // Real words plus made-up ones: real stems with other words' endings, and the exception lists.
  function vocabulary(real: Set<string>): string[] {
    const list = [...real];
    const made = list.slice(0, 3000).flatMap((w, i) => [w.slice(0, 1 + (i % 5)) + list[(i * 7919) % list.length].slice(-1 - (i % 4)), w + w.slice(-2)]);
    return [...list, ...made];
  }

  it('stem Russian as snowball-stemmers does', () => {
    const snowball = snowballFactory.newStemmer('russian');
    const cyrillic = [...wordsOf(day)].filter((w) => /\p{Script=Cyrillic}/u.test(w));
    for (const w of vocabulary(new Set(cyrillic))) expect(stemRussian(w)).toBe(snowball.stem(w));
  });

  it('stem English as snowball-stemmers does', () => {
    const snowball = snowballFactory.newStemmer('english');
    const latin = [...wordsOf(loadUciStories().slice(0, 3000).map((s) => s.title))].filter((w) => /^[a-z']+$/.test(w));
    const special = ['skies', 'dying', 'news', 'inning', 'innings', 'proceed', 'generous', 'communism', 'arsenal', "'yes", 'sky', 'ye', "dogs'", "it's"];
    for (const w of [...vocabulary(new Set(latin)), ...special]) expect(stemEnglish(w)).toBe(snowball.stem(w));
  });
});

describe('words', () => {
  it('keep a decimal figure whole, and a comma or full stop between words still splits them', () => {
    expect(words('стол обойдется в 9,1 тыс. рублей, рост 13.5% — 2024.12')).toEqual(['стол', 'обойдется', 'в', '9,1', 'тыс', 'рублей', 'рост', '13.5', '2024.12']);
    expect(words('итог: 5, 6 и 7. дальше')).toEqual(['итог', '5', '6', 'и', '7', 'дальше']);
  });
});

describe('words as spans', () => {
  it('stem and sign the words at their spans as the words themselves', () => {
    for (const t of texts) {
      const normalized = normalizeStripped(stripMarkup(t));
      const list = words(normalized);
      expect(stemSpans(wordSpans(normalized))).toEqual(stemWords(list));
      expect(spanSignature(wordSpans(normalized))).toEqual(signature(shingles(list)));
    }
  });

  it('hash each word as fnv1a does, and key each stem by its word (none for words too long to keep)', () => {
    const keyOfWord = new Map<string, number>();
    const long = `${'aGVsbG8gd29ybGQ'.repeat(5)} z ${'ж'.repeat(65)} x ${'y'.repeat(64)}`;
    for (const t of [...texts, long]) {
      const normalized = normalizeStripped(stripMarkup(t));
      const list = words(normalized);
      const spans = wordSpans(normalized); // (after words(), which reuses the same spans)
      expect(Array.from(spans.hashes.subarray(0, spans.count), (h) => h >>> 0)).toEqual(list.map(fnv1a));
      expect(spanSignature(spans)).toEqual(signature(shingles(list)));
      const { stems, keys } = stemSpansWithKeys(wordSpans(normalized));
      expect(stems).toEqual(stemWords(list));
      const stemmed = list.filter((w) => w.length >= 2 && stemWords([w]).length === 1);
      expect(keys.length).toBe(stemmed.length);
      stemmed.forEach((w, i) => {
        expect(keys[i] < 0).toBe(w.length > 64);
        if (keys[i] >= 0) expect(keyOfWord.get(w) ?? keys[i]).toBe(keys[i]);
        keyOfWord.set(w, keys[i]);
      });
    }
  });

  it('keeps stemming right after the word cache fills up and starts over', () => {
    const madeUp = (i: number) => `q${i.toString(26).replace(/\d/g, (d) => 'klmnopqrst'[Number(d)])}`;
    const probe = ['running', 'новости', 'из-за', 'it’s', '2024', 'и', madeUp(7)];
    const before = stemWords(probe);
    stemWords(Array.from({ length: 210_000 }, (_, i) => madeUp(i)));
    expect(stemWords(probe)).toEqual(before);
    expect(before).toEqual(['run', 'новост', 'it', '2024', madeUp(7)]); // stopwords dropped
  });
});

describe('name keys', () => {
  // What the scanner over runs of letters replaced: a regex for capitalised words.
  function reference(stripped: string): NameKeys {
    const keys: NameKeys = { inner: [], leading: [] };
    for (const match of stripped.matchAll(/(?<![\p{L}\p{N}])\p{Lu}\p{Ll}{2,}(?![\p{L}\p{N}])/gu)) {
      const word = match[0].toLowerCase().replace(/ё/g, 'е');
      if (!/^\p{Script=Cyrillic}+$/u.test(word) || RUSSIAN_STOPWORDS.has(word) || /(?:ый|ое|ые|ых|ная|ную|ного|ному)$/u.test(word)) continue;
      const before = stripped.slice(0, match.index).replace(/[ \t]+$/, '');
      const opens = before === '' || /[.!?…:;"«»„“”\n—–-]/u.test(before[before.length - 1]);
      (opens ? keys.leading : keys.inner).push(`^${nameKey(word)}`);
    }
    return keys;
  }

  it('find the names the regex found', () => {
    for (const t of [...texts, 'Ǆemal Ǉubo 𝐀bc Ab𝐚c Аб Абв Абв1 1Абв Абв-Где Éte 𐐀𐐨𐐨 Ωμέγα Ёлка ЁЛКА. Пескова']) {
      const stripped = stripMarkup(t);
      expect(nameKeys(stripped)).toEqual(reference(stripped));
    }
  });
});

describe('spanSignature', () => {
  const wordList = (n: number) => Array.from({ length: n }, (_, i) => `w${(i * 7) % 23}`);
  const spansOf = (list: string[]) => {
    const text = list.join(' ');
    expect(words(text)).toEqual(list);
    return wordSpans(text);
  };

  it('equals the signature of the joined shingles, with the SIMD kernel and without', () => {
    for (const n of [0, 1, 2, 3, 4, 11, 12, 13, 100]) {
      const list = wordList(n);
      const expected = signature(shingles(list));
      expect(spanSignature(spansOf(list), 'simd')).toEqual(expected);
      expect(spanSignature(spansOf(list), 'scalar')).toEqual(expected);
    }
  });

  it('folds texts longer than one SIMD call in chunks', () => {
    const list = Array.from({ length: SIMD_CHUNK + 500 }, (_, i) => `слово${i}`);
    expect(spanSignature(spansOf(list), 'simd')).toEqual(signature(shingles(list)));
  });
});
