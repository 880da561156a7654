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
];
