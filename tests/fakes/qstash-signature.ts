// What QStash sends in `Upstash-Signature`: an HS256 JWT over the callback URL and the body's
// SHA-256, signed with a signing key — so tests can deliver jobs the way QStash would.
import { SignJWT } from 'jose';

export async function qstashSignature(body: string, url: string, signingKey: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
  return new SignJWT({ body: Buffer.from(digest).toString('base64url') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer('Upstash')
    .setSubject(url)
    .setIssuedAt()
    .setExpirationTime('5m')
    .setNotBefore('0s')
    .setJti(crypto.randomUUID())
    .sign(new TextEncoder().encode(signingKey));
}
