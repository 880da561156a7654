// Isolation cases for the AI pipeline: A's topic, posts, results, briefs, runs and packages are
// 404 for B; B's lists and exports hold only B's.
import { expect } from 'vitest';
import type { IsolationCase } from './types';

const notFound = (route: string, what: string, request: IsolationCase['request']): IsolationCase => ({ route, what, request, expectStatus: 404 });

export const cases: IsolationCase[] = [
  notFound('POST /v1/runs', "B makes an exclusive of A's topic", (w) => ({ path: '/v1/runs', method: 'POST', body: { topicId: w.a.topic.id } })),
  notFound('POST /v1/runs', "B makes an exclusive of A's posts", (w) => ({ path: '/v1/runs', method: 'POST', body: { messageIds: [w.a.messages[0].id] } })),
  notFound('POST /v1/runs', "B mixes own and A's posts", (w) => ({ path: '/v1/runs', method: 'POST', body: { messageIds: [w.b.messages[0].id, w.a.messages[0].id] } })),
  notFound('GET /v1/runs/:id', "B reads A's run", (w) => ({ path: `/v1/runs/${w.a.pipelineRun.id}` })),
  notFound('POST /v1/runs/:id/retry', "B retries A's run", (w) => ({ path: `/v1/runs/${w.a.pipelineRun.id}/retry`, method: 'POST' })),
  notFound('POST /v1/transform', "B transforms A's topic", (w) => ({ path: '/v1/transform', method: 'POST', body: { topicId: w.a.topic.id } })),
  notFound('POST /v1/transform', "B transforms A's posts", (w) => ({ path: '/v1/transform', method: 'POST', body: { messageIds: w.a.messages.map((m) => m.id) } })),
  notFound('GET /v1/editor-results/:id', "B reads A's article", (w) => ({ path: `/v1/editor-results/${w.a.editorResult.id}` })),
  notFound('POST /v1/image-brief', "B briefs A's article", (w) => ({ path: '/v1/image-brief', method: 'POST', body: { editorResultId: w.a.editorResult.id } })),
  notFound('POST /v1/images', "B renders A's brief", (w) => ({ path: '/v1/images', method: 'POST', body: { briefId: w.a.imageBrief.id } })),
  notFound('POST /v1/package', "B packages A's article", (w) => ({ path: '/v1/package', method: 'POST', body: { editorResultId: w.a.editorResult.id } })),
  notFound('GET /v1/packages/:id', "B reads A's package", (w) => ({ path: `/v1/packages/${w.a.contentPackage.id}` })),
  notFound('GET /v1/packages/:id/export', "B exports A's package", (w) => ({ path: `/v1/packages/${w.a.contentPackage.id}/export?format=csv` })),
  {
    route: 'GET /v1/runs',
    what: "B lists runs (A's topic as the filter)",
    request: (w) => ({ path: `/v1/runs?topicId=${w.a.topic.id}` }),
    expectStatus: 200,
    check: ({ body }) => expect((body as { items: unknown[] }).items).toEqual([]),
  },
  {
    route: 'GET /v1/runs',
    what: 'B lists runs',
    request: () => ({ path: '/v1/runs' }),
    expectStatus: 200,
    check: ({ body }, w) => expect((body as { items: { id: string }[] }).items.map((r) => r.id)).toEqual([w.b.pipelineRun.id]),
  },
  {
    route: 'GET /v1/packages',
    what: 'B lists packages',
    request: () => ({ path: '/v1/packages' }),
    expectStatus: 200,
    check: ({ body }, w) => expect((body as { items: { id: string }[] }).items.map((p) => p.id)).toEqual([w.b.contentPackage.id]),
  },
  {
    route: 'GET /v1/packages/export',
    what: 'B exports all packages',
    request: () => ({ path: '/v1/packages/export?format=json' }),
    expectStatus: 200,
    check: ({ text }, w) => {
      const doc = JSON.parse(text) as { packages: { id: string }[] };
      expect(doc.packages.map((p) => p.id)).toEqual([w.b.contentPackage.id]);
    },
  },
];
