// The offline Editor on real multi-channel stories of 2024-12-03 (topics built by our own
// TopicIndex from the fixture day), and the draft rules it shares with the OpenAI adapter.
import { describe, expect, it } from 'vitest';
import { BODY_LENGTHS, KEY_POINTS, checkEditorDraft, distinctSourceText } from '../../core/pipeline/editor/check';
import { makeHeadline, writeArticleOffline } from '../../core/pipeline/editor/offline';
import { CONNECTIVE } from '../../core/pipeline/editor/offline-bodies';
import { copiedPassages, scoreOriginality } from '../../core/pipeline/originality';
import type { EditorDraft, EditorRequest, SourcePost } from '../../core/pipeline/types';
import { detectLanguage } from '../../core/text';
import { TopicIndex } from '../../core/topics';
import { wordSpans } from '../../core/pipeline/text/word-spans';
import { loadTelegramDay, type ChannelPost } from '../fixtures/eval/load';

const STORIES = {
  korea: /Южной Кореи объявил о введении военного положения/,
  asteroid: /астероид/i,
  crash: /Ленинградском проспекте/,
  freezingRain: /ледяной дождь/,
  pond: /Кошачьем пруду/,
} as const;
type Story = keyof typeof STORIES;

function toSourcePost(p: ChannelPost): SourcePost {
  return {
    id: p.msgId,
    url: `https://t.me/c/${p.channelId.replace(/^-100/, '')}/${p.msgId}`,
    channelTitle: p.channelTitle,
    channelUsername: null,
    date: p.date,
    text: p.text,
    lang: detectLanguage(p.text),
    views: null,
    photoUrl: null,
  };
}

/** Each story's distinct posts (copies collapsed, as the service hands them over), up to 20. */
function loadStories(): Record<Story, SourcePost[]> {
  const posts = loadTelegramDay();
  const byId = new Map(posts.map((p) => [p.id, p]));
  const index = new TopicIndex();
  for (const p of posts) index.add(p);
  const topics = index.topics().filter((t) => t.channels.length >= 3);
  const out = {} as Record<Story, SourcePost[]>;
  for (const [story, re] of Object.entries(STORIES) as [Story, RegExp][]) {
    const topic = topics.filter((t) => re.test(t.title)).sort((a, b) => b.channels.length - a.channels.length)[0];
    out[story] = topic.posts.filter((m) => !m.duplicateOf).slice(0, 20).map((m) => toSourcePost(byId.get(m.postId)!));
  }
  return out;
}

const stories = loadStories();
const request = (posts: SourcePost[], extra: Partial<EditorRequest> = {}): EditorRequest => ({ language: 'ru', tone: 'neutral', posts, ...extra });
const drafts = Object.fromEntries(
  (Object.keys(stories) as Story[]).map((s) => [s, writeArticleOffline(request(stories[s]))]),
) as Record<Story, EditorDraft>;
const BODIES = ['short', 'medium', 'long'] as const;
/** A Russian post of channel `id`, posted at 1`id`:00 on `day`. */
const postsOn =
  (day: string) =>
  (id: number, channelTitle: string, text: string): SourcePost => ({
    id, url: `https://t.me/c/100${id}/${id}`, channelTitle, channelUsername: null, date: `${day}T1${id}:00:00Z`, text, lang: 'ru', views: null, photoUrl: null,
  });
/** A Russian rephrasing context that knows `lower` as words seen in lower case. */
const ruContext = (lower: string[] = []) => ({ lang: 'ru' as const, nameWords: new Set<string>(), lowerWords: new Set(lower), lowerStems: new Set<string>() }) as never;
/** The offline draft of Russian posts, one per channel, given as [channel, text]. */
const draftOn = (day: string, posts: [string, string][]) => writeArticleOffline(request(posts.map(([channel, text], i) => postsOn(day)(i + 1, channel, text))));

describe('writeArticleOffline on real stories', { timeout: 30_000 }, () => {
  it('works from stories of at least three channels', () => {
    for (const posts of Object.values(stories)) expect(new Set(posts.map((p) => p.channelTitle)).size).toBeGreaterThanOrEqual(3);
  });

  it('passes the Editor rules with no problems', () => {
    for (const [story, draft] of Object.entries(drafts)) {
      const checked = checkEditorDraft(draft, stories[story as Story]);
      expect(checked.problems, story).toEqual([]);
      expect(checked.droppedLinks, story).toEqual([]);
    }
  });

  it('writes a whole headline: non-empty, within 120 characters, ending on a whole word', () => {
    for (const [story, draft] of Object.entries(drafts)) {
      expect(draft.headline.length, story).toBeGreaterThan(10);
      expect(draft.headline.length, story).toBeLessThanOrEqual(120);
      expect(draft.headline, story).toMatch(/[\p{L}\p{N}»")]$/u);
      const known = new Set([...stories[story as Story], { text: draft.body.long }].flatMap((p) => wordSpans(p.text).map((w) => w.word)));
      const last = wordSpans(draft.headline).at(-1)!.word;
      expect(known.has(last), `${story}: "${last}"`).toBe(true);
      expect(draft.dek.trim().length, story).toBeGreaterThan(0);
    }
  });

  it('makes three bodies of growing length within their bounds as the material allows', () => {
    for (const [story, draft] of Object.entries(drafts)) {
      const { short, medium, long } = draft.body;
      expect(short.length, story).toBeLessThanOrEqual(BODY_LENGTHS.short.max);
      expect(medium.length, story).toBeLessThanOrEqual(BODY_LENGTHS.medium.max);
      expect(long.length, story).toBeLessThanOrEqual(BODY_LENGTHS.long.max);
      expect(short.length, story).toBeLessThan(medium.length);
      expect(medium.length, story).toBeLessThan(long.length);
      const material = distinctSourceText(stories[story as Story]).length;
      if (material >= BODY_LENGTHS.medium.min) expect(medium.length, story).toBeGreaterThanOrEqual(BODY_LENGTHS.medium.min);
      if (material >= BODY_LENGTHS.long.min) expect(long.length, story).toBeGreaterThanOrEqual(BODY_LENGTHS.long.min);
    }
  });

  it('gives 3–7 key points credited to different channels', () => {
    for (const [story, draft] of Object.entries(drafts)) {
      expect(draft.keyPoints.length, story).toBeGreaterThanOrEqual(KEY_POINTS.min);
      expect(draft.keyPoints.length, story).toBeLessThanOrEqual(KEY_POINTS.max);
      const credited = draft.keyPoints.map((p) => /\(([^()]+)\)\.$/.exec(p)?.[1]).filter(Boolean);
      expect(new Set(credited).size, story).toBeGreaterThanOrEqual(3);
    }
  });

  it('links only the input posts and names real channels in the text', () => {
    for (const [story, draft] of Object.entries(drafts)) {
      const posts = stories[story as Story];
      const urls = new Set(posts.map((p) => p.url));
      expect(draft.sourceLinks.length, story).toBeGreaterThan(0);
      for (const link of draft.sourceLinks) expect(urls.has(link), link).toBe(true);
      for (const flag of draft.needsVerification) for (const link of flag.sources) expect(urls.has(link), link).toBe(true);
      const named = [...draft.body.medium.matchAll(/(?:По данным|Как сообщает) (?:канала? )?([^,]+),/g)].map((m) => m[1].replace(/[«»]/g, ''));
      expect(named.some((n) => posts.some((p) => p.channelTitle.startsWith(n))), `${story}: ${named.join(', ')}`).toBe(true);
    }
  });

  it('stays under the copy limits against every source post', () => {
    const rows: string[] = [];
    for (const [story, draft] of Object.entries(drafts)) {
      const sources = stories[story as Story].map((p) => p.text);
      for (const body of BODIES) {
        const score = scoreOriginality(draft.body[body], sources);
        rows.push(
          `${story.padEnd(12)} ${body.padEnd(6)} ${String(draft.body[body].length).padStart(4)} chars  run ${String(score.longestSharedRun).padStart(2)}  8-grams ${(score.sharedNgramShare * 100).toFixed(1).padStart(4)}%  ROUGE-L ${score.rougeL.toFixed(2)}`,
        );
        expect(score.tooClose, `${story} ${body}: ${copiedPassages(draft.body[body], sources).join(' | ')}`).toBe(false);
      }
    }
    console.log(`offline Editor originality (limits: run ≤ 12, 8-grams ≤ 5%)\n${rows.join('\n')}`);
  });

  it('flags figures the channels disagree on, with both posts', () => {
    const flag = drafts.crash.needsVerification.find((f) => f.reason === 'contradiction');
    expect(flag?.claim).toMatch(/15 автомобилей.*16 автомобилей|16 автомобилей.*15 автомобилей/);
    expect(flag?.sources).toHaveLength(2);
    for (const f of Object.values(drafts).flatMap((d) => d.needsVerification)) expect(f.sources.length).toBeGreaterThan(0);
  });

  it('is deterministic and fast', () => {
    const posts = stories.korea;
    expect(posts.length).toBe(20);
    expect(writeArticleOffline(request(posts))).toEqual(drafts.korea);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      writeArticleOffline(request(posts));
      times.push(performance.now() - t0);
    }
    const median = times.sort((a, b) => a - b)[1];
    console.log(`offline Editor, 20-post topic: ${median.toFixed(0)} ms (median of 3)`);
    expect(median).toBeLessThan(300);
  });
});

describe('writeArticleOffline options', { timeout: 30_000 }, () => {
  it('changes its own words with the tone', () => {
    const formal = writeArticleOffline(request(stories.asteroid, { tone: 'formal' }));
    expect(formal.body.medium).toMatch(/Согласно информации|Как информирует/);
    expect(formal.body.medium).not.toEqual(drafts.asteroid.body.medium);
  });

  it('rephrases harder on the rewrite and avoids the passages it was given', () => {
    const posts = stories.korea;
    const passages = [drafts.korea.body.long.split('. ')[0]];
    const rewritten = writeArticleOffline(request(posts, { rewrite: { previous: drafts.korea, passages } }));
    expect(checkEditorDraft(rewritten, posts).problems).toEqual([]);
    for (const body of BODIES) expect(copiedPassages(rewritten.body[body], passages)).toEqual([]);
    expect(writeArticleOffline(request(posts, { rewrite: { previous: drafts.korea, passages } }))).toEqual(rewritten);
  });

  it('writes English posts in English', () => {
    const posts: SourcePost[] = [
      ['World News', 'Heavy snow closed the main airport of the city on Tuesday, and more than 200 flights were cancelled, officials said.'],
      ['Daily Wire Desk', 'The airport will stay closed until Wednesday morning as crews clear the runways, the operator said in a statement.'],
      ['Metro Today', 'Passengers spent the night in the terminal after about 200 flights were cancelled because of the snowstorm.'],
    ].map(([channelTitle, text], i) => ({
      id: i + 1, url: `https://t.me/channel${i}/${i + 1}`, channelTitle, channelUsername: `channel${i}`, date: `2024-12-03T0${i}:00:00Z`, text, lang: 'en' as const, views: null, photoUrl: null,
    }));
    const draft = writeArticleOffline({ language: 'en', tone: 'neutral', posts });
    expect(checkEditorDraft(draft, posts).problems.filter((p) => !/at least/.test(p))).toEqual([]);
    // "Passengers" is never seen in lower case: it may be a name, so it keeps its capital, the credit
    // going where the hedge stood or before a colon, never before a comma.
    expect(draft.body.short).toMatch(/According to [^,]+, \p{Ll}|As .+ reports, \p{Ll}|Metro Today writes: Passengers|Passengers, according to Metro Today, spent/u);
    expect(draft.body.short).not.toMatch(/(According to|reports) [^,]+, \p{Lu}/u);
    expect(draft.headline).not.toMatch(/\s\S{1,2}$/);
    expect(draft.body.long).not.toMatch(/По данным|О событии написали/);
    expect(draft.language).toBeUndefined();
    // Asked for Russian, English posts give an English article that says so.
    expect(writeArticleOffline({ language: 'ru', tone: 'neutral', posts }).language).toBe('en');
  });
});

describe('checkEditorDraft', () => {
  const posts = stories.crash;
  const good = drafts.crash;

  it('keeps input links despite trivial differences and drops invented ones', () => {
    const variant = posts[0].url.replace('https://t.me', 'http://T.ME') + '/';
    const draft = { ...good, sourceLinks: [variant, 'https://t.me/fake_channel/1'], needsVerification: [{ claim: 'x', reason: 'single_source' as const, sources: ['https://example.com/made-up'] }] };
    const checked = checkEditorDraft(draft, posts);
    expect(checked.draft.sourceLinks).toEqual([posts[0].url]);
    expect(checked.droppedLinks).toEqual(['https://t.me/fake_channel/1', 'https://example.com/made-up']);
    expect(checked.draft.needsVerification).toEqual([]);
    expect(checked.problems).toEqual([]);
  });

  it('refuses a draft with no source link left', () => {
    const checked = checkEditorDraft({ ...good, sourceLinks: ['https://t.me/invented/42'] }, posts);
    expect(checked.draft.sourceLinks).toEqual([]);
    expect(checked.problems.some((p) => p.startsWith('sourceLinks'))).toBe(true);
  });

  it('names the field and the numbers in each problem', () => {
    const posts = stories.korea;
    const draft: EditorDraft = {
      ...drafts.korea,
      headline: 'А'.repeat(130),
      dek: ' ',
      body: { short: 'x'.repeat(320), medium: 'y'.repeat(500), long: 'z'.repeat(400) },
      keyPoints: ['one', 'two'],
    };
    const { problems, shortfalls } = checkEditorDraft(draft, posts);
    expect(problems).toEqual([
      'headline is 130 characters; shorten it to at most 120.',
      'dek is empty: write one sentence that adds to the headline.',
      'body.short is 320 characters; the limit is 300, shorten it.',
      'bodies must grow in length: short (320) < medium (500) < long (400) characters.',
      'keyPoints has 2 items; give between 3 and 7.',
    ]);
    // Under a minimum the sources could fill: asked about once, never a refusal.
    expect(shortfalls).toEqual([
      `body.medium is 500 characters; write at least 600 (the sources hold ${distinctSourceText(posts).length} characters of distinct text).`,
      `body.long is 400 characters; write at least 1500 (the sources hold ${distinctSourceText(posts).length} characters of distinct text).`,
    ]);
  });

  it('a draft that is only short of the minimums is usable', () => {
    const posts = stories.korea;
    const short = { ...drafts.korea, body: { short: drafts.korea.body.short, medium: drafts.korea.body.medium.slice(0, 590), long: drafts.korea.body.medium } };
    const checked = checkEditorDraft(short, posts);
    expect(checked.problems).toEqual([]);
    expect(checked.shortfalls.length).toBeGreaterThan(0);
  });

  it('asks for the minimum lengths only when the sources can fill them', () => {
    const tiny: SourcePost[] = [{ ...posts[0], text: 'Пробки в Москве достигли 9 баллов.' }, { ...posts[1], text: 'В Москве 9-балльные пробки.' }];
    const draft = { ...good, sourceLinks: [tiny[0].url], body: { short: 'Короткий текст.', medium: 'Средний текст чуть длиннее.', long: 'Длинный текст ещё немного длиннее.' } };
    expect(checkEditorDraft(draft, tiny).problems).toEqual([]);
  });
});

describe('rephrasing keeps Russian punctuation and case', () => {
  it('lower-cases a common word the swaps brought to the front, and keeps a name', async () => {
    const { lowerFirst } = await import('../../core/pipeline/text/rephrase');
    const ctx = { lang: 'ru' as const, nameWords: new Set(['москва']), lowerWords: new Set<string>() };
    expect(lowerFirst('Прежде в стране ввели военное положение', ctx as never)).toBe('прежде в стране ввели военное положение');
    expect(lowerFirst('Москва ответила', ctx as never)).toBe('Москва ответила');
  });

  it('capitalises a sentence’s first letter, never a letter after a figure', async () => {
    const { tidy, upperFirst } = await import('../../core/pipeline/text/rephrase');
    expect(tidy('23-летний москвич заказал шаурму')).toBe('23-летний москвич заказал шаурму');
    expect(tidy('30 ноября ждет слякоть')).toBe('30 ноября ждет слякоть');
    expect(upperFirst('«москва» ответила')).toBe('«Москва» ответила');
    expect(upperFirst('премьер заявил')).toBe('Премьер заявил');
  });

  it('never puts a hedge between a verb and the word that holds on to it', async () => {
    const { repairVariants } = await import('../../core/pipeline/text/repairs');
    const ctx = { lang: 'ru' as const, nameWords: new Set<string>(), lowerWords: new Set<string>() };
    const variants = repairVariants('Шаурму, которую москвич так и не осилил, предусмотрительно завернули с собой', ctx as never, true).map((v) => v.text);
    expect(variants.some((v) => /по имеющимся данным|по сообщениям|как сообщается/.test(v))).toBe(true);
    for (const v of variants) expect(v).not.toMatch(/(так|и|не),\s(по имеющимся данным|по сообщениям|как сообщается|судя по сообщениям),/u);
  });

  it('puts the comma before a subordinate conjunction', async () => {
    const { tidy } = await import('../../core/pipeline/text/rephrase');
    expect(tidy('ввели военное положение поскольку против президента')).toBe('Ввели военное положение, поскольку против президента');
    expect(tidy('Поскольку парламент против, указ отменили')).toBe('Поскольку парламент против, указ отменили');
    expect(tidy('Москвич показал гаишникам наркотики вместо прав когда его остановили')).toBe('Москвич показал гаишникам наркотики вместо прав, когда его остановили');
    expect(tidy('Это случилось даже когда шёл дождь и когда дул ветер')).toBe('Это случилось даже когда шёл дождь и когда дул ветер');
    expect(tidy('Когда его остановили, он показал права')).toBe('Когда его остановили, он показал права');
  });
});

describe('the offline Editor joins sentences as an editor would', () => {
  it('puts "Также" inside an attribution clause, and a phrase before a comma', async () => {
    const { withConnector } = await import('../../core/pipeline/editor/offline-bodies');
    const text = 'как рассказал премьер Грузии, свыше 50 полицейских пострадали';
    expect(withConnector('Также', text)).toBe('Как также рассказал премьер Грузии, свыше 50 полицейских пострадали');
    expect(withConnector('При этом', text)).toBe('При этом, как рассказал премьер Грузии, свыше 50 полицейских пострадали');
    expect(withConnector('Кроме того,', text)).toBe('Кроме того, как рассказал премьер Грузии, свыше 50 полицейских пострадали');
    expect(withConnector('Также', 'протестующие забрасывали парламент пиротехникой')).toBe('Также протестующие забрасывали парламент пиротехникой');
    // Left without a connector, a sentence keeps its capital ("инфографика RTVI: …" had opened one).
    const credited = draftOn('2024-11-17', [
      ['Новости Москвы', 'Использование ракет ATACMS по территории России одобрили Франция и Великобритания. Украинские ракеты SCALP теперь могут долететь до Москвы, — инфографика RTVI.'],
      ['BBC News', 'Байден разрешил Украине бить ракетами ATACMS по территории России, пишет New York Times.'],
      ['Mash', 'Украина собирается нанести первые удары ракетами ATACMS по Курской области в ближайшие дни.'],
    ]);
    for (const body of BODIES.map((b) => credited.body[b])) expect(body).not.toMatch(/(^|[.!?] )\p{Ll}/u);
    // After a lead-in, no link phrase: "По данным X, при этом позже…" (or its swap "вместе с тем").
    const scam = draftOn('2024-11-15', [
      ['Москва Live', '22 тысячи рублей украли у москвича, когда он открыл фото в Telegram.'],
      ['Москва с огоньком', 'При этом позднее мужчина увидел, что со счёта списали 22 тысячи рублей после фото в Telegram.'],
      ['Топор+', 'Через время мужчине позвонили из банка, чтобы подтвердить платёж, которого он не совершал.'],
    ]);
    for (const body of BODIES.map((b) => scam.body[b])) expect(body).not.toMatch(/(По данным|Как сообщает|пишет)[^,.]+, (при этом|вместе с тем|кроме того)/iu);
    // A sentence that opens with its speaker takes no connector ("При этом RT: …").
    expect(withConnector('При этом', 'RT: Госдепартамент США приостановил партнерство с Грузией')).toBe('RT: Госдепартамент США приостановил партнерство с Грузией');
  });

  it('credits a sentence once: its source goes where its aside stood, not in front of it', async () => {
    const { creditAtAside } = await import('../../core/pipeline/text/repairs');
    expect(creditAtAside('В Госдуме, как сообщается, предложили отменить шестидневку', 'ru', 'По данным SHOT')).toBe('В Госдуме, по данным SHOT, предложили отменить шестидневку');
    expect(creditAtAside('Скамеры, по сообщениям, шлют цветы, а затем, судя по сообщениям, звонят', 'ru', 'Как сообщает Топор+')).toBe('Скамеры, как сообщает Топор+, шлют цветы, а затем звонят');
    expect(creditAtAside('В Госдуме предложили отменить шестидневку', 'ru', 'По данным SHOT')).toBeNull();
    // An aside never parts an auxiliary from its verb, nor lands before a noun that ends like a verb.
    const { repairVariants } = await import('../../core/pipeline/text/repairs');
    const asided = (text: string) => repairVariants(text, ruContext(), true).map((v) => v.text).filter((t) => /, (как сообщается|по имеющимся данным|по сообщениям|судя по сообщениям),/u.test(t));
    expect(asided('Первые 4 000 рублей будут направлены в женскую консультацию')).not.toContainEqual(expect.stringMatching(/будут, /u));
    expect(asided('Пример чиновников может побудить больше граждан отказаться от машин')).not.toContainEqual(expect.stringMatching(/больше, /u));
    // ", а вот …" split off: the "вот" goes with the "а".
    const split = repairVariants('Билеты на балет "Щелкунчик" можно купить на сайте театра, а вот в кассах они не продаются', ruContext(), true).map((v) => v.text);
    expect(split).toContainEqual(expect.stringMatching(/\. При этом в кассах они не продаются/u));
    expect(split).not.toContainEqual(expect.stringMatching(/При этом вот/u));
    const draft = draftOn('2024-11-12', [
      ['SHOT', 'В Госдуме предложили отменить шестидневную рабочую неделю перед новогодними праздниками. Субботу, 28 декабря, предлагают сделать выходным днём.'],
      ['Москва с огоньком', 'В Госдуме предложили не работать в субботу перед Новым годом и растянуть каникулы до 12 дней. Депутаты считают, что шестидневка перед праздниками создаёт дополнительную нагрузку на россиян.'],
      ['Топор+', 'В Госдуме предложили отменить шестидневку перед Новым годом и сделать субботу 28 декабря выходным днём. Депутат Наумов заявил, что это может дать подъем развитию семейного туризма.'],
    ]);
    for (const body of BODIES.map((b) => draft.body[b])) {
      expect(body).not.toMatch(/(По данным|Как сообщает)[^.]+, (как сообщается|по имеющимся данным|по сообщениям|судя по сообщениям),/u);
      // "субботу 28 декабря" says which day is off; moved in front, the date would be the proposal's.
      expect(body).not.toMatch(/28 декабря (в Госдуме )?предложили/u);
    }
    // A sentence whose first word may be a name ("Поезд") is credited at its aside too, not "X пишет: …, как сообщается, …".
    const train = draftOn('2024-11-14', [
      ['Москва Live', 'Поезд Деда Мороза приедет в Москву 3 января. Вчера он отправился по России из Вологодской области.'],
      ['Новости Москвы', 'Поезд Деда Мороза отправился в путешествие из Великого Устюга. Он проедет более 60 городов России, а в Москве побывает 3 января.'],
      ['Москва с огоньком', 'Поезд Деда Мороза отправился в путешествие из Великого Устюга. Он проедет более 60 городов России. В Москве он будет 3 января.'],
    ]);
    for (const body of BODIES.map((b) => train.body[b])) expect(body).not.toMatch(/пишет: [^.]+, (как сообщается|по имеющимся данным|по сообщениям|судя по сообщениям),/u);
  });

  it('keeps a hedge a hedge: "как сообщается" never becomes "как известно"', () => {
    const post = postsOn('2024-12-01');
    const draft = writeArticleOffline(
      request([
        post(1, 'РИА Новости', 'В Тбилиси сторонники оппозиции снова проводят акцию протеста у здания парламента Грузии. Протестующие забрасывали парламент пиротехникой.'),
        post(2, 'Раньше всех', 'В Грузии, как сообщается, не повторится сценарий украинского Майдана, заявил премьер страны. Многие сторонники оппозиции покинули митинг у парламента.'),
        post(3, 'SHOT', 'Спецназ начал разгон митинга сторонников оппозиции у парламента Грузии в Тбилиси. МВД Грузии сообщило о 43 задержанных.'),
      ]),
    );
    const texts = [...BODIES.map((b) => draft.body[b]), ...draft.keyPoints];
    expect(texts.join('\n')).toMatch(/Майдана/);
    for (const t of texts) expect(t).not.toMatch(/известно/);
  });
});

describe('the offline Editor keeps a sentence whole when it moves or cuts words', () => {
  const ctx = ruContext;
  const variantsOf = async (text: string, lower: string[] = []) => {
    const { repairVariants } = await import('../../core/pipeline/text/repairs');
    return repairVariants(text, ctx(lower), true).map((v) => v.text);
  };

  it('moves a place to the front only when it stands alone, never out of a list, an apposition or quoted words', async () => {
    const lower = ['сотни', 'украинские', 'сирийские', 'спецназ'];
    for (const [text, place] of [
      ['Сотни человек вышли на акции протеста в Тбилиси, Кутаиси и Батуми', 'В Тбилиси'],
      ['Украинские медиа пишут о взрывах в Одессе и Кировограде на фоне воздушной тревоги', 'В Одессе'],
      ['Сирийские повстанцы зашли в Алеппо, второй по величине город Сирии', 'В Алеппо'],
      ['Путин: Киев не раз пытался атаковать цели в Москве', 'В Москве'],
      ['Это второй визит президента РФ в Астану в этом году', 'В Астану'],
    ]) {
      for (const v of await variantsOf(text, lower)) expect(v.startsWith(place), v).toBe(false);
    }
    expect(await variantsOf('Спецназ начал разгон протестующих в Тбилиси, сообщили очевидцы', lower)).toContain('В Тбилиси спецназ начал разгон протестующих, сообщили очевидцы');
    // A day in a list stays in it ("в пятницу и субботу"); a conjunction stays first.
    for (const v of await variantsOf('А в Питере самая тёплая погода будет в пятницу и субботу', ['самая'])) expect(v).not.toMatch(/^В пятницу/u);
    expect(await variantsOf('Но встреча прошла в Москве сегодня утром без журналистов', ['встреча'])).toContain('Но сегодня утром встреча прошла в Москве без журналистов');
    // Nor before a condition ("Если купить однушку в Москве…").
    for (const v of await variantsOf('Если купить однушку в Москве в ипотеку по рыночной ставке, переплата составит 72 миллиона рублей')) expect(v).not.toMatch(/^В Москве/u);
    // A place of direction moves with its verb of motion.
    expect(await variantsOf('Делегация прилетела в Астану с государственным визитом', ['делегация'])).toContain('В Астану делегация прилетела с государственным визитом');
    // "Базирующийся" may be a name for all the text knows: it would keep its capital mid-sentence.
    for (const v of await variantsOf('Базирующийся в Великобритании центр мониторинга сообщил о потерях')) expect(v).not.toMatch(/^В Великобритании/);
  });

  it('puts a hedge beside a verb, not inside a noun phrase or before a name', async () => {
    const hedge = /,\s(по имеющимся данным|по сообщениям|как сообщается|судя по сообщениям),\s/u;
    const split = [
      ['Группа ВТБ выполнит цель по двухлетней чистой прибыли за 2024 и 2025 год', 'прибыли'],
      ['В выходные и праздники график торговли спиртным останется прежним', 'торговли'],
      ['Военную стратегию представила глава Еврокомиссии Урсула фон дер Ляйен', 'Урсула'],
      ['Нейросеть проанализирует параметры опухоли и создаст чертеж препарата', 'опухоли'],
      ['Минобороны показало обломки баллистических ракет ATACMS американского производства', 'ракет'],
      ['Во время атак 10 ракет ATACMS были уничтожены над Курской областью', 'ракет'],
      ['Вайб стал словом года по версии портала о русском языке', 'портала'],
      ['После длинной рабочей недели россияне смогут отдохнуть 11 дней подряд', 'недели'],
      ['Охранников школ обяжут вооружить резиновыми дубинками и наручниками', 'школ'],
    ];
    for (const [text, word] of split) {
      for (const v of await variantsOf(text)) expect(v, v).not.toMatch(new RegExp(`${hedge.source}${word}`, 'u'));
    }
    expect((await variantsOf('Полицейские разыскивают четырех человек, которые устроили стрельбу')).some((v) => hedge.test(v))).toBe(true);
  });

  it('turns a trailing ", — source" into the source speaking first', async () => {
    const { moveAttributionToFront } = await import('../../core/pipeline/text/rephrase');
    expect(moveAttributionToFront('За два дня протестов тяжело пострадали 42 сотрудника МВД, — замглавы ведомства Дарахвелидзе.', ctx(['за'])))
      .toBe('Замглавы ведомства Дарахвелидзе: за два дня протестов тяжело пострадали 42 сотрудника МВД.');
    expect(moveAttributionToFront('Техническая команда работает над устранением сбоя, — «Код Дурова».', ctx(['техническая'])))
      .toBe('«Код Дурова»: техническая команда работает над устранением сбоя.');
    // A tail with a verb is a clause of its own ("— цены растут"), not a credit.
    expect(moveAttributionToFront('Спрос на жилье упал, — цены растут.', ctx())).toBe('Спрос на жилье упал, — цены растут.');
    // An official named by the post alone speaks first too; "his father is a minister" credits no one.
    expect(moveAttributionToFront('Под Москвой сбит второй дрон — мэр.', ctx(['под']))).toBe('Мэр: под Москвой сбит второй дрон.');
    expect(moveAttributionToFront('Его отец — министр.', ctx(['его']))).toBe('Его отец — министр.');
    // A long title before the name is still who speaks.
    expect(moveAttributionToFront('Резкое понижение температуры ожидается в Москве с 11 ноября, — научный руководитель Гидрометцентра России Роман Вильфанд.', ctx(['резкое'])))
      .toBe('Научный руководитель Гидрометцентра России Роман Вильфанд: резкое понижение температуры ожидается в Москве с 11 ноября.');
    // After a clause about a person, a name after the dash says who that is.
    const fugitive = 'Задержан последний беглец из исправительной колонии Липецкой области — Тургун Абдуллаев.';
    expect(moveAttributionToFront(fugitive, ctx(['задержан']))).toBe(fugitive);
    expect(makeHeadline(fugitive, ruContext())).toBe(fugitive.slice(0, -1));
    expect(moveAttributionToFront('Под Москвой сбит второй беспилотник — мэр.', ctx(['под']))).toBe('Мэр: под Москвой сбит второй беспилотник.');
    // A patriarch is a person, not a news agency ("Патриарх" holds "риа").
    expect(moveAttributionToFront('РПЦ не осуждает смертную казнь, но и не приветствует, — Патриарх Кирилл.', ctx(['рпц']))).toBe('Патриарх Кирилл: РПЦ не осуждает смертную казнь, но и не приветствует.');
    // "жители" ends like "сказали" but is who speaks.
    expect(moveAttributionToFront('В некоторых районах Звенигорода отключили свет и воду, — местные жители.', ctx(['в'])))
      .toBe('Как пишут местные жители, в некоторых районах Звенигорода отключили свет и воду.');
    // No verb before it: "признал" is the sentence's own verb, and "Блиновскую банкротом" no speaker.
    expect(moveAttributionToFront('И все же, арбитражный суд, после долгих раздумий, признал Блиновскую банкротом.', ctx(['и'])))
      .toBe('И все же, арбитражный суд, после долгих раздумий, признал Блиновскую банкротом.');
    expect(moveAttributionToFront('Цены на жилье вырастут, признал министр строительства.', ctx(['цены'])))
      .toBe('Как признал министр строительства, цены на жилье вырастут.');
    // "все же" and "тем не менее" stay whole: neither loses "же" nor takes a hedge inside.
    const lost = (await variantsOf('Тем не менее, арбитражный суд признал Блиновскую банкротом и все же продал дом')).filter((v) => /Тем,|все продал/u.test(v));
    expect(lost).toEqual([]);
  });

  it('never cuts a verb off from what it says, nor keeps only who speaks before a colon', async () => {
    const { cutAtClause } = await import('../../core/pipeline/editor/offline-units');
    const said = cutAtClause('Фон дер Ляйен, переизбранная на второй срок, заявила, что Каллас будет нужным человеком в нужное время', 70);
    expect(said ?? '').not.toMatch(/заявила\.$/u);
    const colon = cutAtClause('Фон дер Ляйен, переизбранная на второй срок, заявила: Каллас будет нужным человеком в нужное время', 70);
    expect(colon ?? '').not.toMatch(/заявила\.$/u);
    expect(cutAtClause('Shot, ссылаясь на три источника в Кремле: прямая линия запланирована на четверг, 19 декабря', 50)).toBeNull();
    expect(cutAtClause('Минцифры опровергло информацию об отмене отсрочки: оформленные брони действуют до 21 марта', 60)).toBe(
      'Минцифры опровергло информацию об отмене отсрочки.',
    );
  });

  it('swaps two names only whole, and drops nothing between dashes that stand for a verb', async () => {
    const names = await variantsOf('Инициатива внесена группой депутатов, среди которых Василий Пискарев, Андрей Клишас и Дмитрий Вяткин');
    for (const v of names) expect(v, v).toMatch(/Андрей Клишас и Дмитрий Вяткин|Дмитрий Вяткин и Андрей Клишас/u);
    expect(await variantsOf('Договор подписали главы МИД России и Германии на встрече в Пекине')).toContain('Договор подписали главы МИД Германии и России на встрече в Пекине');
    const votes = 'В результате "прилет" набрал 124 голоса, "скуф" — 229 голосов, "вайб" — 256 голосов экспертов';
    for (const v of await variantsOf(votes)) expect(v, v).toMatch(/229/u);
    expect(await variantsOf('На встрече министров — первой под председательством Рютте — обсуждали помощь Украине', ['на'])).toContain(
      'На встрече министров обсуждали помощь Украине',
    );
  });

  it('cuts a long headline where a clause ends, and keeps a figure after a dash', async () => {
    const draftOf = (posts: [string, string][]) => draftOn('2024-11-26', posts);
    const spy = draftOf([
      ['РИА Новости', 'Второй секретарь политотдела посольства Великобритании Прайор проводил разведывательно-подрывную работу, угрожающую безопасности России, сообщили в ФСБ.'],
      ['Топор Live', 'Посла Великобритании вызвали в МИД России из-за разведдеятельности второго секретаря посольства Прайора.'],
      ['BBC News', 'ФСБ лишила аккредитации второго секретаря посольства Великобритании, посол вызван в МИД России.'],
    ]);
    expect(spy.headline).not.toMatch(/угрожающую$/u);
    const rate = draftOf([
      ['Москва с огоньком Live', 'Доллар выше 107 рублей на бирже, а евро — 113.'],
      ['Банкста', 'Доллар взлетел выше 107 рублей на бирже, а евро поднялся выше 113 рублей.'],
      ['Москвач', 'Курс доллара на бирже превысил 107 рублей, евро стоит 113 рублей.'],
    ]);
    for (const text of [rate.headline, rate.dek, ...rate.keyPoints]) expect(text, text).not.toMatch(/а евро\.?$/u);
    // Nor on a number a dash still speaks of, half a pair of "и … и", or an introductory word.
    const { cutAtClause } = await import('../../core/pipeline/editor/offline-units');
    expect(cutAtClause('Накануне вечером за 3 часа над 6 регионами уничтожено 42 дрона, из них 32 — над Брянской областью, 5 — над Смоленской', 100) ?? '').not.toMatch(/из них 32\.$/u);
    expect(cutAtClause('Аналог Apple Pay может появиться в России в 2025 году — НСПК запустит бесконтактную оплату и на iOS, и на Android через Bluetooth', 110) ?? '').not.toMatch(/и на iOS\.$/u);
    // A headline states the fact: no hedge in front, and who speaks gives way before where and when.
    expect(makeHeadline('По имеющимся данным, экстренные службы восстановили подачу электричества в Чертаново Северном после сбоя.', ruContext()))
      .toBe('Экстренные службы восстановили подачу электричества в Чертаново Северном после сбоя');
    expect(makeHeadline('Научный руководитель Гидрометцентра России Роман Вильфанд: резкое понижение температуры до 1-3 градусов ожидается в Москве с 11 ноября.', ruContext()))
      .toBe('Резкое понижение температуры до 1-3 градусов ожидается в Москве с 11 ноября');
    // A headline from the post itself (nothing could be rephrased) reads as the post, without its emoji and tags.
    const frost = draftOn('2024-11-07', [['Москвач', '🥶 Ночные заморозки вернутся в Москву в начале новой недели, температура воздуха в первые дни опустится до плюс 1 градуса — Фобос. #погода']]);
    expect(frost.headline).toMatch(/^Ночные заморозки вернутся/u);
    expect(frost.headline).not.toMatch(/#/u);
    // A title that fits is kept whole ("…стала самой холодной в ноябре", not "…стала").
    const cold = draftOn('2024-11-06', [
      ['Москва с огоньком', '🥶Минувшая ночь в Москве стала самой холодной в ноябре\n\nА сегодня после обеда жителей столицы ожидают снег, который перейдет в мокрый снег и дождь, — ведущий специалист центра погоды "Фобос" Евгений Тишковец.'],
      ['Москва с огоньком Live', 'Эта ночь в Москве стала самой холодной в ноябре, сегодня днем после обеда жителей столицы ожидают снег, который перейдет в мокрый снег и дождь.'],
      ['Москвач', '❄️ Эта ночь в Москве стала самой холодной в ноябре. \n\nСегодня днем после обеда жителей столицы ожидают снег, который перейдет в мокрый снег и дождь, — синоптики.'],
    ]);
    expect(cold.headline).toMatch(/в ноябре$/u);
    // A figure cut from its digits ("12" of "12 000 рублей") goes with the word it hangs on.
    expect(makeHeadline('Беременные россиянки из всех регионов страны теперь смогут получить новый родовой сертификат от нашего государства на 12 000 рублей ежемесячно.', ruContext()))
      .toBe('Беременные россиянки из всех регионов страны теперь смогут получить новый родовой сертификат от нашего государства');
    // Nor the channel chatting inside the sentence.
    const { rephrase } = await import('../../core/pipeline/text/rephrase');
    expect(rephrase('Катюша, к слову, быстро учится: снеговика разломала и попыталась слепить нового.', ruContext())).toBe('Катюша быстро учится: снеговика разломала и попыталась слепить нового.');
    // A dash before "это" stands for "is": what follows is the statement, not its source.
    expect(makeHeadline('В РПЦ считают, что бесплодие у женщин — это следствие распущенности.', ruContext())).toBe('В РПЦ считают, что бесплодие у женщин — это следствие распущенности');
    expect(makeHeadline('Более 5 дронов ВСУ атаковали завод по производству майонеза под Воронежем, предварительно, пострадавших нет, — губернатор области Александр Гусев', ruContext())).not.toMatch(/предварительно$/u);
    // Cut at a word, a headline does not end on an adjective waiting for its noun.
    const strikes = makeHeadline(
      'Франция и Британия вслед за США разрешили Украине наносить удары ракетами SCALP и Storm Shadow по российским территориям.',
      ruContext(),
    );
    expect(strikes).not.toMatch(/(российским|приграничным|по)$/u);
    // Nor on the first word of a clause after a comma, nor before a dash whose head has no verb.
    const crash = makeHeadline(
      'Большая авария – с участием автобуса и 15 автомобилей - случилась на Ленинградском проспекте в Москве, пострадавших, по первым данным, нет.',
      ruContext(['большая']),
    );
    expect(crash).toBe('Большая авария – с участием автобуса и 15 автомобилей - случилась на Ленинградском проспекте в Москве');
    // Nor on a figure whose unit the cut left behind.
    const mortgage = makeHeadline(
      'Сбер с 15 ноября повышает ставки по базовым ипотечным программам на 3,5 процента, минимальная ставка составит 28,1 процента, рассказала пресс-служба банка',
      ruContext(),
    );
    expect(mortgage).not.toMatch(/\d$/u);
    // A credit after a list's last items is still a credit: ", —" closes the list.
    expect(makeHeadline('В рыбных консервах 3 производителей нашли личинки червей: «Дефриз», «Прибой» и «Мурман-рыба», — Известия.', ruContext(['в']))).not.toMatch(/Известия$/u);
  });

  it('reads "— name" after a clause that qualifies a noun as saying who it is, not as a credit', async () => {
    const { moveAttributionToFront } = await import('../../core/pipeline/text/rephrase');
    for (const text of [
      'Капитан воздушного судна, которое сегодня загорелось при посадке в Анталье, — Владимир Чернов.',
      'Пьяный водитель, сбивший людей на BMW X6 в Челябинске, — местный бизнесмен Алексей Корягин.',
    ]) {
      expect(moveAttributionToFront(text, ctx(['капитан', 'пьяный']))).toBe(text);
    }
    expect(moveAttributionToFront('Путин подписал указ, утверждающий обновленную ядерную доктрину - Основы госполитики в области ядерного сдерживания.', ctx())).not.toMatch(/^Основы/u);
    // A tail with a verb says something of its own: no one speaks it.
    const route = 'Железнодорожную магистраль Москва - Санкт-Петербург запустят 1 апреля 2028 года.';
    expect(moveAttributionToFront(route, ctx(['железнодорожную']))).toBe(route);
    // A conjunction that tied the sentence to its post does not end up after the lead-in.
    expect(moveAttributionToFront('Однако, Мамелко вскоре отпустили, рассказал РВНП источник в правоохранительных органах.', ctx())).toBe(
      'Как рассказал РВНП источник в правоохранительных органах, Мамелко вскоре отпустили.',
    );
  });

  it('cuts nothing that leaves a fragment: no head without a verb before a participle, no "а"-clause without one', async () => {
    const { cutAtClause } = await import('../../core/pipeline/editor/offline-units');
    expect(cutAtClause('Самолёт Sukhoi Superjet 100 авиакомпании "Азимут", следовавший из Сочи в Анталью, загорелся после жёсткой посадки', 80)).toBeNull();
    expect(cutAtClause('Второй секретарь политотдела посольства Великобритании Прайор проводил разведывательно-подрывную работу, угрожающую безопасности России', 110)).toBe(
      'Второй секретарь политотдела посольства Великобритании Прайор проводил разведывательно-подрывную работу.',
    );
    // A bare act keeps what its participle says, and a dash naming the doctrine again may end it.
    const decree = 'Президент России Владимир Путин подписал указ, утверждающий обновленную ядерную доктрину - Основы госполитики в области ядерного сдерживания';
    expect(cutAtClause(decree, 100)).toBe('Президент России Владимир Путин подписал указ, утверждающий обновленную ядерную доктрину.');
    for (const v of await variantsOf('Это послужило поводом для прокурорской проверки, а теперь и для возбуждения уголовного дела', ['это'])) {
      expect(v, v).not.toMatch(/\. (При этом|Однако|Но) теперь и для/u);
    }
    // Nor a relative clause dropped without its verb, or up to a comma inside parentheses.
    for (const text of [
      'С 2019 года организация пользуется поблажками, которые законодательство, как сообщается, предоставляет всем религиозным институтам',
      'С 2019 года организация пользуется поблажками, которые законодательство предоставляет всем институтам (например, свободу от налогов)',
    ]) {
      for (const v of await variantsOf(text, ['с'])) expect(v, v).toMatch(/поблажками, которые законодательство/u);
    }
    // Nor a place moved away from where it came from, nor "со" left before a consonant.
    for (const v of await variantsOf('Пожар на Sukhoi Superjet из Сочи начался не сразу после посадки', ['пожар'])) expect(v, v).not.toMatch(/^На Sukhoi/u);
    for (const v of await variantsOf('Хоккеист стоял на пешеходном переходе вместе со своей супругой', ['хоккеист'])) expect(v, v).not.toMatch(/со супругой/u);
  });

  it('tells a common first word from a name it cannot know', async () => {
    const { firstWordOf } = await import('../../core/pipeline/text/rephrase');
    expect(firstWordOf('Работоспособность системы восстановлена', ctx())).toBe('common');
    expect(firstWordOf('Сперва мужчина был удивлен', ctx())).toBe('common');
    expect(firstWordOf('Речь идет о перечне условий', ctx())).toBe('common');
    expect(firstWordOf('Кобахидзе заявил о мерах', ctx())).toBe('unknown');
    expect(firstWordOf('Германия ответила', ctx())).toBe('unknown');
    expect(firstWordOf('«Москва» ответила', ctx())).toBe('none');
  });

  it('ends every sentence of a body with a stop and puts no comma lead-in before a word that may be a name', () => {
    const post = postsOn('2024-11-28');
    const draft = writeArticleOffline(
      request([
        post(1, 'РИА Новости', 'Путин раскрыл детали принципа работы ракеты «Орешник»'),
        post(2, 'Топор Live', 'Серийное производство ракеты «Орешник» уже началось, сообщил президент. Криптомайнерам запретят переходить на спецрежим для самозанятых.'),
        post(3, 'SHOT', 'Киев не раз пытался атаковать цели в Москве и Санкт-Петербурге, заявил Путин. Ракета поражает цели на расстоянии до 5 тысяч километров.'),
      ]),
    );
    for (const body of BODIES.map((b) => draft.body[b])) {
      for (const paragraph of body.split('\n\n')) expect(paragraph, body).toMatch(/[.!?…][»")]*$/u);
      expect(body).not.toMatch(/«Орешник»\s+\p{Lu}/u);
      expect(body).not.toMatch(/(По данным|Как сообщает|Кроме того,|Также|При этом) [^,.]*,?\s?Криптомайнерам/u);
    }
    expect(draft.body.long).toMatch(/Криптомайнерам/u);
    // A sentence whose link word ("Однако уже" → "При этом") goes still opens with a capital.
    const week = draftOn('2024-11-08', [
      ['Москва с огоньком Live', 'Россиян ждет шестидневная рабочая неделя в конце декабря. Она начнется 23 декабря и закончится 28 декабря.\n\nОднако уже после длинной рабочей недели россияне смогут отдохнуть 11 дней подряд.'],
      ['Москвач', 'Еще одна шестидневная рабочая неделя ожидает россиян в декабре. Последняя производственная неделя 2024 года в России будет удлиненной — трудиться предстоит с 23 по 28 декабря.'],
      ['Топор+', 'Выходной с 28 декабря (суббота) перенесён на понедельник, поэтому потрудиться придётся 6 дней: с 23 по 29 декабря.'],
    ]);
    expect(week.body.long).toMatch(/отдохнуть 11 дней/u);
    for (const body of BODIES.map((b) => week.body[b])) expect(body).not.toMatch(/(?:^|[.!?]\s)\p{Ll}/u);
  });
});

describe('the offline Editor takes only the story from a post', () => {
  it('drops a credit line under a quote, a signature stuck to the last stop, "Подробнее…", "Об этом сообщили…", and "UPD:" or "Срочно:" in front', async () => {
    const { postLines } = await import('../../core/pipeline/text/clean');
    expect(postLines('Наши ПВО уничтожили беспилотник в Каспийске.\n\nИнформации о жертвах нет.\n\n— глава региона Сергей Меликов.')).toEqual([
      'Наши ПВО уничтожили беспилотник в Каспийске.',
      'Информации о жертвах нет.',
    ]);
    // Direct speech under "Что ещё сказал …:" is someone's words, not the channel's facts.
    expect(postLines('Путин поздравил Трампа с избранием.\n\nЧто ещё сказал президент РФ о будущем лидере США:\n\n— Человек проявил себя очень правильным образом, как мужчина\n\n— Впечатление, что в его первый срок его затравили\n\nПесков добавил, что звонка пока не было.')).toEqual([
      'Путин поздравил Трампа с избранием.',
      'Что ещё сказал президент РФ о будущем лидере США:',
      'Песков добавил, что звонка пока не было.',
    ]);
    // A dash line that says something stays.
    expect(postLines('— Жители эвакуированы из трех домов.')).toEqual(['Жители эвакуированы из трех домов.']);
    expect(postLines('Андрей Балин работал в должности больше 20 лет.@banksta')).toEqual(['Андрей Балин работал в должности больше 20 лет.']);
    expect(postLines('Пишите на press@example.ru')).toEqual(['Пишите на press@example.ru']);
    expect(postLines('Аэропорт закрыт до утра.\nПодробнее по ссылке')).toEqual(['Аэропорт закрыт до утра.']);
    expect(postLines('«Спрос вырос на 20 процентов».\n— говорит психолог Ийя Лемман.')).toEqual(['«Спрос вырос на 20 процентов».']);
    const draft = writeArticleOffline(
      request(
        [
          ['РИА Новости', 'Срочно: аэропорт Махачкалы приостановил работу из-за угрозы дронов.'],
          ['SHOT', 'UPD: Режим «Ковёр» в аэропорту Махачкалы снят, самолеты снова летают.'],
          ['Mash', 'Дрон пытался атаковать объекты в Каспийске. Об этом сообщили власти Дагестана.'],
        ].map(([channelTitle, text], i) => ({
          id: i + 1, url: `https://t.me/c/100${i}/${i + 1}`, channelTitle, channelUsername: null, date: `2024-11-30T0${i}:00:00Z`, text, lang: 'ru' as const, views: null, photoUrl: null,
        })),
      ),
    );
    for (const text of [draft.headline, draft.dek, ...draft.keyPoints, ...BODIES.map((b) => draft.body[b])]) expect(text).not.toMatch(/UPD|Срочно|Об этом/u);
  });

  it('keeps a place of two words whole, and lower-cases a title that opens a sentence', async () => {
    const { repairVariants } = await import('../../core/pipeline/text/repairs');
    const { lowerFirst } = await import('../../core/pipeline/text/rephrase');
    const ctx = { lang: 'ru' as const, nameWords: new Set<string>(), lowerWords: new Set(['налоговая']) } as never;
    for (const v of repairVariants('Налоговая забрала резиденцию в Великом Устюге из-за долга в 52 тысячи рублей', ctx, true).map((x) => x.text)) {
      expect(v, v).not.toMatch(/^В Великом (?!Устюге)/u);
    }
    expect(lowerFirst('Президент РФ отмечал рост торговли', ctx)).toBe('президент РФ отмечал рост торговли');
  });
});

describe('the offline Editor leaves out what is no fact and keeps what a date hangs on', () => {
  const post = postsOn('2024-11-30');

  it('never moves a date away from the word holding it ("до 16 декабря", "12 и 16 декабря")', async () => {
    const { repairVariants } = await import('../../core/pipeline/text/repairs');
    const ctx = { lang: 'ru' as const, nameWords: new Set<string>(), lowerWords: new Set(['вынесение', 'выставка', 'суд']) } as never;
    for (const text of [
      'Вынесение приговоров планировалось совсем скоро — 12 и 16 декабря, ему грозило до 17 лет',
      'Выставка продлится до 16 декабря в Манеже, сообщили организаторы',
    ]) {
      for (const v of repairVariants(text, ctx, true).map((x) => x.text)) expect(v, v).not.toMatch(/^16 декабря/u);
    }
    expect(repairVariants('Суд вынес приговор 16 декабря в Москве, сообщили в прокуратуре', ctx, true).map((x) => x.text)).toContain(
      '16 декабря суд вынес приговор в Москве, сообщили в прокуратуре',
    );
  });

  it('drops a word to the reader, a question, an opinion, a line about the video, a fragment and a teaser cut off mid-phrase, and a lead-in takes no "а" after it', () => {
    const draft = writeArticleOffline(
      request([
        post(1, 'Банкста', 'В Telegram случился массовый сбой, не грузятся фото и видео. Если вы видите это сообщение, значит все в порядке. Хочешь знать, откуда эти шрамы на серверах Telegram? Конечно, Telegram заслужил штраф за этот сбой. Че за бумеры чинили серверы Telegram. С еще одним выходным днём для админов, получается. Отправь своему другу-админу, поздравь человека. Девушки, можно напомнить парням, кто сегодня чинит Telegram. Я не считаю зазорным позвонить в поддержку Telegram. Надеемся, серверы и сеть в комплектацию входят. Видимо, админы Telegram еще не объяснили серверам, как работать. Спасибо за сбой в третий месяц осени. Что необходимо делать: заполняете форму в Telegram — получаете код. При этом на «чёрный день» или ради какой-то суммы денег в Telegram. Желающие могут вставать в очередь за серверами)\nКоторые по закону необходимо декларировать в Telegram.\nНа эти деньги можно купить:\n• Два новых сервера для админов Telegram;\nА вот так выглядит сбой Telegram из космоса.\n• Купить 80 машин Lada Granta для админов Telegram.\nСписать сбой Telegram на джиннов можно всегда.'),
        post(4, 'SHOT', 'Сбой Telegram затронул мессенджер в Москве и Петербурге.\nНа видео расстрел сервера Telegram из фейерверкомета.\nслоган: в рот сбою Telegram дешевле мрот.'),
        post(2, 'КиберТопор', 'Сбой в работе Telegram затронул пользователей по всей России.\n"Серверы Telegram перегружены после обновления.\nРабота восстановится в течение часа", — сообщили в компании.\nПользователи на самом деле жалуются со…'),
        post(3, 'Mash', 'А затем пользователи Telegram пожаловались на сбои и в Европе и Азии.'),
      ]),
    );
    const texts = [draft.dek, ...draft.keyPoints, ...BODIES.map((b) => draft.body[b])].join('\n');
    expect(texts).not.toMatch(/вы видите/u);
    for (const junk of [/шрамы/u, /фейерверкомета/u, /мрот/u, /заслужил/u, /бумеры/u, /получается/u, /Отправь/u, /Девушки/u, /зазорным/u, /Надеемся/u, /в очередь/u, /декларировать/u, /Видимо/u, /Спасибо/u, /заполняете/u, /чёрный день/u, /новых сервера/u, /Lada Granta/u, /из космоса/u]) expect(texts).not.toMatch(junk);
    // No quote mark is left open or closed alone, whatever a sentence was cut out of.
    for (const text of [draft.dek, ...draft.keyPoints, ...BODIES.map((b) => draft.body[b])]) expect((text.match(/"/gu) ?? []).length % 2, text).toBe(0);
    expect(texts).not.toMatch(/жалуются со/u);
    expect(texts).not.toMatch(/(По данным|Как сообщает|пишет) [^,:]+[,:] а /u);
    // A key point stands alone: no "А потом…" either.
    for (const point of draft.keyPoints) expect(point).not.toMatch(/^(А|Но|И) /u);
  });
});

describe('the offline Editor asked for a language its posts are not in', () => {
  it('writes the whole article in the posts’ language, framing too, and says which', () => {
    const draft = writeArticleOffline(request(stories.korea, { language: 'en' }));
    expect(draft.language).toBe('ru');
    for (const body of BODIES.map((b) => draft.body[b])) expect(body).not.toMatch(/According to|channels reported|reports,|\bUTC\b/u);
    expect(writeArticleOffline(request(stories.korea)).language).toBeUndefined();
  });
});

describe('sentences and points a reader takes in alone', () => {
  it('tells verbs by their endings, "ё" forms too, and not the nouns that end like them', async () => {
    const { hasVerbWord } = await import('../../core/pipeline/text/verb-forms');
    for (const verb of ['И инстадива начнёт жизнь с чистого листа', 'Снег идёт всю ночь', 'Ветер усилится к вечеру']) expect(hasVerbWord(verb), verb).toBe(true);
    for (const noun of ['Местные жители', 'Водители грузовиков', 'До конца недели', 'Охранники школ', 'Визит в Минск']) expect(hasVerbWord(noun), noun).toBe(false);
  });

  it('splits no sentence at "ст. 275" or inside parentheses', async () => {
    const { splitSentences } = await import('../../core/pipeline/text/sentences');
    expect(splitSentences('Обвинительное заключение по делу о госизмене (ст. 275 УК РФ) прокуратура утвердила в октябре. Суд начался в ноябре.')).toEqual([
      'Обвинительное заключение по делу о госизмене (ст. 275 УК РФ) прокуратура утвердила в октябре.',
      'Суд начался в ноябре.',
    ]);
    expect(splitSentences('Ему грозит срок по ч. 2 ст. 280 УК. Дело передано в суд.')).toHaveLength(2);
  });

  it('gives no key point that leans on another, no "Ссылаясь на…" without its subject, no "Кроме того, кроме…", no pointer to the text, no list item, no channel speaking as "we"', async () => {
    const draft = draftOn('2024-11-25', [
      ['SHOT', 'Против блогера Ильи Варламова возбудили уголовное дело. Приставы ищут Варламова из-за миллионного долга. Он накопился после закрытия его ресторана.'],
      ['BBC News', 'Как пишет Reuters, ссылаясь на данные прокуратуры, дело против Варламова возбуждено за уклонение от обязанностей иноагента. Подробности в нашем тексте.'],
      ['Mash', 'Прокуратура Москвы возбудила дело против блогера Варламова. Кроме ресторана, у Варламова закрылся и бизнес в Москве.'],
      ['Топор Live', 'Варламову грозит до двух лет лишения свободы по делу о неисполнении обязанностей иноагента.'],
    ]);
    for (const point of draft.keyPoints) expect(point, point).not.toMatch(/^(Он|Ссылаясь)/u);
    // Behind "И" a pronoun still points back: "И так почти во всей Центральной России" stands nowhere alone.
    const cyclone = draftOn('2024-11-03', [
      ['Mash', 'Крупнейший снежный циклон накроет половину России сегодня и завтра. Об этом Mash рассказал синоптик Александр Шувалов.\n\nМосквичи, утренний снежок — только начало. В течение дня ожидается ещё — неинтенсивно, но долго. И так практически во всей Центральной России. Всё из-за циклона. Очень быстрого: за сутки он пройдёт от Санкт-Петербурга до Волгограда и Саратова.\n\nПродолжится и завтра. А придёт в норму всё лишь пятого числа. В Поволжье будет немного снежка, в ЦФО станет потеплее и поприятнее.'],
      ['Топор+', 'Снежный циклон сегодня и завтра накроет половину России, — синоптик Александр Шувалов.'],
      ['Москвач', 'В Москве завтра ожидается сильный снегопад, до 10 сантиметров снега за сутки.'],
    ]);
    // Nor a point that adds to one before it ("Кроме того, …", "Также …").
    const storm2 = draftOn('2024-11-02', [
      ['Новости Москвы', '⚡️ Штормовое предупреждение действует в Москве и Подмосковье\n\nСильный ветер может остаться до позднего вечера. Также автовладельцев просят не выезжать на летней резине.'],
      ['Москва Live', '🌊**Штормовое предупреждение** объявлено в Москве и Подмосковье.\n__\nСильный ветер может сохраниться до позднего вечера. Автовладельцев убедительно просят не выезжать на летней резине.'],
      ['Москва с огоньком', '🌪️ Из-за сильного ветра в Москве и Подмосковье действует штормовое предупреждение'],
    ]);
    for (const point of storm2.keyPoints) expect(point, point).not.toMatch(/^(Кроме того|При этом|Также)/u);
    for (const point of cyclone.keyPoints) expect(point, point).not.toMatch(/^(И )?[Тт]ак (почти|практически)/u);
    for (const body of BODIES.map((b) => cyclone.body[b])) expect(body).not.toMatch(/(По данным|Как сообщает) [^,]+, так (почти|практически)/u);
    const sanctions = draftOn('2024-11-21', [
      ['Москвач', 'США ввели санкции против «Газпромбанка» и еще примерно 10 банков.\nНовый Московский Банк.\nРоял Кредит Банк.\nБКФ Банк (лицензия отозвана).'],
      ['BBC News', 'Министерство финансов США объявило о санкциях против Газпромбанка и других банков.'],
      ['Банкста', 'Газпромбанк и Примсоцбанк попали в санкционный список США, всего в списке около 100 лиц.'],
    ]);
    expect([sanctions.dek, ...sanctions.keyPoints, ...BODIES.map((b) => sanctions.body[b])].join('\n')).not.toMatch(/Роял Кредит|Московский Банк|БКФ/u);
    const storm = draftOn('2024-11-22', [
      ['Mash', 'Момент падения беседки-курилки на сотрудницу Ozon в ходе урагана в Подмосковье. По нашим данным, всё случилось на территории промышленного парка в деревне Гривно. Иронично, что беседку поставили прошлой осенью.'],
      ['Ньюсач/Двач', 'Курилка убила молодую девушку в Подольске во время урагана. Сорок шесть человек пострадали из-за непогоды в регионе.'],
      ['Банкста', 'Как считают экономисты, опрошенные Ведомостями, ущерб от урагана превысит миллиард рублей, причем страховки покроют его лишь частично.'],
    ]);
    const stormTexts = [storm.headline, storm.dek, ...storm.keyPoints, ...BODIES.map((b) => storm.body[b])].join('\n');
    for (const junk of [/Момент падения/u, /По нашим данным/u, /Иронично/u, /Сорок 6/u, /^Опрошенные/mu]) expect(stormTexts).not.toMatch(junk);
    // "Отправляем в чат…" is the channel speaking, "отмечается День матери" is celebrated, not stressed.
    const scam = draftOn('2024-11-24', [
      ['Топор+', 'Мошенники массово разводят россиян по новой схеме через Госуслуги. Отправляем в семейный чат и предупреждаем близких.'],
      ['Москва Live', 'Злоумышленники отправляют жертве СМС о подозрительной попытке входа на Госуслуги и просят позвонить по номеру.'],
      ['Банкста', 'Новая схема мошенников с Госуслугами стала самой распространенной в ноябре, сообщили в МВД.'],
    ]);
    expect([scam.dek, ...scam.keyPoints, ...BODIES.map((b) => scam.body[b])].join('\n')).not.toMatch(/Отправляем|отправляем в семейный/u);
    const { applySwaps } = await import('../../core/pipeline/text/rephrase');
    expect(applySwaps('Сегодня, 24 ноября, отмечается День матери', 'ru')).toMatch(/отмечается День матери/u);
    expect(applySwaps('В докладе отмечается, что цены выросли', 'ru')).toMatch(/подчеркивается, что/u);
    // A reporting verb swaps; the same verb as "celebrated" or "found a body" reads right after the swap or not at all.
    expect(applySwaps('Путин отметил, что переговоры важны', 'ru')).toBe('Путин подчеркнул, что переговоры важны');
    expect(applySwaps('Город отметил юбилей салютом', 'ru')).toBe('Город отметил юбилей салютом');
    expect(applySwaps('Спасатели обнаружили тело мужчины', 'ru')).toBe('Спасатели нашли тело мужчины');
    expect(applySwaps('Как только человек вводит пароль, аккаунт взламывают', 'ru')).toMatch(/^Как только/u);
    expect(applySwaps('Пароль только что сменили', 'ru')).toMatch(/только что/u);
    expect(applySwaps('Позднее он обнаружил, что со счёта списали деньги', 'ru')).toMatch(/он выяснил, что/u);
    // A name the swaps write with a capital stays one behind a lead-in ("По данным X, госдума…").
    const { lowerFirst } = await import('../../core/pipeline/text/rephrase');
    expect(lowerFirst('Госдума приняла закон о запрете пропаганды чайлдфри', ruContext())).toMatch(/^Госдума/u);
    expect(lowerFirst('Депутаты приняли закон', ruContext())).toMatch(/^депутаты/u);
    // "МСК" is Moscow time only after a time: "МСК Энерго" is a company.
    expect(applySwaps('Причина отключения — авария на внешних электросетях МСК Энерго', 'ru')).toMatch(/электросетях МСК Энерго/u);
    expect(applySwaps('Первое сообщение пришло в 18:13 МСК', 'ru')).toMatch(/18:13 по московскому времени/u);
    // "Причем …" carries its own link word: no "Кроме того, причем …".
    expect(CONNECTIVE.test('Причем каждое повышение будет по меньшей мере на 50 000 рублей')).toBe(true);
    const texts = [draft.headline, draft.dek, ...draft.keyPoints, ...BODIES.map((b) => draft.body[b])].join('\n');
    expect(texts).not.toMatch(/Подробности в нашем/u);
    const { gatherMaterial } = await import('../../core/pipeline/editor/offline-material');
    const teaser = gatherMaterial([postsOn('2024-11-23')(1, 'Москва - новостная', 'Банки ОАЭ перестали обслуживать карты Газпромбанка. Что еще случилось с картами Газпромбанка системы UnionPay в разных странах.')], 'ru');
    expect(teaser.all.map((x) => x.text)).toEqual(['Банки ОАЭ перестали обслуживать карты Газпромбанка.']);
    const promo = gatherMaterial([postsOn('2024-11-17')(1, 'Mash', 'Байден разрешил Украине бить ракетами ATACMS вглубь России. Что за ракеты американцы собираются использовать — разбирали в Mash Room.')], 'ru');
    expect(promo.all.map((x) => x.text)).toEqual(['Байден разрешил Украине бить ракетами ATACMS вглубь России.']);
    expect(texts).not.toMatch(/(Кроме того|Помимо этого), кроме/iu);
  });
});

describe('a sentence that names its own source', () => {
  it('takes no channel lead-in on top ("По данным X, по сообщениям свидетелей, …")', () => {
    const draft = draftOn('2024-11-13', [
      ['Москва с огоньком', 'В ЖК «ГринПарк» нет электричества в 8 корпусах комплекса'],
      ['Москвач • Новости Москвы', '💡В Останкинском районе ЖК «ГринПарк» остался без электричества — уже несколько часов обесточены 8 корпусов.\n\nПо сообщениям очевидцев, есть застрявшие в лифтах люди. Причина отключения — авария на внешних электросетях МСК Энерго.'],
      ['Москва Live', '💡ЖК «ГринПарк» в Останкинском районе **остался без электричества**.\n\nПо словам очевидцев, есть **застрявшие в лифтах** люди. Причина отключения — авария на внешних электросетях МСК Энерго.\n\n__Уже несколько часов обессточены 8 корпусов.'],
    ]);
    for (const body of BODIES.map((b) => draft.body[b])) expect(body, body).not.toMatch(/(По данным|Как сообщает)[^.]*, по (сообщениям|словам) (свидетелей|очевидцев)/u);
  });
});

describe('a numbered plan in a post', () => {
  it('keeps a step that says something, without its number, and drops a step that is a heading', async () => {
    const { gatherMaterial } = await import('../../core/pipeline/editor/offline-material');
    const text = `Сегодня адвокаты Блиновской реализовали первый пункт плана "5 шагов к свободе", о котором SHOT писал ещё в июне. Заключается он в следующем:

**Шаг 1:** Блиновскую признают банкротом.
**Шаг 2: **Изымаются её средства с банковских счетов и переводятся в счёт уплаты долга.
**Шаг 5: **Решение вопроса с уголовным преследованием.`;
    const material = gatherMaterial([postsOn('2024-11-13')(1, 'SHOT', text)], 'ru').all.map((x) => x.text);
    expect(material).toContain('Изымаются её средства с банковских счетов и переводятся в счёт уплаты долга.');
    expect(material.join(' ')).not.toMatch(/Шаг \d|Решение вопроса с уголовным преследованием/u);
  });
});

describe('sources named in a lead-in', () => {
  it('names a channel whose title declines as a channel, in the lead-in’s case; Latin names and acronyms as they are', async () => {
    const { withSource } = await import('../../core/pipeline/editor/offline-phrases');
    expect(withSource('По данным {s:gen}', 'Москва с огоньком', 'ru')).toBe('По данным канала «Москва с огоньком»');
    expect(withSource('Как сообщает {s}', 'Новости Москвы', 'ru')).toBe('Как сообщает канал «Новости Москвы»');
    expect(withSource('Если верить {s:dat}', '«Раньше всех. Ну почти»', 'ru')).toBe('Если верить каналу «Раньше всех. Ну почти»');
    expect(withSource('{s} пишет', 'Москвач', 'ru')).toBe('Канал «Москвач» пишет');
    for (const name of ['Mash', 'РИА Новости', '112', '«ТОПОР - Горячие новости»']) expect(withSource('По данным {s:gen}', name, 'ru')).toBe(`По данным ${name}`);
    expect(withSource('According to {s}', 'Mash', 'en')).toBe('According to Mash');
    // In a draft: no "По данным Москва с огоньком".
    const draft = draftOn('2024-11-18', [['Москва с огоньком', 'В Москве ожидается сильный снегопад, предупредили синоптики. Высота снежного покрова составит до 15 сантиметров.'], ['SHOT', 'Синоптики предупредили о сильном снегопаде в Москве, снега выпадет до 15 сантиметров.']]);
    for (const body of BODIES.map((b) => draft.body[b])) expect(body, body).not.toMatch(/(По данным|Как сообщает) Москва/u);
  });
});

describe('connectors between sentences', () => {
  it('puts none after a sentence that opens on a link word of its own', () => {
    // The post's "Кроме того, изменится размер скидки…" was followed by an added "Кроме того, с 1 января…".
    const text = `**⚡️В России штрафы за нарушение ПДД могут вырасти с 1 января.

**Поправки к КоАП разрабатываются в правительстве РФ.

— Непристёгнутый ремень безопасности: штраф увеличится **с 1000 до 1500 рублей.**
— Превышение скорости: диапазон штрафов изменится **с 500–5000 рублей до 750–7500 рублей**, в зависимости от степени превышения.

Кроме того, изменится размер скидки при быстрой оплате штрафов. С 1 января автомобилисты смогут оплатить **75%** от суммы штрафа в течение 30 дней, вместо текущих 50% в течение 20 дней`;
    const moscow = `🛞В России **с 1 января **могут **резко вырасти штрафы** за нарушения ПДД.

За непристегнутый ремень **придется отдать 1500** рублей **вместо 1000**, за пьяную езду — от **30 тысяч** до **45 тысяч**. За превышение скорости и несоблюдение требований дорожных знаков вилка штрафов вырастет **до 750-7500 рублей**.`;
    const draft = draftOn('2024-11-18', [['Топор+', text], ['Москва Live', moscow]]);
    for (const body of BODIES.map((b) => draft.body[b])) {
      const sentences = body.split(/(?<=[.!?…])\s+/u);
      for (let i = 1; i < sentences.length; i++) {
        expect(CONNECTIVE.test(sentences[i - 1]) && /^(Кроме того|Также|При этом)/u.test(sentences[i]), `${sentences[i - 1]} | ${sentences[i]}`).toBe(false);
      }
    }
  });
});

describe('the offline dek', () => {
  it('stands alone under the headline: never a sentence opening with a pronoun or a link word', () => {
    const post = postsOn('2024-11-30');
    for (const opener of ['Он будет', 'Кроме того, Трамп будет', 'Потом они будут']) {
      const draft = writeArticleOffline(
        request([
          post(1, 'РИА Новости', 'Трамп пригрозил странам БРИКС пошлинами в 100 процентов, если они откажутся от доллара. Избранный президент США потребовал гарантий от стран объединения.'),
          post(2, 'Банкста', `${opener} требовать от стран БРИКС гарантий, что новой валюты объединения не появится.`),
          post(3, 'Топор Live', 'Пошлины в 100 процентов ждут страны БРИКС, которые заменят доллар своей валютой, заявил Трамп.'),
        ]),
      );
      // (the rephraser may swap the link word: "Помимо этого", "Затем")
      const leaning = /^(Он|Кроме того|Помимо этого|Потом|Затем)/u;
      expect(draft.dek, opener).not.toMatch(leaning);
      expect(draft.headline, opener).not.toMatch(leaning);
    }
  });
});
