// A local OpenID Connect provider speaking the protocol Telegram's login uses: discovery, an
// authorization endpoint (consent is automatic), a token endpoint with PKCE S256 and
// client_secret_basic, and a JWKS. ID tokens are real RS256 JWTs, so jose verifies them for real.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface FakeTelegramUser {
  id: number;
  name?: string;
  preferred_username?: string;
  picture?: string;
}

/** Ways the provider can misbehave, to prove the app notices. */
export interface Misbehaviour {
  foreignKey?: boolean;
  audience?: string;
  issuer?: string;
  nonce?: string;
  expiredSecondsAgo?: number;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  nonce: string;
  challenge: string;
  user: FakeTelegramUser;
}

const base64Url = (buffer: Buffer) => buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeOidcProvider(options: { clientId: string; clientSecret: string }) {
  const signing = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const publicJwk: JWK = { ...(await exportJWK(signing.publicKey)), kid: 'fake-1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const state = {
    nextUser: { id: 424242, name: 'Ivan Petrov', preferred_username: 'ivan_p', picture: 'https://t.me/i/userpic/320/ivan.jpg' } as FakeTelegramUser,
    misbehave: {} as Misbehaviour,
    tokenRequests: [] as { verifierOk: boolean; clientAuthOk: boolean }[],
  };
  let issuer = '';

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (req.method === 'GET' && url.pathname === '/.well-known/jwks.json') return json(200, { keys: [publicJwk] });
    if (req.method === 'GET' && url.pathname === '/auth') {
      const p = url.searchParams;
      if (p.get('response_type') !== 'code' || p.get('client_id') !== options.clientId || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge') || !p.get('state') || !p.get('nonce')) {
        return json(400, { error: 'invalid_request' });
      }
      const code = base64Url(randomBytes(24));
      codes.set(code, { clientId: options.clientId, redirectUri: p.get('redirect_uri')!, nonce: p.get('nonce')!, challenge: p.get('code_challenge')!, user: state.nextUser });
      const target = new URL(p.get('redirect_uri')!);
      target.searchParams.set('code', code);
      target.searchParams.set('state', p.get('state')!);
      res.writeHead(302, { location: target.toString() });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      const form = new URLSearchParams(await readBody(req));
      const expectedAuth = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;
      const pending = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const verifierOk = Boolean(pending) && base64Url(createHash('sha256').update(verifier).digest()) === pending!.challenge;
      const clientAuthOk = req.headers.authorization === expectedAuth;
      state.tokenRequests.push({ verifierOk, clientAuthOk });
      if (!clientAuthOk) return json(401, { error: 'invalid_client' });
      if (!pending || !verifierOk || form.get('grant_type') !== 'authorization_code' || form.get('redirect_uri') !== pending.redirectUri) {
        return json(400, { error: 'invalid_grant' });
      }
      const m = state.misbehave;
      const now = Math.floor(Date.now() / 1000) - (m.expiredSecondsAgo ?? 0);
      const idToken = await new SignJWT({ id: pending.user.id, name: pending.user.name, preferred_username: pending.user.preferred_username, picture: pending.user.picture, nonce: m.nonce ?? pending.nonce })
        .setProtectedHeader({ alg: 'RS256', kid: 'fake-1' })
        .setIssuer(m.issuer ?? issuer)
        .setAudience(m.audience ?? pending.clientId)
        .setSubject(String(pending.user.id))
        .setIssuedAt(now - 5)
        .setExpirationTime(now + 300)
        .sign(m.foreignKey ? foreign.privateKey : signing.privateKey);
      return json(200, { access_token: base64Url(randomBytes(16)), token_type: 'Bearer', expires_in: 300, id_token: idToken });
    }
    json(404, { error: 'not_found' });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
