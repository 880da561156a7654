// Isolation cases for rules: A's rules are 404 for B to edit, pause or delete; B's lists, log and
// evaluation hold only B's.
import { expect } from 'vitest';
import type { IsolationCase } from './types';

export const cases: IsolationCase[] = [
  {
    route: 'GET /v1/rules',
    what: 'B lists rules',
    request: () => ({ path: '/v1/rules' }),
    expectStatus: 200,
    check: ({ body }, w) => expect((body as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([w.b.rule.id]),
  },
  {
    route: 'POST /v1/rules',
    what: 'B creates a rule (it is B’s)',
    request: () => ({ path: '/v1/rules', body: { name: 'B rule', minScore: 0.4, platforms: ['telegram'] } }),
    expectStatus: 201,
  },
  { route: 'PATCH /v1/rules/:id', what: "B pauses A's rule", request: (w) => ({ path: `/v1/rules/${w.a.rule.id}`, body: { status: 'paused' } }), expectStatus: 404 },
  { route: 'PATCH /v1/rules/:id', what: "B edits A's rule", request: (w) => ({ path: `/v1/rules/${w.a.rule.id}`, body: { minScore: 0.1 } }), expectStatus: 404 },
  { route: 'DELETE /v1/rules/:id', what: "B deletes A's rule", request: (w) => ({ path: `/v1/rules/${w.a.rule.id}` }), expectStatus: 404 },
  {
    route: 'GET /v1/rules/log',
    what: "B's log holds only B's firings",
    request: () => ({ path: '/v1/rules/log' }),
    expectStatus: 200,
    check: ({ body }, w) => expect((body as { items: { ruleId: string }[] }).items.map((f) => f.ruleId)).toEqual([w.b.rule.id]),
  },
  {
    route: 'POST /v1/rules/evaluate',
    what: 'B evaluates now: only B’s rules',
    request: () => ({ path: '/v1/rules/evaluate' }),
    expectStatus: 200,
    check: ({ body }) => expect((body as { rules: number }).rules).toBeLessThanOrEqual(2),
  },
];
