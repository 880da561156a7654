// Signs calls between the API and the ingest service: HMAC-SHA256 with INTERNAL_SECRET over
// `timestamp.nonce.METHOD.path.body`. Valid for a short window; the verifier also refuses a
// nonce it has seen (replay), so a captured request cannot be sent again.
import { bytesToHex } from './base64';

export const INTERNAL_HEADERS = {
  timestamp: 'x-internal-timestamp',
  nonce: 'x-internal-nonce',
  signature: 'x-internal-signature',
} as const;

/** How far a request's timestamp may be from the verifier's clock. */
export const INTERNAL_SIGNATURE_MAX_SKEW_SECONDS = 60;

export interface SignedParts {
  timestamp: number;
  nonce: string;
  method: string;
  /** Path with query string, e.g. /internal/qr/start */
  path: string;
  body: string;
}

const encoder = new TextEncoder();

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

function canonical(parts: SignedParts): string {
  return `${parts.timestamp}.${parts.nonce}.${parts.method.toUpperCase()}.${parts.path}.${parts.body}`;
}

export async function signInternal(secret: string, parts: SignedParts): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(canonical(parts)));
  return bytesToHex(new Uint8Array(mac));
}

/** Compares every byte whatever the first mismatch, so timing says nothing about the secret. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let diff = left.length ^ right.length;
  for (let i = 0; i < Math.max(left.length, right.length); i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}

export type InternalVerdict = { ok: true } | { ok: false; reason: 'MISSING' | 'STALE' | 'BAD_SIGNATURE' };

/** Checks the signature and the time window; the caller checks the nonce for replays. */
export async function verifyInternal(
  secret: string,
  parts: Omit<SignedParts, 'timestamp'> & { timestamp: string | undefined; signature: string | undefined },
  nowSeconds: number,
): Promise<InternalVerdict> {
  if (!parts.timestamp || !parts.signature || !parts.nonce) return { ok: false, reason: 'MISSING' };
  const timestamp = Number(parts.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > INTERNAL_SIGNATURE_MAX_SKEW_SECONDS) return { ok: false, reason: 'STALE' };
  const expected = await signInternal(secret, { ...parts, timestamp });
  return constantTimeEqual(expected, parts.signature) ? { ok: true } : { ok: false, reason: 'BAD_SIGNATURE' };
}
