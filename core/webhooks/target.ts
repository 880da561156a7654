// Where a webhook may be delivered (SSRF guard), as pure checks: in production only https, and
// never a private, loopback, link-local or otherwise non-public address — the URL's literal
// address and every address its host resolves to. Outside production anything goes (a receiver
// on localhost is how people try webhooks locally).

export type TargetRefusal = 'MALFORMED_URL' | 'SCHEME_NOT_ALLOWED' | 'CREDENTIALS_IN_URL' | 'HOST_NOT_ALLOWED' | 'ADDRESS_NOT_PUBLIC' | 'UNRESOLVABLE';

export interface TargetPolicy {
  /** Production: https only, public addresses only. */
  strict: boolean;
}

function ipv4Parts(address: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

function ipv4IsPublic([a, b, c]: number[]): boolean {
  if (a === 0 || a === 10 || a === 127) return false; // this network, private, loopback
  if (a === 100 && b >= 64 && b <= 127) return false; // carrier-grade NAT
  if (a === 169 && b === 254) return false; // link-local (cloud metadata lives here)
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false; // IETF protocol, TEST-NET-1
  if (a === 198 && (b === 18 || b === 19)) return false; // benchmarking
  if (a === 198 && b === 51 && c === 100) return false;
  if (a === 203 && b === 0 && c === 113) return false;
  if (a >= 224) return false; // multicast, reserved, broadcast
  return true;
}

/** Expands an IPv6 text form to eight 16-bit groups; null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  if (!/^[0-9a-f:.]+$/.test(text) || !text.includes(':')) return null;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const v4 = ipv4Parts(text.slice(lastColon + 1));
  if (v4) {
    tail = [(v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]];
    text = text.slice(0, lastColon + 1) + (text.endsWith('::') ? '' : '0');
    text = text.replace(/:0$/, '');
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const known = head.length + rest.length + tail.length;
  if ([...head, ...rest].some(Number.isNaN)) return null;
  if (halves.length === 1 && known !== 8) return null;
  if (known > 8) return null;
  return [...head, ...Array(8 - known).fill(0), ...rest, ...tail];
}

function ipv6IsPublic(g: number[]): boolean {
  if (g.every((x) => x === 0)) return false; // ::
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return false; // ::1
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible: judge the IPv4 address.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return ipv4IsPublic([g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255]);
  if (g[0] === 0x64 && g[1] === 0xff9b) return ipv4IsPublic([g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255]); // NAT64
  if ((g[0] & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return false; // link-local fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return false; // site-local (deprecated)
  if ((g[0] & 0xff00) === 0xff00) return false; // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return false; // documentation
  if (g[0] === 0x2002) return ipv4IsPublic([g[1] >> 8, g[1] & 255, g[2] >> 8, g[2] & 255]); // 6to4
  return true;
}

/** 'public' | 'private' for an IP literal; null when `address` is not an IP address. */
export function addressKind(address: string): 'public' | 'private' | null {
  const v4 = ipv4Parts(address);
  if (v4) return ipv4IsPublic(v4) ? 'public' : 'private';
  const v6 = ipv6Groups(address);
  if (v6) return ipv6IsPublic(v6) ? 'public' : 'private';
  return null;
}

const LOCAL_NAMES = /(^|\.)(localhost|localdomain|local|internal|home\.arpa)$/i;

/** The checks that need no network: scheme, credentials, host name, literal address. */
export function checkTargetUrl(raw: string, policy: TargetPolicy): { ok: true; url: URL; host: string; literal: boolean } | { ok: false; reason: TargetRefusal } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'MALFORMED_URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'SCHEME_NOT_ALLOWED' };
  if (url.username || url.password) return { ok: false, reason: 'CREDENTIALS_IN_URL' };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const kind = addressKind(host);
  if (!policy.strict) return { ok: true, url, host, literal: kind !== null };
  if (url.protocol !== 'https:') return { ok: false, reason: 'SCHEME_NOT_ALLOWED' };
  if (kind === 'private') return { ok: false, reason: 'ADDRESS_NOT_PUBLIC' };
  // A bare decimal/hex/octal host ("2130706433", "0x7f.1") that WHATWG URL did not normalise.
  if (kind === null && (LOCAL_NAMES.test(host) || !host.includes('.') || /^[0-9.x]+$/i.test(host))) return { ok: false, reason: 'HOST_NOT_ALLOWED' };
  return { ok: true, url, host, literal: kind !== null };
}

/** Every resolved address must be public (strict policy); an empty answer is a refusal too. */
export function checkResolvedAddresses(addresses: readonly string[], policy: TargetPolicy): TargetRefusal | null {
  if (!policy.strict) return null;
  if (addresses.length === 0) return 'UNRESOLVABLE';
  return addresses.every((a) => addressKind(a) === 'public') ? null : 'ADDRESS_NOT_PUBLIC';
}

/** Seconds before each retry: from seconds to hours (then the delivery is given up). */
export const WEBHOOK_RETRY_DELAYS_SECONDS = [5, 30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600] as const;

export const WEBHOOK_EVENTS = ['package.ready', 'run.failed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Sent only by "send a test event", whatever the endpoint's events. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** How long the previous secret keeps signing after a rotation. */
export const SECRET_ROTATION_OVERLAP_SECONDS = 24 * 3600;
