// A topic's title is the headline of its most representative post as it reads in the source: its
// first sentence (or first meaningful lines, when the first is only an announcement), without
// markup, emoji or hashtags, cut at a sentence or word boundary — never inside a word.
import { LETTER } from '../text/chars';
import { WHITESPACE_RUN, stripMarkup } from '../text/markup';

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
  // Lines are read one at a time, only as far as the title needs (most posts: the first).
  let title = '';
  let titleLetters = 0;
  for (let start = 0; start <= stripped.length; ) {
    const newline = stripped.indexOf('\n', start);
    const end = newline < 0 ? stripped.length : newline;
    const line = cleanLine(stripped.slice(start, end));
    start = end + 1;
    const lineLetters = letters(line);
    if (!lineLetters) continue;
    title = title ? `${title}. ${line}` : line;
    titleLetters += lineLetters;
    if (titleLetters >= MIN_LINE_LETTERS) break;
  }
  return shorten(firstSentence(title)).replace(/[\s,;:–—-]+$/u, '').replace(/(?<![.!?…])\.$/u, '');
}

/** A line without hashtags, leading bullets and punctuation, or extra spaces. */
function cleanLine(line: string): string {
  return line.replace(/#\p{L}[\p{L}\p{N}_]*/gu, '').replace(/^[\s\-–—•|:.,!]+/u, '').replace(WHITESPACE_RUN, ' ').trim();
}

function letters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; ) {
    const width = LETTER.at(text, i);
    count += width ? 1 : 0;
    i += width || 1;
  }
  return count;
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
