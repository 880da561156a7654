// Telegram accounts and QR logins: B can neither see nor act on A's.
import { expect } from 'vitest';
import type { IsolationCase } from './types';

export const cases: IsolationCase[] = [
  {
    route: 'POST /v1/auth/qr',
    what: 'B opens a QR login of their own',
    request: () => ({ path: '/v1/auth/qr', body: {} }),
    // 201 with ingest wired; 429 when B's plan slot is taken; 503 without the ingest service.
    expectStatus: [201, 429, 503],
  },
  {
    route: 'GET /v1/auth/qr/:loginId',
    what: "B polls A's QR login",
    request: (w) => ({ path: `/v1/auth/qr/${w.a.qrLogin.id}` }),
    expectStatus: 404,
  },
  {
    route: 'POST /v1/auth/qr/:loginId/password',
    what: "B sends a password to A's QR login",
    request: (w) => ({ path: `/v1/auth/qr/${w.a.qrLogin.id}/password`, body: { password: 'guess' } }),
    expectStatus: 404,
  },
  {
    route: 'POST /v1/auth/qr/:loginId/scan',
    what: "B scans A's QR login",
    request: (w) => ({ path: `/v1/auth/qr/${w.a.qrLogin.id}/scan` }),
    // 404 in the sandbox; 409 NOT_SANDBOX when a real gateway is configured (the scan never happens).
    expectStatus: [404, 409],
  },
  {
    route: 'GET /v1/accounts',
    what: 'B lists accounts',
    request: () => ({ path: '/v1/accounts' }),
    expectStatus: 200,
    check: ({ body }, w) => {
      const accounts = (body as { accounts: { id: string }[] }).accounts;
      expect(accounts.map((a) => a.id)).toEqual([w.b.account.id]);
    },
  },
  {
    route: 'DELETE /v1/accounts/:id',
    what: "B deletes A's account",
    request: (w) => ({ path: `/v1/accounts/${w.a.account.id}`, method: 'DELETE' }),
    expectStatus: 404,
  },
];
