// A post's story lines without its channel furniture: links, emoji, hashtags, mentions, and the
// "Подписаться" / "Прислать новость" promo lines Telegram channels sign every post with.
import { stripMarkup } from '../../text/markup';
import { RU_VERB } from './verb-forms';

const CALL_TO_ACTION =
  /(подписаться|подписывай|подпишись|подпишитесь|прислать новост|предложить новост|прислать контент|читать нас|читайте нас|наш канал|нашем канале|поддержать канал|subscribe|boost|our channel|join us|follow us)/iu;
// Credits and pointers that carry no story ("Фото: …", "Подробнее по ссылке").
const CREDIT = /^(фото|видео|источник|photo|video|source)\s*[:—-]|^(подробнее|читать далее|read more)(?![\p{L}])/iu;
const MD_LINK = /\[([^\]]*)\]\([^)]*\)/g;
const LEADING_BULLETS = /^[\s\-–—•·▪▫◾◽●○►▶→⇒|:.,!*]+/u;
const HASHTAG = /(^|\s)#\p{L}[\p{L}\p{N}_]*/gu;
// "…20 лет.@banksta": a channel's signature may stick to the last stop (an address has a letter before "@").
const MENTION = /(^|[\s.,!?;:)])@[\p{L}\p{N}_]+/gu;
// "— глава региона Сергей Меликов." under a quote: who said the lines above, no story of its own.
const CREDIT_LINE = /^[—–]\s*[^.!?]{2,80}[.!]?$/u;
const SAYS = /^[—–]\s*(?:говорит|говорят|сказал[аи]?|сообщил[аи]?|рассказал[аи]?|заявил[аи]?|отметил[аи]?|пишет|пишут|считает|уверен[аы]?|says|said)(?![\p{L}])/iu;

// "Что ещё сказал президент РФ о будущем лидере США:" and the lines of direct speech under it, each
// opening with a dash ("— Человек проявил себя…").
const SPEECH_INTRO = /(?:сказал[аи]?|заявил[аи]?|высказал[аи]?(?:ся|сь)?|говорит|говорят|заявлени\p{L}*|цитат\p{L}*|слова\p{L}*|said|says|quotes)[^:]*:$/iu;

/** The post's content lines, markup-free, in order. */
export function postLines(text: string): string[] {
  const out: string[] = [];
  let speech = false; // (after a line announcing someone's words, until a line without a dash)
  for (const raw of text.split('\n')) {
    const plain = stripMarkup(raw).trim();
    if (plain && !/^[—–-]/u.test(plain)) speech = SPEECH_INTRO.test(plain);
    else if (speech && plain) continue; // someone's words, not the channel's: crediting them to it would misquote
    if (isPromo(raw) || isCreditLine(raw)) continue;
    const line = plain
      .replace(HASHTAG, '$1')
      .replace(MENTION, '$1')
      .replace(LEADING_BULLETS, '')
      .replace(/\s+/g, ' ')
      .trim();
    if ((line.match(/\p{L}/gu) ?? []).length < 3 || CREDIT.test(line)) continue;
    out.push(line);
  }
  return out;
}

function isCreditLine(raw: string): boolean {
  const plain = stripMarkup(raw).trim();
  if (!CREDIT_LINE.test(plain) || plain.split(/\s+/u).length > 9) return false;
  // "— говорит психолог Ийя Лемман": a verb of saying first is still a credit.
  return !RU_VERB.test(plain) || SAYS.test(plain);
}

function isPromo(raw: string): boolean {
  const plain = stripMarkup(raw);
  if (CALL_TO_ACTION.test(plain) && (plain.length < 90 || /\]\(|https?:\/\/|t\.me\//.test(raw))) return true;
  // A short line that is mostly a link's anchor is a pointer to another channel ("Полный отчёт в [Топор]").
  const anchors = [...raw.matchAll(MD_LINK)].reduce((n, m) => n + m[1].length, 0);
  return plain.length < 70 && anchors > 0 && anchors / Math.max(1, plain.length) > 0.35;
}
