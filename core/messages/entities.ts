// Hashtags and links of a post, from Telegram's entities and from the text itself (entities are
// missing for posts forwarded from some clients, and bare URLs in captions are common).
import type { EntityLike } from './telegram-message';

const HASHTAG = /(^|[^\p{L}\p{N}_&/])#([\p{L}\p{N}_]{1,64})/gu;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'«»()\[\]]+[^\s<>"'«»()\[\].,;:!?]/giu;
/** Cheap, and true of every text URL_IN_TEXT can match. */
const URL_HINT = /https?:\/\//i;
const BARE_DOMAIN = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/\S*)?$/i;

/** Entity offsets are UTF-16 code units, like JavaScript string indices. */
function entityText(text: string, entity: EntityLike): string {
  return text.slice(entity.offset, entity.offset + entity.length);
}

export function extractHashtags(text: string, entities: readonly EntityLike[] = []): string[] {
  const seen = new Map<string, string>();
  const add = (tag: string) => {
    const clean = tag.replace(/^#/, '');
    if (clean && !seen.has(clean.toLowerCase())) seen.set(clean.toLowerCase(), clean);
  };
  for (const entity of entities) if (entity.className === 'MessageEntityHashtag') add(entityText(text, entity));
  // The pattern's Unicode classes are tried at every position: a text without '#' skips it.
  if (text.includes('#')) for (const match of text.matchAll(HASHTAG)) add(match[2]);
  return [...seen.values()];
}

function normaliseUrl(raw: string): string | null {
  const trimmed = raw.trim();
  const candidate = /^https?:\/\//i.test(trimmed) ? trimmed : BARE_DOMAIN.test(trimmed) ? `https://${trimmed}` : null;
  if (!candidate) return null;
  try {
    return new URL(candidate).toString();
  } catch {
    return null;
  }
}

export function extractLinks(text: string, entities: readonly EntityLike[] = []): string[] {
  const links = new Set<string>();
  const add = (raw: string) => {
    const url = normaliseUrl(raw);
    if (url) links.add(url);
  };
  for (const entity of entities) {
    if (entity.className === 'MessageEntityTextUrl' && entity.url) add(entity.url);
    else if (entity.className === 'MessageEntityUrl') add(entityText(text, entity));
  }
  // Markdown-style [label](url) in exported texts: the URL regex below finds the target too.
  if (URL_HINT.test(text)) for (const match of text.matchAll(URL_IN_TEXT)) add(match[0]);
  return [...links];
}
