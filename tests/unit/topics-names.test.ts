// Declined Russian names get one key in every case; sentence-opening words and capitalised
// adjectives are not taken for names.
import { describe, expect, it } from 'vitest';
import { NameLexicon, nameKey, nameKeys } from '../../core/topics/names';

describe('name keys', () => {
  it('gives a declined name the same key in every case', () => {
    const keys = ['Песков', 'Пескова', 'Пескову', 'Песковым'].map((w) => nameKey(w.toLowerCase()));
    expect(new Set(keys)).toEqual(new Set(['песко']));
    expect(nameKey('путиным')).toBe(nameKey('путин'));
  });

  it('keeps names inside sentences, sets sentence openers apart and skips adjectives', () => {
    const keys = nameKeys('Сегодня Международный день. Заявление сделал Песков, а в Москве Путиным недовольны');
    expect(keys.inner).toEqual(['^песко', '^москв', '^путин']);
    expect(keys.leading).toEqual(['^сегод', '^заявл']);
  });

  it('counts a sentence opener as a name once the corpus has seen it inside a sentence', () => {
    const lexicon = new NameLexicon();
    const opener = nameKeys('Шольц прибыл в Киев');
    expect(lexicon.tokens(opener)).toEqual(['^киев']);
    lexicon.learn(nameKeys('Канцлер Шольц заявил').inner);
    expect(lexicon.tokens(opener)).toEqual(['^киев', '^шольц']);
  });
});
