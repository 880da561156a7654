// The Morphology port (core/text/morphology.ts) over OpenCorpora's Russian dictionary, as the `az`
// package ships it (its dicts/ folder: no download). How the files are read is the runtime's part
// (node.ts reads node_modules); the dictionary itself and the readings are the same everywhere.
import Az, { type AzParse } from 'az';
import type { Gender, GrammaticalCase, Morphology, PartOfSpeech, WordReading } from '../../../core/text/morphology';

/** Reads one of the dictionary's files: JSON, or the bytes of the others. */
export type DictionaryFile = (name: string, kind: 'json' | 'arraybuffer') => Promise<unknown>;

const POS: Record<string, PartOfSpeech> = {
  NOUN: 'noun',
  VERB: 'verb',
  INFN: 'verb',
  GRND: 'verb',
  ADJF: 'adjective',
  ADJS: 'adjective',
  COMP: 'adjective',
  PRTF: 'adjective',
  PRTS: 'adjective',
};
// OpenCorpora's second genitive and locative ("чашка чаю", "в лесу") are those cases too.
const CASES: [string, GrammaticalCase][] = [
  ['nomn', 'nominative'], ['gent', 'genitive'], ['gen2', 'genitive'], ['datv', 'dative'], ['accs', 'accusative'],
  ['ablt', 'instrumental'], ['loct', 'locative'], ['loc2', 'locative'],
];
const GENDERS: [string, Gender][] = [['masc', 'masculine'], ['femn', 'feminine'], ['neut', 'neuter']];
const PERSON = ['Name', 'Surn', 'Patr'];
const PROPER = [...PERSON, 'Geox', 'Orgn', 'Trad'];
// Only the dictionary's own words: the package's guesses by suffix would read a name it does not
// know ("Хантера") as some noun's case, which is worse than the rules' own guess.
const DICTIONARY_ONLY = { parsers: ['Dictionary'], typos: 0, stutter: 0 };
/** Words remembered (a package reads a few hundred; news repeats its words). */
const CACHED_WORDS = 20_000;

class OpenCorporaMorphology implements Morphology {
  private readonly cache = new Map<string, readonly WordReading[]>();

  // As written: the dictionary knows names by their capital ("Грузии" is the country, "грузии" nothing).
  readings(word: string): readonly WordReading[] {
    let known = this.cache.get(word);
    if (!known) {
      known = Az.Morph(word, DICTIONARY_ONLY).filter((p) => p.parser === 'Dictionary').map(readingOf).sort((a, b) => b.score - a.score);
      if (this.cache.size >= CACHED_WORDS) this.cache.clear();
      this.cache.set(word, known);
    }
    return known;
  }
}

function readingOf(parse: AzParse): WordReading {
  const pos = POS[parse.tag.POST ?? ''] ?? 'other';
  const grammaticalCase = CASES.find(([grammeme]) => parse.tag[grammeme] === true)?.[1] ?? null;
  const gender = GENDERS.find(([grammeme]) => parse.tag[grammeme] === true) ?? null;
  let nominative: string | null = null;
  if (pos === 'noun' || parse.tag.POST === 'ADJF') nominative = grammaticalCase === 'nominative' ? parse.word : nominativeOf(parse, gender?.[0]);
  return { pos, nominative, grammaticalCase, gender: gender?.[1] ?? null, proper: PROPER.some((g) => parse.tag[g] === true), person: PERSON.some((g) => parse.tag[g] === true), score: parse.score };
}

// Forms no tag should take: informal ("трактора"), abbreviated ("гг"), archaic ("огнь"), misspelt.
const ODD_FORMS = ['Infr', 'Abbr', 'Arch', 'Erro', 'Dist', 'Slng'];
// What a form must share with the word to be the same word: a paradigm also holds derived forms
// ("Тарасович" beside "Тарас", "миллионные" beside "миллион").
const SAME_WORD = ['Name', 'Surn', 'Patr', 'Geox', 'Orgn', 'anim', 'inan'];

/** The nominative in the parse's number (and gender: a surname's paradigm holds "Дегтярев" and
 *  "Дегтярева"): the paradigm's first plain form of it ("трактора" is informal, "тракторы" it). */
function nominativeOf(parse: AzParse, gender: string | undefined): string | null {
  const number = parse.tag.plur === true ? 'plur' : 'sing';
  for (let i = 0; i < parse.formCnt; i++) {
    const form = parse.inflect(i);
    if (!form || form.tag.POST !== parse.tag.POST || form.tag.nomn !== true || form.tag[number] !== true) continue;
    if (gender && form.tag[gender] !== true && GENDERS.some(([g]) => form.tag[g] === true)) continue;
    if (ODD_FORMS.some((g) => form.tag[g] === true)) continue;
    // (An adjective's accusative says animate or not; its nominative does not.)
    if (parse.tag.POST === 'NOUN' && SAME_WORD.some((g) => (form.tag[g] === true) !== (parse.tag[g] === true))) continue;
    return form.word;
  }
  return null;
}

let loading: Promise<Morphology> | undefined;

/** The dictionary, loaded once per process (or isolate); a failed load is tried again next time. */
export function loadOpenCorporaMorphology(file: DictionaryFile): Promise<Morphology> {
  loading ??= new Promise<Morphology>((resolve, reject) => {
    Az.load = (url, kind, callback) => {
      file(url.replace(/^.*\//, ''), kind).then((data) => callback(null, data), (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    };
    let failed = false;
    Az.Morph.init('dicts', (error) => {
      if (failed) return;
      if (error) {
        failed = true;
        reject(error);
      } else resolve(new OpenCorporaMorphology());
    });
  }).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
