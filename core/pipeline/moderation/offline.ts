// The offline moderation check for image prompts: a small keyword list per category, ru and en,
// matched on word beginnings. Conservative on purpose: news words ("удар", "атака", "погибли",
// "war", "attack") flag nothing; only explicit gore, sexual content, self-harm, hate and how-to
// crime do. Category names follow the omni-moderation model's.
import type { ModerationVerdict } from '../types';

interface Category {
  name: string;
  /** Word beginnings (lower case, ё as е) that flag the category. */
  stems: string[];
  /** Two-word phrases that flag it; each word a beginning. */
  phrases?: [string, string][];
}

const CATEGORIES: Category[] = [
  {
    name: 'violence/graphic',
    stems: ['расчлен', 'обезглав', 'выпотрош', 'gore', 'gory', 'dismember', 'decapitat', 'disembowel', 'mutilat', 'изувеч'],
    phrases: [['лужа', 'кров'], ['море', 'кров'], ['оторван', 'конечн'], ['pool', 'blood'], ['severed', 'head'], ['severed', 'limb']],
  },
  {
    name: 'sexual',
    stems: ['порн', 'эротич', 'обнаженн', 'секс-сцен', 'porn', 'nude', 'erotic', 'nsfw', 'топлес', 'topless'],
  },
  {
    name: 'sexual/minors',
    stems: ['педофил', 'child porn', 'pedophil', 'paedophil'],
    phrases: [['обнажен', 'ребен'], ['обнажен', 'дет'], ['naked', 'child'], ['nude', 'child']],
  },
  {
    name: 'self-harm',
    stems: ['суицид', 'самоубийств', 'самоповрежд', 'suicid', 'self-harm', 'selfharm'],
    phrases: [['вскрыть', 'вен'], ['вскрыл', 'вен'], ['cut', 'wrist'], ['slit', 'wrist']],
  },
  {
    name: 'hate',
    stems: ['свастик', 'нацистск символ', 'swastika', 'white power', 'жидов', 'nigger', 'faggot', 'пидор'],
  },
  {
    name: 'illicit',
    stems: [],
    phrases: [['как', 'изготов'], ['how', 'make'], ['синтез', 'наркот'], ['recipe', 'meth'], ['собрать', 'бомб'], ['build', 'bomb'], ['изготовить', 'взрывчат']],
  },
];

// "как изготовить" and "how to make" are instructions only next to something illicit.
const ILLICIT_OBJECTS = ['бомб', 'взрывчат', 'наркот', 'метамфетамин', 'оружи', 'bomb', 'explosive', 'meth', 'drug', 'weapon', 'poison', 'яд'];

export function moderateOffline(text: string): ModerationVerdict {
  const normalized = text.toLowerCase().replace(/ё/g, 'е');
  const words = normalized.match(/[\p{L}\p{N}-]+/gu) ?? [];
  const categories = CATEGORIES.filter((c) => matches(c, normalized, words)).map((c) => c.name);
  return { flagged: categories.length > 0, categories };
}

function matches(category: Category, text: string, words: string[]): boolean {
  const starts = (w: string, stem: string) => w.startsWith(stem);
  if (category.stems.some((stem) => (stem.includes(' ') ? text.includes(stem) : words.some((w) => starts(w, stem))))) return true;
  for (const [a, b] of category.phrases ?? []) {
    for (let i = 0; i + 1 < words.length; i++) {
      // The second word may be one or two words further ("how to make", "лужа свежей крови").
      const near = words.slice(i + 1, i + 4);
      if (!starts(words[i], a) || !near.some((w) => starts(w, b))) continue;
      if (category.name !== 'illicit' || (a !== 'как' && a !== 'how') || words.slice(i, i + 6).some((w) => ILLICIT_OBJECTS.some((o) => starts(w, o)))) {
        return true;
      }
    }
  }
  return false;
}
