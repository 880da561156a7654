import { expect } from 'vitest';
import type { IsolationCase } from './types';

export const cases: IsolationCase[] = [
  {
    route: 'GET /v1/usage',
    what: "B's usage holds only B's AI calls",
    request: () => ({ path: '/v1/usage?window=90d' }),
    expectStatus: 200,
    check: ({ body }) => {
      const usage = body as { totals: { calls: number }; byPurpose: { purpose: string }[] };
      expect(usage.totals.calls).toBe(1);
      expect(usage.byPurpose).toHaveLength(1);
    },
  },
  {
    route: 'GET /v1/usage/export',
    what: "B's CSV holds only B's AI calls",
    request: () => ({ path: '/v1/usage/export?window=90d' }),
    expectStatus: 200,
    check: ({ text }) => expect(text.trim().split(/\r\n/)).toHaveLength(2),
  },
  {
    route: 'GET /v1/plans',
    what: "B's plan and quotas count only B's use",
    request: () => ({ path: '/v1/plans' }),
    expectStatus: 200,
    check: ({ body }) => expect((body as { quotas: { generations: { used: number } } }).quotas.generations.used).toBeLessThanOrEqual(1),
  },
];
