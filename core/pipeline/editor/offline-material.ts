// The offline Editor's raw material: the topic's posts cut into clean sentences, ranked by
// TextRank (a sentence several channels confirm ranks higher), near-duplicates removed.
import { stem } from '../../text/stem';
import { contentStems } from '../../text/tokenize';
import { postLines } from '../text/clean';
import { splitSentences } from '../text/sentences';
import { jaccard, textRank } from '../text/textrank';
import { OPENING_CONJUNCTION, upperFirst, type TextLang } from '../text/rephrase';
import { hasVerbWord } from '../text/verb-forms';
import { wordSpans } from '../text/word-spans';
import type { SourcePost } from '../types';

export interface PoolSentence {
  /** Cleaned text as the post has it. */
  text: string;
  /** Index of its post in the request. */
  post: number;
  /** Sentence number inside the post (0 = lede). */
  position: number;
  stems: Set<string>;
  /** Posts of other channels that say much the same. */
  confirmedBy: number[];
  /** Opens with a pronoun pointing back ("Он…", "По его словам…"): it needs the sentence before it. */
  anaphoric: boolean;
  /** The channel speaking for itself ("мы писали") or to its reader ("если вы видите…"): not a fact of the story. */
  channelVoice: boolean;
  score: number;
}

export interface Material {
  posts: SourcePost[];
  /** The language the posts are written in (rephrasing works in it). */
  lang: TextLang;
  /** Every usable sentence, in post order (contradictions are looked for among all of them). */
  all: PoolSentence[];
  /** Distinct sentences, best first. */
  ranked: PoolSentence[];
  /** Words the posts write in lower case mid-sentence: not names. */
  lowerWords: Set<string>;
  /** Words the posts capitalise mid-sentence: names. */
  nameWords: Set<string>;
  lowerStems: Set<string>;
}

const MIN_STEMS = 3;
const DUPLICATE_JACCARD = 0.35;
const DUPLICATE_CONTAINMENT = 0.6;
const CONFIRM_OVERLAP = 0.5;
// Openers that announce rather than tell ("Срочно:", "Молния") and the stock "Об этом сообщил…".
const ANNOUNCER = /^(срочно|молния|внимание|важно|главное|upd|апд|обновлено|дополнено|breaking|urgent|update)(?![\p{L}])[\s:!.,—–-]*/iu;
// (\b is ASCII-only in JavaScript: after a Cyrillic letter it never matches, so a letter lookahead.)
const STOCK = /^(об этом|about this|this was reported)(?![\p{L}])/iu;
// The channel talking about itself ("мы писали", "наш корреспондент") or to its reader ("если вы
// видите это сообщение", "Ты с друзьями остался…") is not the story.
// The channel speaking as "we" without the pronoun ("Отправляем в семейный чат и предупреждаем близких").
const CHANNEL_VERB = /^\p{L}{3,}(?:аем|яем|уем|юем|ём|аемся|яемся|уемся|юемся|емся|ёмся)(?![\p{L}])/u;
// The reader as "you" in the verb alone ("заполняете форму — получаете код").
const READER_VERB = /(?:^|[^\p{L}])\p{L}{2,}(?:аете|яете|уете|юете)(?![\p{L}])/iu;
// Words to readers addressed by who they are ("Девушки, можно напомнить…", "Друзья, …").
const VOCATIVE = /^(?:девушки|девочки|друзья|ребята|парни|мужчины|женщины|дамы|господа|коллеги|подписчики|москвичи|дорогие|уважаемые|friends|guys|folks)\s*[,!]/iu;
// The channel telling its reader what to do ("Отправь другу", "Поделитесь с близкими", "Сохраняй").
const CHANNEL_IMPERATIVE =
  /^(?:отправь|поздравь|покажи|поделись|поделитесь|сохрани|сохраняй|подпишись|подпишитесь|ставь|пиши|напиши|расскажи|жми|узнай|проверь|запомни|зацени|делись|делитесь|присылай|скинь|берегите|будьте|помни)(?:те)?(?![\p{L}])/iu;
// "I" outside quote marks too: the admin speaking, or someone's words without their quotes ("— Я не
// считаю зазорным позвонить Трампу"); said by "По данным X, я…", neither reads as a reported fact.
// (English "I" only before a verb: alone it may be a numeral, "Николай I".)
const CHANNEL_VOICE =
  /(^|[^\p{L}])(мы|нас|нам|нами|наш|наша|наше|наши|нашего|нашей|нашим|нашими|нашем|нашу|наших|вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашим|вашими|вашем|вашу|ваших|ты|тебя|тебе|твой|твои|я|меня|мне|мной|мой|моя|моё|мое|мои|моего|моей|моему|моих|моим|we|our|us|you|your|me|my|mine|I(?= (?:am|was|have|had|will|would|think|do|did|don't|can|know|want|said)(?![\p{L}])))(?![\p{L}])/iu;
const ANAPHORIC =
  /^(он|она|оно|они|его|ее|её|их|ему|ей|им|это|этот|эта|эти|этого|этой|там|тогда|такие|такой|так|по его|по ее|по её|по их|при этом|he|she|it|they|his|her|their|this|these|there|that)(?![\p{L}])/iu;
/** Opens with a pronoun pointing back, wherever it stands ("Он будет мешать…", "Потом они просят…"). */
export const pointsBack = (text: string) => {
  // Behind "И"/"А"/"Но" too ("И так почти во всей Центральной России").
  const own = text.replace(OPENING_CONJUNCTION, '');
  return ANAPHORIC.test(own) || /^(потом|затем|после этого)\s+(он|она|они|оно|их|его)(?![\p{L}])/iu.test(own);
};

// Sentences pointing at the post's photo or video ("Вот ещё видео", "Смотрите кадры").
const POINTER =
  /^((?:ещё|еще|новые|свежие|другие)\s+(?:кадры|видео|фото)|на\s+(?:видео|кадрах|фото|снимках|записи)|вот|смотрите|посмотрите|так выглядит|так выглядят|кадры|видео|фото|что происходит|что известно|что ещё|что еще|что за|как это было|подробности|подробнее|момент(?=\s+\p{L}+(?:ия|ения|ания|а)\s)|look|watch|here is|here are|footage|video|what we know)(?![\p{L}])/iu;
const MEDIA_TALK = /(кадр|видео|фото|снимк|засняли|ролик|видос|footage|video|photo)/iu;

export function gatherMaterial(posts: SourcePost[], fallback: TextLang): Material {
  const kept = distinctPosts(posts);
  const lang = postsLanguage(posts, fallback);
  const all: PoolSentence[] = [];
  for (const index of kept) {
    let position = 0;
    for (const line of postLines(posts[index].text)) {
      for (const raw of splitSentences(line)) {
        const text = cleanSentence(raw);
        if (!text) continue;
        const stems = new Set(contentStems(text));
        if (stems.size < MIN_STEMS || POINTER.test(text.replace(OPENING_CONJUNCTION, '')) || !factLike(text)) continue;
        const unquoted = text.replace(/«[^»]*»|"[^"]*"/g, '');
        all.push({
          text,
          post: index,
          position: position++,
          stems,
          confirmedBy: [],
          anaphoric: position > 1 && pointsBack(text),
          channelVoice: CHANNEL_VOICE.test(unquoted) || READER_VERB.test(unquoted) || CHANNEL_VERB.test(text) || CHANNEL_IMPERATIVE.test(text) || VOCATIVE.test(text),
          score: 0,
        });
      }
    }
  }
  markConfirmations(all, posts);
  rank(all, posts);
  const ranked = dropDuplicates([...all].sort((a, b) => b.score - a.score)).filter((s) => !s.channelVoice);
  return { posts, lang, all, ranked, ...wordCases(all) };
}

function distinctPosts(posts: SourcePost[]): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  posts.forEach((p, i) => {
    const key = postLines(p.text).join(' ').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (!key || seen.has(key)) return;
    seen.add(key);
    out.push(i);
  });
  return out;
}

function postsLanguage(posts: SourcePost[], fallback: TextLang): TextLang {
  const ru = posts.filter((p) => p.lang === 'ru').length;
  const en = posts.filter((p) => p.lang === 'en').length;
  if (ru === 0 && en === 0) return fallback;
  return en > ru ? 'en' : 'ru';
}

// The channel's own verdict ("Конечно, Байден заслужил импичмент") or its street voice ("Че за
// бумеры голосовали"): an opinion, not the story's fact.
const OPINION = /^(конечно|разумеется|безусловно|естественно|иронично|забавно|символично|видимо|похоже|кажется|наверное|пожалуй|спасибо|ч[её]|ну|эх|ох|ах|ого|блин|жесть|мда|of course|obviously|ironically)(?![\p{L}])/iu;
// A remark that closes on the channel's shrug ("С ещё одной днюхой, получается."): a comment, not a fact.
const CLOSING_REMARK = /,\s*(?:получается|выходит|видимо|кажется|похоже|so it seems|apparently)[.!…]*$/iu;

// Numbers in words, which open a list's items as figures do ("Два билета на космический круиз").
const NUMBER_WORDS = 'один|одна|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|сто|тысяча';
const NUMBER_FIRST = new RegExp(String.raw`^(?:\p{N}|(?:${NUMBER_WORDS})(?![\p{L}]))`, 'iu');
// "Купить", "Приобрести", "Получить" — not "Есть", "Часть", "Сеть", "Пять", words that end alike.
const INFINITIVE_FIRST = new RegExp(String.raw`^(?:(?!(?:есть|сеть|печать|кровать|треть|вплоть|${NUMBER_WORDS}|\p{L}+дцать)(?![\p{L}]))\p{Script=Cyrillic}{3,}(?:[аяеиоуы]ть|[аяеиоуы]ться)|приобрести|обрести|привезти|найти|прийти|пойти|идти|спасти)(?![\p{L}])`, 'iu');
// A word that governs the infinitive makes it a sentence ("Списать на джиннов можно всё").
const GOVERNS_INFINITIVE = /(?<![\p{L}])(?:можно|нельзя|нужно|надо|необходимо|стоит|просто|сложно|легко|трудно|важно|невозможно|предстоит|придётся|придется|готов|готова|готовы|бесполезно|лучше|хочет|хотят)(?![\p{L}])/iu;
const LINKED_OPENER = /^(?:при этом|кроме того|помимо этого|также|причем|причём|а также|и|а|но|или)(?![\p{L}])/iu;

/** A question ("Хочешь знать, откуда эти шрамы?") asks, it does not tell; an opinion only judges; a sentence that opens in
 *  lower case ("слоган: …") is a fragment of one the splitter cut, and a few words without a verb are a list's item.
 *  Quotes stand as they are. */
function factLike(text: string): boolean {
  if (/^[«"“]/u.test(text)) return true;
  if (OPINION.test(text) || CLOSING_REMARK.test(text)) return false;
  // A closing bracket with none open is the channel's smile ("Желающие могут вставать в очередь)").
  if (/\)[.!…]*$/u.test(text) && !text.includes('(')) return false;
  // A link word and no verb: the tail of a sentence the splitter cut ("При этом на «чёрный день» или ради…").
  if (LINKED_OPENER.test(text) && !hasVerbWord(text) && !/\s[—–-]\s/u.test(text)) return false;
  // A relative clause the splitter cut from its noun ("Которые по закону необходимо декларировать.").
  if (/^котор\p{L}+(?![\p{L}])/iu.test(text)) return false;
  // An item of a list, a line of its own ("Роял Кредит Банк.", "БКФ Банк (лицензия отозвана)."): no sentence.
  if (wordSpans(text).length <= 4 && !hasVerbWord(text) && !/\p{N}/u.test(text)) return false;
  // An infinitive with no verb to govern it ("Купить 80 машин Lada Granta…") is an item of a list ("можно:").
  if (INFINITIVE_FIRST.test(text) && !hasVerbWord(text) && !GOVERNS_INFINITIVE.test(text)) return false;
  // A figure first and no verb ("360 путёвок в Таиланд.", "Два билета на космический круиз."): an item too.
  if (NUMBER_FIRST.test(text) && wordSpans(text).length <= 6 && !hasVerbWord(text)) return false;
  if (/\?[»"”)]*$/u.test(text)) return false;
  return !/^\p{Script=Cyrillic}/u.test(text) || !/^\p{Ll}/u.test(text);
}

/** A quote of several lines, cut into them, leaves each end its mark alone ('"Серверы
 *  перегружены.', '…в течение часа", — сообщили…'): a mark without its pair goes. */
function closeQuotes(text: string): string {
  const count = (re: RegExp) => text.match(re)?.length ?? 0;
  let out = text;
  const straight = count(/"/gu);
  if (straight === 1) out = out.replace('"', '');
  else if (straight % 2 === 1) out = /^"/u.test(out) ? out.slice(1) : out.replace(/"(?=[.!?…]?$)/u, '');
  const opens = count(/«/gu);
  const closes = count(/»/gu);
  if (opens === 0 && closes === 1) out = out.replace('»', '');
  else if (closes === 0 && opens === 1) out = out.replace('«', '');
  else if (closes > opens) out = out.replace(/»(?=[.!?…]?$)/u, '');
  else if (opens > closes) out = out.replace(/^«/u, '');
  return out;
}

// A step of a numbered plan ("Шаг 4: Так как сумма…"): the step's number is the post's layout.
const STEP_NUMBER = /^(?:шаг|этап|step|stage)\s*\d{1,2}\s*[:.)]\s*/iu;

function cleanSentence(raw: string): string | null {
  let text = raw.replace(ANNOUNCER, '').trim();
  if (STEP_NUMBER.test(text)) {
    text = text.replace(STEP_NUMBER, '');
    // Without a verb a step is a heading ("Шаг 5: Решение вопроса с уголовным преследованием").
    if (!hasVerbWord(text)) return null;
    text = upperFirst(text);
  }
  if (!text || STOCK.test(text)) return null;
  // A lead-in to a list or a video ("Другие заявления Пескова:") says nothing alone.
  if (/:$/.test(text)) return null;
  // A teaser cut off where the post says "read on" ("Байден на самом деле общался со…").
  if (/(?:^|\s)\p{L}{1,3}\s*(?:…|\.\.\.)$/u.test(text)) return null;
  text = closeQuotes(text.replace(/[:;,\s—–-]+$/u, ''));
  if (!/[.!?…»"]$/u.test(text)) text += '.';
  return text.replace(/\s+/g, ' ');
}

function markConfirmations(all: PoolSentence[], posts: SourcePost[]): void {
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i];
      const b = all[j];
      if (posts[a.post].channelTitle === posts[b.post].channelTitle) continue;
      let shared = 0;
      for (const s of a.stems) if (b.stems.has(s)) shared++;
      if (shared < 3 || shared / Math.min(a.stems.size, b.stems.size) < CONFIRM_OVERLAP) continue;
      if (!a.confirmedBy.includes(b.post)) a.confirmedBy.push(b.post);
      if (!b.confirmedBy.includes(a.post)) b.confirmedBy.push(a.post);
    }
  }
}

function rank(all: PoolSentence[], posts: SourcePost[]): void {
  const channel = (s: PoolSentence) => posts[s.post].channelTitle;
  const scores = textRank(
    all.map((s) => s.stems),
    (i, j) => (all[i].post === all[j].post ? 0.4 : channel(all[i]) === channel(all[j]) ? 0.6 : 1),
    all.map((s) => (s.position === 0 ? 2 : s.position === 1 ? 1.3 : 1)),
  );
  all.forEach((s, i) => {
    const words = wordSpans(s.text).length;
    let factor = 1 + 0.35 * new Set(s.confirmedBy.map((p) => posts[p].channelTitle)).size;
    if (words < 6) factor *= 0.6;
    if (words > 45) factor *= 0.7;
    if (MEDIA_TALK.test(s.text)) factor *= 0.4;
    if (s.anaphoric) factor *= 0.7;
    if (/\?$/.test(s.text)) factor *= 0.5;
    if (/^[«"“]/.test(s.text)) factor *= 0.7;
    s.score = scores[i] * factor;
  });
}

function dropDuplicates(sorted: PoolSentence[]): PoolSentence[] {
  const kept: PoolSentence[] = [];
  for (const s of sorted) {
    const duplicate = kept.some((k) => {
      if (jaccard(k.stems, s.stems) >= DUPLICATE_JACCARD) return true;
      let shared = 0;
      for (const x of s.stems) if (k.stems.has(x)) shared++;
      return shared / Math.min(s.stems.size, k.stems.size) >= DUPLICATE_CONTAINMENT;
    });
    if (!duplicate) kept.push(s);
  }
  return kept;
}

function wordCases(all: PoolSentence[]): { lowerWords: Set<string>; nameWords: Set<string>; lowerStems: Set<string> } {
  const lowerWords = new Set<string>();
  const nameWords = new Set<string>();
  for (const s of all) {
    for (const span of wordSpans(s.text)) {
      const first = s.text[span.start];
      if (first !== first.toUpperCase()) lowerWords.add(span.word);
      // A capital after a word (not after a quote, colon or dash) marks a name.
      else if (first !== first.toLowerCase() && /[\p{L}\p{N},]\s+$/u.test(s.text.slice(0, span.start))) nameWords.add(span.word);
    }
  }
  const lowerStems = new Set([...lowerWords].map((w) => stem(w, /\p{Script=Cyrillic}/u.test(w) ? 'ru' : 'en')));
  return { lowerWords, nameWords, lowerStems };
}
