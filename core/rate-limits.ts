// Request rate limits in one place: who may call what how often. Fixed windows counted in the kv;
// a limit reached answers 429 RATE_LIMITED naming it, with Retry-After.
export interface RateLimitRule {
  /** Names the limit in errors, logs and kv keys. */
  name: string;
  /** Requests allowed per window (before RATE_LIMIT_MULTIPLIER). */
  max: number;
  windowSeconds: number;
  /** What is being counted, for the error message ("sign-in attempts from your network"). */
  counts: string;
}

export const RATE_LIMITS = {
  /** Every sign-in endpoint (widget callback, OIDC start/callback, demo), per client address. */
  signIn: { name: 'sign-in', max: 20, windowSeconds: 60, counts: 'sign-in attempts from your network' },
  /** Opening a QR connection to Telegram, per user: each one starts an MTProto handshake. */
  qrStart: { name: 'qr-start', max: 10, windowSeconds: 60, counts: 'Telegram connection attempts' },
  /** 2FA password guesses against a Telegram account, per user: short and long window both apply. */
  qrPassword: { name: 'qr-password', max: 5, windowSeconds: 60, counts: 'Telegram password attempts' },
  qrPasswordHourly: { name: 'qr-password-hourly', max: 20, windowSeconds: 3600, counts: 'Telegram password attempts' },
  /** Following a channel resolves a username on the user's account; Telegram bans bursts of those. */
  channelSubscribe: { name: 'channel-subscribe', max: 30, windowSeconds: 60, counts: 'channel subscriptions' },
} as const satisfies Record<string, RateLimitRule>;

/** The rule's allowance scaled by configuration (never below one request). */
export function effectiveMax(rule: RateLimitRule, multiplier: number): number {
  return Math.max(1, Math.floor(rule.max * multiplier));
}

export interface WindowPosition {
  /** Index of the fixed window `nowSeconds` falls in; part of the counter's key. */
  index: number;
  /** Seconds until the window ends (at least 1). */
  secondsLeft: number;
}

export function windowPosition(nowSeconds: number, windowSeconds: number): WindowPosition {
  const index = Math.floor(nowSeconds / windowSeconds);
  return { index, secondsLeft: Math.max(1, (index + 1) * windowSeconds - Math.floor(nowSeconds)) };
}

function describeWindow(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return `${seconds} seconds`;
}

export function rateLimitMessage(rule: RateLimitRule, max: number, retryAfterSeconds: number): string {
  return `Too many ${rule.counts}: at most ${max} per ${describeWindow(rule.windowSeconds)} (limit ${rule.name}); try again in ${retryAfterSeconds} s`;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4(text: string): string | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  const parts = match.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts.join('.') : null;
}

/** The eight 16-bit groups of an IPv6 address (with `::` and an IPv4 tail expanded), or null. */
function ipv6Groups(text: string): number[] | null {
  let body = text;
  const lastColon = body.lastIndexOf(':');
  const tailPart = body.slice(lastColon + 1);
  if (tailPart.includes('.')) {
    const v4 = ipv4(tailPart);
    if (!v4 || lastColon < 0) return null;
    const [a, b, c, d] = v4.split('.').map(Number);
    body = `${body.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  if (![...head, ...tail].every((p) => /^[0-9a-f]{1,4}$/.test(p))) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const zeros = Array<string>(halves.length === 2 ? missing : 0).fill('0');
  return [...head, ...zeros, ...tail].map((p) => parseInt(p, 16));
}

/**
 * The bucket a client address is counted in: an IPv4 address as is, an IPv4-mapped IPv6 address as
 * its IPv4, any other IPv6 address by its /64 (one subscriber's network — a single user gets a whole
 * /64, so counting single IPv6 addresses would be no limit at all). Ports and brackets are dropped;
 * anything unparseable is one shared "unknown" bucket.
 */
export function addressBucket(raw: string | null | undefined): string {
  let text = (raw ?? '').trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = text.replace(/%.*$/, ''); // zone id (fe80::1%eth0)
  const v4 = ipv4(text);
  if (v4) return v4;
  const groups = ipv6Groups(text);
  if (!groups) return 'unknown';
  const isMappedV4 = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (isMappedV4) return [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255].join('.');
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}
