// Isolation cases for webhooks: A's endpoints and their delivery logs are 404 for B.
import { expect } from 'vitest';
import type { IsolationCase } from './types';

const notFound = (route: string, what: string, request: IsolationCase['request']): IsolationCase => ({ route, what, request, expectStatus: 404 });

export const cases: IsolationCase[] = [
  {
    route: 'GET /v1/webhooks',
    what: 'B lists webhooks',
    request: () => ({ path: '/v1/webhooks' }),
    expectStatus: 200,
    check: ({ body }, w) => expect((body as { items: { id: string }[] }).items.map((h) => h.id)).toEqual([w.b.webhook.id]),
  },
  {
    route: 'POST /v1/webhooks',
    what: 'B creates an endpoint (the secret is B’s)',
    request: () => ({ path: '/v1/webhooks', body: { url: 'https://hooks.example.org/b', events: ['run.failed'] } }),
    expectStatus: 201,
  },
  notFound('PATCH /v1/webhooks/:id', "B repoints A's endpoint", (w) => ({ path: `/v1/webhooks/${w.a.webhook.id}`, body: { url: 'https://evil.example.org/' } })),
  notFound('DELETE /v1/webhooks/:id', "B deletes A's endpoint", (w) => ({ path: `/v1/webhooks/${w.a.webhook.id}` })),
  notFound('POST /v1/webhooks/:id/rotate-secret', "B rotates A's secret", (w) => ({ path: `/v1/webhooks/${w.a.webhook.id}/rotate-secret` })),
  notFound('POST /v1/webhooks/:id/test', "B sends a test event to A's endpoint", (w) => ({ path: `/v1/webhooks/${w.a.webhook.id}/test` })),
  notFound('GET /v1/webhooks/:id/deliveries', "B reads A's delivery log", (w) => ({ path: `/v1/webhooks/${w.a.webhook.id}/deliveries` })),
  {
    route: 'GET /v1/webhooks/:id/deliveries',
    what: "B reads B's own delivery log",
    request: (w) => ({ path: `/v1/webhooks/${w.b.webhook.id}/deliveries` }),
    expectStatus: 200,
    check: ({ body }) => expect((body as { items: unknown[] }).items).toHaveLength(1),
  },
];
