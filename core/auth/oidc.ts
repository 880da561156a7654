// Pure parts of Telegram's OpenID Connect login: PKCE (S256), state and nonce, the authorization
// URL, and the mapping from verified ID-token claims to a Telegram identity.
import { base64url } from 'jose';
import type { TelegramIdentity } from './telegram-login';

const encoder = new TextEncoder();

export function base64Url(bytes: Uint8Array | ArrayBuffer): string {
  return base64url.encode(new Uint8Array(bytes));
}

export function randomToken(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function pkceChallenge(verifier: string): Promise<string> {
  return base64Url(await crypto.subtle.digest('SHA-256', encoder.encode(verifier)));
}

export interface OidcLoginAttempt {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export function newLoginAttempt(): OidcLoginAttempt {
  // 32 random bytes → 43 base64url characters: the shortest verifier RFC 7636 allows, full entropy.
  return { state: randomToken(), nonce: randomToken(), codeVerifier: randomToken() };
}

export async function authorizationUrl(options: {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  attempt: OidcLoginAttempt;
  scope?: string;
}): Promise<string> {
  const url = new URL(options.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', options.clientId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('scope', options.scope ?? 'openid profile');
  url.searchParams.set('state', options.attempt.state);
  url.searchParams.set('nonce', options.attempt.nonce);
  url.searchParams.set('code_challenge', await pkceChallenge(options.attempt.codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

const asText = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : null);

/** The Telegram user from verified ID-token claims: `id` (or `sub`) is the Telegram user id. */
export function identityFromClaims(claims: Record<string, unknown>, nowSeconds: number): TelegramIdentity | null {
  const rawId = claims.id ?? claims.sub;
  const tgId = typeof rawId === 'number' ? rawId : typeof rawId === 'string' && /^[1-9][0-9]{0,19}$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isSafeInteger(tgId) || tgId <= 0) return null;
  const name = asText(claims.name);
  const givenName = asText(claims.given_name) ?? (name ? name.split(' ')[0] : null);
  const familyName = asText(claims.family_name) ?? (name && name.includes(' ') ? name.slice(name.indexOf(' ') + 1) : null);
  const picture = asText(claims.picture);
  return {
    tgId,
    username: asText(claims.preferred_username),
    firstName: givenName,
    lastName: familyName,
    photoUrl: picture && picture.startsWith('https://') ? picture : null,
    authDate: typeof claims.auth_time === 'number' ? claims.auth_time : nowSeconds,
  };
}
