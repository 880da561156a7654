// Why an item ranks where it does, in words a reader can check: per item the total and one
// sentence ("12 channels in 3 hours, 4× their usual reach, rising fast") with each component's
// points; per window (sent once with a list, not with every item) what each component measures
// and why the two windows weigh differently — in Russian and English, numbers in each locale's
// format. The numbers in the words are read back from the components (each is a known curve of a
// count, see score.ts, popularity.ts, trend.ts) unless the caller knows them exactly.
import { RANKING_WINDOWS, type RankingWindow, type ScoreComponents } from './windows';

export type ExplainLocale = 'ru' | 'en';
export type Localized = Record<ExplainLocale, string>;
export type ComponentName = keyof ScoreComponents;

export interface ExplainInput {
  window: RankingWindow;
  components: ScoreComponents;
  /** Defaults to the window's weights. */
  weights?: ScoreComponents;
  /** Distinct channels of the story, when known (else read back from breadth). */
  channels?: number;
  /** Hours from the story's first post to its last, when known (topics). */
  spanHours?: number;
  /** Hours since the post, when known (single posts). */
  ageHours?: number;
}

export interface ExplainedComponent {
  name: ComponentName;
  value: number;
  weight: number;
  /** weight × value: what the component adds to the total. */
  points: number;
  /** points / total, 0..1 (0 when the total is 0). */
  share: number;
}

export interface RankExplanation {
  total: number;
  sentence: Localized;
  components: ExplainedComponent[];
}

/** What a component measures in a window: its name and a plain description (a tooltip's text). */
export interface ComponentMeaning {
  label: Localized;
  about: Localized;
}

/** What every item of a window's list shares, sent once with the list. */
export interface WindowExplanation {
  weights: ScoreComponents;
  parts: Record<ComponentName, ComponentMeaning>;
  /** Why the day and the week weigh the components differently. */
  weightsNote: Localized;
}

const ORDER: readonly ComponentName[] = ['popularity', 'trend', 'breadth', 'freshness'];

const LABELS: Record<ComponentName, Localized> = {
  popularity: { ru: 'Популярность', en: 'Popularity' },
  trend: { ru: 'Динамика', en: 'Trend' },
  breadth: { ru: 'Каналы', en: 'Channels' },
  freshness: { ru: 'Свежесть', en: 'Freshness' },
};

const fmt = (locale: ExplainLocale, value: number, digits: number) =>
  new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);

const ruPlural = (n: number, one: string, few: string, many: string) => {
  const form = new Intl.PluralRules('ru-RU').select(n);
  return form === 'one' ? one : form === 'few' ? few : many;
};
const enPlural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Channels from breadth = (n − 1) / (n − 1 + 3). */
export function channelsFromBreadth(breadth: number): number {
  if (breadth <= 0) return 1;
  if (breadth >= 1) return 100;
  return Math.max(1, Math.round(1 + (3 * breadth) / (1 - breadth)));
}

/** "N× the channel's usual reach" from popularity = raw / (raw + 1), raw = log2(1 + reach / median). */
export function usualReachMultiple(popularity: number): number {
  if (popularity <= 0) return 0;
  const raw = popularity >= 0.99 ? 99 : popularity / (1 - popularity);
  return Math.min(1000, 2 ** raw - 1);
}

/** Pace now against the window's average from trend = v / (v + 1). */
export function paceFromTrend(trend: number): number {
  if (trend <= 0) return 0;
  return trend >= 0.99 ? 99 : trend / (1 - trend);
}

function hoursText(hours: number): Localized {
  if (hours < 1) return { ru: 'меньше чем за час', en: 'within an hour' };
  const h = Math.round(hours);
  if (h >= 48) {
    const d = Math.round(h / 24);
    return { ru: `за ${d} ${ruPlural(d, 'день', 'дня', 'дней')}`, en: `in ${d} ${enPlural(d, 'day', 'days')}` };
  }
  return { ru: `за ${h} ${ruPlural(h, 'час', 'часа', 'часов')}`, en: `in ${h} ${enPlural(h, 'hour', 'hours')}` };
}

function agoText(hours: number): Localized {
  if (hours < 1) return { ru: 'меньше часа назад', en: 'less than an hour ago' };
  const h = Math.round(hours);
  if (h >= 48) {
    const d = Math.round(h / 24);
    return { ru: `${d} ${ruPlural(d, 'день', 'дня', 'дней')} назад`, en: `${d} ${enPlural(d, 'day', 'days')} ago` };
  }
  return { ru: `${h} ${ruPlural(h, 'час', 'часа', 'часов')} назад`, en: `${h} ${enPlural(h, 'hour', 'hours')} ago` };
}

function sentence(input: ExplainInput): Localized {
  const { components: c } = input;
  const ru: string[] = [];
  const en: string[] = [];
  const channels = input.channels ?? channelsFromBreadth(c.breadth);
  const span = input.spanHours !== undefined && channels > 1 ? hoursText(input.spanHours) : undefined;
  ru.push(`${channels} ${ruPlural(channels, 'канал', 'канала', 'каналов')}${span ? ` ${span.ru}` : ''}`);
  en.push(`${channels === 1 ? 'one channel' : `${channels} channels`}${span ? ` ${span.en}` : ''}`);

  const multiple = usualReachMultiple(c.popularity);
  if (multiple >= 1.5) {
    const m = multiple >= 10 ? Math.round(multiple) : Math.round(multiple * 10) / 10;
    ru.push(`в ${fmt('ru', m, 1)}× больше обычного охвата`);
    en.push(`${fmt('en', m, 1)}× their usual reach`);
  } else if (multiple >= 0.75) {
    ru.push('обычный для канала охват');
    en.push('their usual reach');
  } else {
    ru.push('охват ниже обычного');
    en.push('below their usual reach');
  }

  const pace = paceFromTrend(c.trend);
  const [paceRu, paceEn] = pace >= 2 ? ['быстро набирает', 'rising fast'] : pace >= 1.25 ? ['набирает', 'rising'] : pace < 0.6 ? ['затихает', 'fading'] : ['ровный интерес', 'steady'];
  ru.push(paceRu);
  en.push(paceEn);

  if (input.ageHours !== undefined) {
    const ago = agoText(input.ageHours);
    ru.push(ago.ru);
    en.push(ago.en);
  }
  return { ru: ru.join(', '), en: en.join(', ') };
}

function meaning(name: ComponentName, window: RankingWindow): ComponentMeaning {
  const half = RANKING_WINDOWS[window].halfLifeHours;
  const recent = RANKING_WINDOWS[window].recentHours;
  const about: Localized = {
    popularity: {
      ru: 'насколько больше людей, чем обычно у этих каналов, посмотрели, переслали, отреагировали и прокомментировали; ½ — как у обычного поста канала',
      en: 'how many more people than usual for these channels viewed, forwarded, reacted and commented; ½ is a typical post of the channel',
    },
    trend: {
      ru: `как быстро история набирает за последние ${recent} ${ruPlural(recent, 'час', 'часа', 'часов')} по сравнению со средним темпом; ½ — ровно, ближе к 1 — ускоряется, ближе к 0 — затихает`,
      en: `how fast the story grows in the last ${recent} ${enPlural(recent, 'hour', 'hours')} against its average pace; ½ is steady, towards 1 speeding up, towards 0 fading`,
    },
    breadth: {
      ru: 'сколько разных каналов написали об этом сами (пересылки и копии не считаются): 1 канал — 0, 4 — ½, 10 — 0,75',
      en: 'how many different channels covered it themselves (forwards and copies do not count): 1 channel is 0, 4 are ½, 10 are 0.75',
    },
    freshness: {
      ru: `насколько это новое: вдвое меньше каждые ${half} ${ruPlural(half, 'час', 'часа', 'часов')}`,
      en: `how recent it is: halves every ${half} ${enPlural(half, 'hour', 'hours')}`,
    },
  }[name];
  return { label: LABELS[name], about };
}

/** Why the day and the week weigh the components differently, from the windows' own weights. */
export function weightsNote(window: RankingWindow): Localized {
  const day = RANKING_WINDOWS['24h'].weights;
  const week = RANKING_WINDOWS['7d'].weights;
  const n = (l: ExplainLocale, v: number) => fmt(l, v, 2);
  const ru = `За сутки важнее то, что движется сейчас: динамика весит ${n('ru', day.trend)}, каналы — ${n('ru', day.breadth)}. За неделю важнее, сколько каналов написали: каналы весят ${n('ru', week.breadth)}, динамика — ${n('ru', week.trend)}.`;
  const en = `Over a day what moves now matters more: trend weighs ${n('en', day.trend)}, channels ${n('en', day.breadth)}. Over a week how many channels covered it matters more: channels weigh ${n('en', week.breadth)}, trend ${n('en', week.trend)}.`;
  const lead: Localized = window === '24h' ? { ru: 'Окно: 24 часа. ', en: 'Window: 24 hours. ' } : { ru: 'Окно: 7 дней. ', en: 'Window: 7 days. ' };
  return { ru: lead.ru + ru, en: lead.en + en };
}

export function explainWindow(window: RankingWindow): WindowExplanation {
  return {
    weights: RANKING_WINDOWS[window].weights,
    parts: Object.fromEntries(ORDER.map((name) => [name, meaning(name, window)])) as Record<ComponentName, ComponentMeaning>,
    weightsNote: weightsNote(window),
  };
}

export function explainRanking(input: ExplainInput): RankExplanation {
  const weights = input.weights ?? RANKING_WINDOWS[input.window].weights;
  const points = ORDER.map((name) => weights[name] * input.components[name]);
  const total = points.reduce((a, b) => a + b, 0);
  return {
    total,
    sentence: sentence(input),
    components: ORDER.map((name, i) => ({
      name,
      value: input.components[name],
      weight: weights[name],
      points: points[i],
      share: total > 0 ? points[i] / total : 0,
    })),
  };
}
