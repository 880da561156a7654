// Telegram texts arrive with Markdown-style markup, links, emoji and hashtags. These helpers
// remove the markup but keep the words a reader sees.

const MD_LINK = /\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))+\)/g;
const URL = /\b(?:https?:\/\/|www\.|t\.me\/)[^\s)\]]+/giu;
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}\u{20E3}\u{1F1E6}-\u{1F1FF}]/gu;
const EMPHASIS = /(\*\*|__|~~|\|\||`{1,3})/g;

/** Markup-free text for display: links keep their anchor text, URLs/emoji/emphasis go. Case kept. */
export function stripMarkup(text: string): string {
  return text
    .replace(MD_LINK, (_m, anchor: string) => (/^\s*(https?:\/\/|www\.)/i.test(anchor) ? '' : anchor))
    .replace(URL, '')
    .replace(EMOJI, '')
    .replace(EMPHASIS, '')
    .replace(/[ \t\u00A0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

/** Text for matching: markup-free, lower case, `ё`→`е`, hashtag and mention signs dropped. */
export function normalizeText(text: string): string {
  return normalizeStripped(stripMarkup(text));
}

/** `normalizeText` of a text that already went through `stripMarkup` (saves stripping it twice). */
export function normalizeStripped(stripped: string): string {
  return stripped
    .replace(/(^|\s)@[\w\d_]+/gu, ' ') // mentions are channel signatures, not story words
    .replace(/#(\p{L}[\p{L}\p{N}_]*)/gu, (_m, tag: string) => tag.replace(/_/g, ' '))
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ')
    .trim();
}
