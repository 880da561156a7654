// A topic's title is the headline of its most representative post as it reads in the source: its
// first sentence (or first meaningful lines, when the first is only an announcement), without
// markup, emoji or hashtags, cut at a sentence or word boundary — never inside a word.
import { stripMarkup } from '../text/markup';

const MAX_TITLE = 140;
// Lines like "⚡️Срочно" or "Главное к утру:" announce rather than tell the story.
const MIN_LINE_LETTERS = 25;
// A sentence ends at . ! ? … followed by a space and a capital letter, digit or quote.
const SENTENCE_END = /[.!?…]+(?=\s+["«„(]?[\p{Lu}\p{N}])/u;

export function titleLine(text: string): string {
  return titleOfStripped(stripMarkup(text));
}

/** `titleLine` of a text that already went through `stripMarkup`. */
export function titleOfStripped(stripped: string): string {
  const lines = stripped
    .split('\n')
    .map((l) => l.replace(/#\p{L}[\p{L}\p{N}_]*/gu, '').replace(/^[\s\-–—•|:.,!]+/u, '').replace(/\s+/g, ' ').trim())
    .filter((l) => /\p{L}/u.test(l));
  let title = '';
  for (const line of lines) {
    title = title ? `${title}. ${line}` : line;
    if (letters(title) >= MIN_LINE_LETTERS) break;
  }
  return shorten(firstSentence(title)).replace(/[\s,;:–—-]+$/u, '').replace(/(?<![.!?…])\.$/u, '');
}

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** The first sentence, when it says enough on its own. */
function firstSentence(text: string): string {
  const m = SENTENCE_END.exec(text);
  if (!m) return text;
  const first = text.slice(0, m.index + m[0].length);
  return letters(first) >= MIN_LINE_LETTERS ? first : text;
}

/** At most MAX_TITLE characters, ending at a sentence end or else a word end (with "…"). */
function shorten(text: string): string {
  if (text.length <= MAX_TITLE) return text;
  const cut = text.slice(0, MAX_TITLE + 1);
  const sentence = cut.slice(0, MAX_TITLE).search(/[.!?…](?=\s)[^.!?…]*$/u);
  if (sentence > MAX_TITLE * 0.5) return cut.slice(0, sentence + 1);
  const space = cut.search(/\s\S*$/u);
  const head = space > 0 ? cut.slice(0, space) : cut.slice(0, MAX_TITLE).replace(/\S*$/u, '') || cut.slice(0, MAX_TITLE);
  return `${head.replace(/[\s,;:.–—-]+$/u, '')}…`;
}

export interface TitledTopic {
  title: string;
  /** The post the stored title was made from. */
  titleMessageId: number | null;
}

export interface TitleCandidate {
  id: number;
  text: string;
  similarity: number;
  /** The earlier post this one copies, if any. */
  duplicateOf: number | null;
  isForward: boolean;
}

/**
 * A shared topic's title as one reader sees it: the stored title if its source post is among the
 * reader's posts, else the title of the reader's most representative original (copies and forwards
 * only when there is no original).
 */
export function visibleTitle(topic: TitledTopic, posts: readonly TitleCandidate[], titleOf: (text: string) => string = titleLine): string {
  if (topic.titleMessageId !== null && posts.some((p) => p.id === topic.titleMessageId)) return topic.title;
  const originals = posts.filter((p) => p.duplicateOf === null && !p.isForward);
  const best = [...(originals.length ? originals : posts)].sort((a, b) => b.similarity - a.similarity)[0];
  return (best && titleOf(best.text)) || '';
}
