// Parses what a user types to follow a channel into a reference the gateway can resolve:
// @name, name, t.me/name, https://t.me/name/123, t.me/s/name, t.me/+hash, t.me/joinchat/hash
// (also telegram.me, telegram.dog and tg://resolve / tg://join links).
export type ChannelReference = { kind: 'username'; username: string } | { kind: 'invite'; hash: string };

export class ChannelReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChannelReferenceError';
  }
}

// Telegram usernames: 5–32 characters, letters, digits and underscores, starting with a letter.
// (Some old channels have 4-letter names; Telegram still resolves them.)
const USERNAME = /^[a-z][a-z0-9_]{3,31}$/i;
const INVITE_HASH = /^[A-Za-z0-9_-]{8,64}$/;
const TELEGRAM_HOSTS = new Set(['t.me', 'telegram.me', 'telegram.dog', 'www.t.me', 'www.telegram.me']);
// Paths under t.me that are Telegram's own pages, never channels.
const RESERVED = new Set(['s', 'c', 'joinchat', 'addstickers', 'addemoji', 'share', 'proxy', 'socks', 'setlanguage', 'login', 'iv', 'bg', 'addtheme', 'invoice', 'boost', 'addlist', 'contact', 'm']);

function username(raw: string): ChannelReference {
  const name = raw.replace(/^@/, '');
  if (!USERNAME.test(name) || name.endsWith('_') || name.includes('__')) {
    throw new ChannelReferenceError(`"${raw}" is not a valid Telegram username (5–32 letters, digits or underscores, starting with a letter)`);
  }
  if (RESERVED.has(name.toLowerCase())) throw new ChannelReferenceError(`"${raw}" is a Telegram page, not a channel`);
  return { kind: 'username', username: name.toLowerCase() };
}

function invite(hash: string): ChannelReference {
  if (!INVITE_HASH.test(hash)) throw new ChannelReferenceError('The invite link is incomplete or malformed');
  return { kind: 'invite', hash };
}

/** new URL(), with a malformed link a ChannelReferenceError instead of a TypeError. */
function parseUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new ChannelReferenceError('The link is malformed');
  }
}

/** One path segment decoded, with a broken percent-escape a ChannelReferenceError instead of a URIError. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ChannelReferenceError('The link has a broken %-escape');
  }
}

function fromTgScheme(url: URL): ChannelReference {
  if (url.hostname === 'resolve') {
    const domain = url.searchParams.get('domain');
    if (domain) return username(domain);
  }
  if (url.hostname === 'join') {
    const hash = url.searchParams.get('invite');
    if (hash) return invite(hash);
  }
  throw new ChannelReferenceError('This tg:// link does not name a channel');
}

function fromWebLink(url: URL): ChannelReference {
  const parts = url.pathname.split('/').filter(Boolean).map(decodeSegment);
  if (parts.length === 0) throw new ChannelReferenceError('The link has no channel name after t.me/');
  const [first, second] = parts;
  if (first.startsWith('+')) return invite(first.slice(1));
  if (first === 'joinchat') {
    if (!second) throw new ChannelReferenceError('The invite link has no code after /joinchat/');
    return invite(second);
  }
  if (first === 's') {
    if (!second) throw new ChannelReferenceError('The link has no channel name after t.me/s/');
    return username(second);
  }
  if (first === 'c') throw new ChannelReferenceError('t.me/c/ links only work inside Telegram for members; send the channel’s @username or invite link');
  return username(first);
}

export function parseChannelReference(input: string): ChannelReference {
  const raw = input.trim();
  if (!raw) throw new ChannelReferenceError('Enter a channel: @username, t.me/name or an invite link');
  if (raw.length > 300) throw new ChannelReferenceError('That is too long to be a channel reference');
  if (/^tg:\/\//i.test(raw)) return fromTgScheme(parseUrl(raw));
  const looksLikeLink = /^(https?:\/\/)?([a-z0-9-]+\.)*(t\.me|telegram\.me|telegram\.dog)(\/|$)/i.test(raw);
  if (looksLikeLink) {
    const url = parseUrl(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
    const host = url.hostname.toLowerCase();
    if (!TELEGRAM_HOSTS.has(host)) {
      // name.t.me is Telegram's subdomain form of t.me/name.
      const sub = host.endsWith('.t.me') ? host.slice(0, -'.t.me'.length) : null;
      if (sub && !sub.includes('.')) return username(sub);
      throw new ChannelReferenceError('Only t.me / telegram.me links can name a channel');
    }
    return fromWebLink(url);
  }
  if (/^[a-z]+:\/\//i.test(raw) || raw.includes('/')) throw new ChannelReferenceError('Only t.me / telegram.me links can name a channel');
  if (raw.startsWith('+')) return invite(raw.slice(1));
  return username(raw);
}

/** How a reference is shown back to people (and the key the resolve cache uses). */
export function formatChannelReference(reference: ChannelReference): string {
  return reference.kind === 'username' ? `@${reference.username}` : `t.me/+${reference.hash}`;
}
