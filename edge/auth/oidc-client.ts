// Telegram's OpenID Connect provider, as an HTTP client: discovery, the code exchange (PKCE), and
// ID-token verification against the provider's JWKS (jose). Runs on Workers and Node (fetch only).
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { AppError } from '../../core/errors';

export const DEFAULT_TELEGRAM_OIDC_ISSUER = 'https://oauth.telegram.org';

const discoverySchema = z.object({
  issuer: z.string().url(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  jwks_uri: z.string().url(),
  id_token_signing_alg_values_supported: z.array(z.string()).optional(),
});
export type OidcDiscovery = z.infer<typeof discoverySchema>;

const tokenResponseSchema = z.object({ id_token: z.string().min(1), access_token: z.string().optional(), token_type: z.string().optional() });

const DISCOVERY_TTL_MS = 3600_000;
const discoveryCache = new Map<string, { at: number; value: OidcDiscovery }>();
const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

const unavailable = (message: string) => new AppError('OIDC_PROVIDER_UNAVAILABLE', message);

export async function discover(issuer: string, fetchImpl: typeof fetch = fetch): Promise<OidcDiscovery> {
  const cached = discoveryCache.get(issuer);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.value;
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { accept: 'application/json' } });
  } catch {
    throw unavailable('Telegram login is unreachable right now; try again in a minute');
  }
  if (!response.ok) throw unavailable(`Telegram login discovery answered ${response.status}`);
  const parsed = discoverySchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw unavailable('Telegram login discovery document is malformed');
  // The document must describe the issuer we trust, or every later check is meaningless.
  if (parsed.data.issuer.replace(/\/$/, '') !== issuer.replace(/\/$/, '')) throw unavailable('Telegram login discovery names another issuer');
  discoveryCache.set(issuer, { at: Date.now(), value: parsed.data });
  return parsed.data;
}

export interface CodeExchange {
  discovery: OidcDiscovery;
  clientId: string;
  clientSecret?: string;
  code: string;
  codeVerifier: string;
  redirectUri: string;
}

export async function exchangeCode(input: CodeExchange, fetchImpl: typeof fetch = fetch): Promise<string> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code: input.code,
    redirect_uri: input.redirectUri,
    code_verifier: input.codeVerifier,
    client_id: input.clientId,
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (input.clientSecret) {
    // client_secret_basic: both parts form-encoded first, as RFC 6749 §2.3.1 says.
    headers.authorization = `Basic ${btoa(`${encodeURIComponent(input.clientId)}:${encodeURIComponent(input.clientSecret)}`)}`;
  }
  let response: Response;
  try {
    response = await fetchImpl(input.discovery.token_endpoint, { method: 'POST', headers, body });
  } catch {
    throw unavailable('Telegram login is unreachable right now; try again in a minute');
  }
  if (response.status >= 500) throw unavailable(`Telegram login token endpoint answered ${response.status}`);
  if (!response.ok) throw new AppError('OIDC_CODE_REJECTED', 'Telegram did not accept the login code; sign in again');
  const parsed = tokenResponseSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) throw unavailable('Telegram login answered without an ID token');
  return parsed.data.id_token;
}

export async function verifyIdToken(
  idToken: string,
  options: { discovery: OidcDiscovery; clientId: string; nonce: string; nowSeconds: number },
): Promise<JWTPayload> {
  let jwks = jwksCache.get(options.discovery.jwks_uri);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(options.discovery.jwks_uri));
    jwksCache.set(options.discovery.jwks_uri, jwks);
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, jwks, {
      issuer: options.discovery.issuer,
      audience: options.clientId,
      currentDate: new Date(options.nowSeconds * 1000),
      clockTolerance: 60,
      algorithms: options.discovery.id_token_signing_alg_values_supported?.filter((alg) => alg !== 'none') ?? ['RS256', 'ES256', 'EdDSA'],
    }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown';
    throw new AppError('OIDC_ID_TOKEN_INVALID', `Telegram's ID token did not verify (${reason}); sign in again`);
  }
  if (payload.nonce !== options.nonce) throw new AppError('OIDC_NONCE_MISMATCH', 'The login answer belongs to another attempt; sign in again');
  return payload;
}
