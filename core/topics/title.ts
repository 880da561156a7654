// A topic's title is the first meaningful line of its most representative post, without markup.
import { stripMarkup } from '../text/markup';

const MAX_TITLE = 140;
// Lines like "⚡️Срочно" or "Главное к утру:" announce rather than tell the story.
const MIN_LINE_LETTERS = 25;

export function titleLine(text: string): string {
  const lines = stripMarkup(text)
    .split('\n')
    .map((l) => l.replace(/^[\s\-–—•|:.,!]+/u, '').replace(/#\p{L}[\p{L}\p{N}_]*/gu, '').trim())
    .filter((l) => /\p{L}/u.test(l));
  let title = '';
  for (const line of lines) {
    title = title ? `${title}. ${line}` : line;
    if ((title.match(/\p{L}/gu) ?? []).length >= MIN_LINE_LETTERS) break;
  }
  return truncateAtWord(title.replace(/\s+/g, ' ').trim(), MAX_TITLE).replace(/(?<!\.)\.$/u, '');
}

function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`;
}
