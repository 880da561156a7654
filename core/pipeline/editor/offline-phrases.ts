// The offline Editor's own words: how it names a source, links sentences, and states what the
// posts themselves show (how many channels, when, what is unconfirmed). Per language and tone; the
// tone changes the wording a little, never the facts.
import type { Tone, UiLanguage } from '../../settings';
import { upperFirst } from '../text/rephrase';

export interface Phrases {
  /** "По данным {s:gen}, …": followed by the sentence with a lower-case start. The source goes in
   *  through `withSource`: `{s}` as the subject, `{s:gen}` and `{s:dat}` in those cases. */
  leadIns: string[];
  /** "{s} пишет: …": followed by the sentence as it is (used before quotes and names). */
  colonLeadIns: string[];
  /** Opening the next sentence from a source already named. */
  connectors: string[];
  sources(names: string[]): string;
  timeline(first: { time: string; channel: string }, last: { time: string; channel: string }): string;
  confirmed(count: number): string;
  singleSource(channel: string): string;
  contradiction(a: { value: string; channel: string }, b: { value: string; channel: string }): string;
  /** Key point of a fact: the fact and where it comes from. */
  keyPoint(fact: string, channel: string): string;
  /** A closing summary of the main facts, for a long text the posts cannot fill otherwise. */
  recap(facts: string[]): string;
  /** A headline for a post with no usable sentence. */
  postTitle(channel: string): string;
  /** One sentence: when each channel first reported. */
  postedBy(entries: { channel: string; time: string }[]): string;
}

type ToneWords = Pick<Phrases, 'leadIns' | 'colonLeadIns' | 'connectors'>;

const RU_TONES: Record<Tone, ToneWords> = {
  neutral: { leadIns: ['По данным {s:gen}', 'Как сообщает {s}'], colonLeadIns: ['{s} пишет'], connectors: ['Кроме того,', 'Также', 'При этом'] },
  formal: {
    leadIns: ['Согласно информации {s:gen}', 'Как информирует {s}'],
    colonLeadIns: ['{s} сообщает'],
    connectors: ['Помимо этого,', 'Вместе с тем', 'Кроме того,'],
  },
  friendly: { leadIns: ['Как рассказывает {s}', 'По словам {s:gen}'], colonLeadIns: ['{s} делится новостью'], connectors: ['А ещё', 'Кстати,', 'Вдобавок'] },
  energetic: { leadIns: ['Как передаёт {s}', 'По свежим данным {s:gen}'], colonLeadIns: ['{s} сообщает'], connectors: ['Более того,', 'Плюс ко всему,', 'И ещё:'] },
  analytical: {
    leadIns: ['Согласно данным {s:gen}', 'Как следует из сообщения {s:gen}'],
    colonLeadIns: ['{s} приводит такие данные'],
    connectors: ['При этом', 'Вместе с тем', 'Одновременно'],
  },
  ironic: { leadIns: ['Если верить {s:dat}', 'Как уверяет {s}'], colonLeadIns: ['{s} утверждает'], connectors: ['Более того,', 'А ещё', 'Вдобавок'] },
};

const EN_TONES: Record<Tone, ToneWords> = {
  neutral: { leadIns: ['According to {s}', 'As {s} reports'], colonLeadIns: ['{s} writes'], connectors: ['In addition,', 'Also,', 'Separately,'] },
  formal: {
    leadIns: ['According to information from {s}', 'As reported by {s}'],
    colonLeadIns: ['{s} states'],
    connectors: ['Furthermore,', 'In addition,', 'Moreover,'],
  },
  friendly: { leadIns: ['As {s} tells it', 'According to {s}'], colonLeadIns: ['{s} shares the news'], connectors: ['Plus,', 'Also,', 'By the way,'] },
  energetic: { leadIns: ['As {s} reports', 'Fresh from {s}'], colonLeadIns: ['{s} reports'], connectors: ["What's more,", 'On top of that,', 'And there is more:'] },
  analytical: {
    leadIns: ['According to data from {s}', 'As the report by {s} indicates'],
    colonLeadIns: ['{s} gives these figures'],
    connectors: ['At the same time,', 'In addition,', 'Notably,'],
  },
  ironic: { leadIns: ['If {s} is to be believed', 'As {s} assures us'], colonLeadIns: ['{s} claims'], connectors: ["What's more,", 'And as if that were not enough,', 'Also,'] },
};

function ruChannels(n: number): string {
  const ones = n % 10;
  const tens = n % 100;
  if (ones === 1 && tens !== 11) return 'канал';
  if (ones >= 2 && ones <= 4 && (tens < 12 || tens > 14)) return 'канала';
  return 'каналов';
}

function list(names: string[], and: string): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
}

const RU_FACTS: Omit<Phrases, keyof ToneWords> = {
  sources: (names) =>
    names.length === 1 ? `Сообщение опубликовал канал ${names[0]}.` : `О событии написали ${names.length} ${ruChannels(names.length)}: ${list(names, 'и')}.`,
  timeline: (first, last) =>
    `Первое сообщение появилось в ${first.time} по московскому времени (${first.channel}), последнее на момент подготовки текста — в ${last.time} (${last.channel}).`,
  confirmed: (count) => `Основные детали совпадают в сообщениях ${count} ${count === 1 ? 'канала' : 'каналов'}.`,
  singleSource: (channel) => `Часть подробностей пока приводит только ${channel}, их стоит перепроверить.`,
  contradiction: (a, b) => `Источники расходятся в цифрах: «${a.value}» у ${a.channel} и «${b.value}» у ${b.channel}.`,
  keyPoint: (fact, channel) => `${fact.replace(/[.!]$/u, '')} (${channel}).`,
  postTitle: (channel) => `Новое сообщение канала ${channel}`,
  recap: (facts) => `Коротко о главном: ${facts.map((f) => f.replace(/[.!]$/u, '')).join('; ')}.`,
  postedBy: (entries) => `Хронология публикаций (по московскому времени): ${entries.map((e) => `${e.channel} — ${e.time}`).join(', ')}.`,
};

const EN_FACTS: Omit<Phrases, keyof ToneWords> = {
  sources: (names) =>
    names.length === 1 ? `The report was published by ${names[0]}.` : `${names.length} channels reported on it: ${list(names, 'and')}.`,
  timeline: (first, last) => `The first report appeared at ${first.time} UTC (${first.channel}), the latest so far at ${last.time} UTC (${last.channel}).`,
  confirmed: (count) => `The main details match across ${count} ${count === 1 ? 'channel' : 'channels'}.`,
  singleSource: (channel) => `Some details come from ${channel} alone so far and are worth double-checking.`,
  contradiction: (a, b) => `The sources give different figures: "${a.value}" in ${a.channel} and "${b.value}" in ${b.channel}.`,
  keyPoint: (fact, channel) => `${fact.replace(/[.!]$/u, '')} (${channel}).`,
  postTitle: (channel) => `A new post by ${channel}`,
  recap: (facts) => `In short: ${facts.map((f) => f.replace(/[.!]$/u, '')).join('; ')}.`,
  postedBy: (entries) => `When each channel first reported it (UTC): ${entries.map((e) => `${e.channel} at ${e.time}`).join(', ')}.`,
};

export function phrasesFor(language: UiLanguage, tone: Tone): Phrases {
  return language === 'en' ? { ...EN_TONES[tone], ...EN_FACTS } : { ...RU_TONES[tone], ...RU_FACTS };
}

// "канал" in the case a lead-in puts its source in.
const CHANNEL_WORD = { nom: 'канал', gen: 'канала', dat: 'каналу' } as const;

/**
 * A lead-in with its source (a `channelName`) put in. A Russian title that opens on a word Russian
 * declines cannot stand after "По данным" as it is ("По данным Москва с огоньком", "Как сообщает
 * Новости Москвы"): the channel is named as one, and "канал" declines instead ("По данным канала
 * «Москва с огоньком»", "Как сообщает канал «Новости Москвы»"). Latin names, acronyms and figures
 * (Mash, РИА Новости, 112) stay as they are.
 */
export function withSource(template: string, name: string, language: UiLanguage): string {
  const bare = name.replace(/^«(.*)»$/u, '$1');
  const declines = language === 'ru' && /^\p{Script=Cyrillic}/u.test(bare) && /^\p{Lu}\p{Ll}/u.test(bare);
  return template.replace(/\{s(?::(gen|dat))?\}/gu, (_, grammaticalCase: 'gen' | 'dat' | undefined, at: number) => {
    if (!declines) return name;
    const word = CHANNEL_WORD[grammaticalCase ?? 'nom'];
    return `${at === 0 ? upperFirst(word) : word} «${bare}»`;
  });
}

/**
 * A channel title as the text names it: signature tails ("| Русская служба", "• Новости Москвы")
 * dropped, and titles that are not a plain name («Раньше всех. Ну почти») put in quotes.
 */
export function channelName(title: string, language: UiLanguage): string {
  const head = title
    .replace(/[\p{Extended_Pictographic}\u{FE0F}]/gu, '')
    .split(/\s[|•·]\s/u)[0]
    .trim()
    .replace(/[.!,;:]+$/u, '');
  const plain = /^[\p{L}\p{N}][\p{L}\p{N}\s'’&+/-]*$/u.test(head) && head.split(/\s+/).length <= 3;
  if (plain) return head;
  return language === 'ru' ? `«${head}»` : `"${head}"`;
}

/** "HH:MM" of an ISO time, in Moscow time (UTC+3, no daylight saving) for Russian, UTC for English. */
export function clock(iso: string, language: UiLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const shifted = new Date(date.getTime() + (language === 'ru' ? 3 * 3600_000 : 0));
  return `${String(shifted.getUTCHours()).padStart(2, '0')}:${String(shifted.getUTCMinutes()).padStart(2, '0')}`;
}

/** The words of the framing sentences above (lower case): they say how the story was covered, not
 *  what it is about, so no hashtag is made of them (publisher/hashtags.ts). */
export const FRAMING_WORDS: readonly string[] = [RU_FACTS, EN_FACTS]
  .flatMap((f) => {
    const at = { time: '', channel: '' };
    const figure = { value: '', channel: '' };
    return [f.sources(['', '']), f.sources(['']), f.timeline(at, at), f.confirmed(1), f.confirmed(2), f.singleSource(''), f.contradiction(figure, figure), f.recap([]), f.postedBy([]), f.postTitle('')];
  })
  .flatMap((sentence) => sentence.toLowerCase().match(/\p{L}{3,}/gu) ?? []);
