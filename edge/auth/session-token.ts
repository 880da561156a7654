// The app session: a JWT (HS256, jose) with sub = user id, a jti for revocation, and an expiry,
// carried in an HttpOnly cookie.
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';

export const SESSION_COOKIE = 'tgs_session';
const ISSUER = 'tg-studio';

export interface SessionClaims {
  userId: string;
  jti: string;
  /** Expiry, seconds since epoch. */
  exp: number;
  iat: number;
}

const keyOf = (secret: string) => new TextEncoder().encode(secret);

// A token we issued names a user by UUID and carries a UUID jti; a well-signed token naming
// anything else (a leaked or misused key, an old format) is invalid, not a database error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function issueSessionToken(secret: string, userId: string, ttlSeconds: number, nowSeconds: number) {
  const jti = crypto.randomUUID();
  const exp = nowSeconds + ttlSeconds;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setJti(jti)
    .setIssuer(ISSUER)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(exp)
    .sign(keyOf(secret));
  return { token, jti, exp };
}

export type SessionVerdict = { ok: true; claims: SessionClaims } | { ok: false; reason: 'expired' | 'invalid' };

export async function verifySessionToken(secret: string, token: string, nowSeconds: number): Promise<SessionVerdict> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      currentDate: new Date(nowSeconds * 1000),
    });
    if (!payload.sub || !payload.jti || !payload.exp || !payload.iat) return { ok: false, reason: 'invalid' };
    if (!UUID.test(payload.sub) || !UUID.test(payload.jti) || !Number.isSafeInteger(payload.exp) || !Number.isSafeInteger(payload.iat)) return { ok: false, reason: 'invalid' };
    return { ok: true, claims: { userId: payload.sub, jti: payload.jti, exp: payload.exp, iat: payload.iat } };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'expired' };
    return { ok: false, reason: 'invalid' };
  }
}

export const revokedKey = (jti: string) => `session:revoked:${jti}`;

/** Reissue the token when less than a quarter of its life remains. */
export function shouldRenew(claims: SessionClaims, nowSeconds: number): boolean {
  const life = claims.exp - claims.iat;
  return claims.exp - nowSeconds < life / 4;
}

/** Keeps the jti on the deny-list exactly as long as the token could still be presented. */
export function revocationTtl(claims: SessionClaims, nowSeconds: number): number {
  return Math.max(1, claims.exp - nowSeconds);
}
