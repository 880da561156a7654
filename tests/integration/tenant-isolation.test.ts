/// <reference types="vite/client" />
// Tenant isolation: two users with data in every user-owned table; every /v1 route the app
// registers is called as B; nothing of A may be read, listed, changed or deleted. The route list
// comes from the app, so a route added without a case in tests/isolation/ fails here by name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser } from '../helpers/users';
import { forbiddenStrings, seedIsolationWorld, snapshotTenant, type IsolationWorld } from '../isolation/seed';
import type { IsolationCase, IsolationResponse } from '../isolation/types';

const modules = import.meta.glob<{ cases: IsolationCase[] }>(['../isolation/*.ts', '!../isolation/seed.ts', '!../isolation/types.ts'], { eager: true });
const registry = Object.entries(modules).flatMap(([file, mod]) => (mod.cases ?? []).map((c) => ({ ...c, file: file.replace('../isolation/', '') })));

const routeKey = (method: string, path: string) => `${method} ${path}`;

async function userRoutes(ctx: TestContext): Promise<string[]> {
  const keys = ctx.app.routes
    // Middleware registrations (app.use) show up as ALL on a wildcard path; they are not routes.
    .filter((r) => r.path.startsWith('/v1/') && !(r.method === 'ALL' && r.path.endsWith('*')))
    .map((r) => routeKey(r.method, r.path));
  return [...new Set(keys)].sort();
}

describe('tenant isolation: every /v1 route, called by another user', () => {
  let ctx: TestContext;
  let world: IsolationWorld;
  let routes: string[];
  let forbidden: string[];

  beforeAll(async () => {
    ctx = await createTestContext();
    world = await seedIsolationWorld(ctx.database.db);
    routes = await userRoutes(ctx);
    forbidden = forbiddenStrings(world.a);
  });
  afterAll(async () => {
    console.info(`tenant isolation: ${routes.length} /v1 routes, ${registry.length} cases`);
    await ctx.close();
  });

  it('every /v1 route the app registers has at least one case (see tests/isolation/README.md)', () => {
    const covered = new Set(registry.map((c) => c.route));
    const missing = routes.filter((r) => !covered.has(r));
    expect(missing, `routes without an isolation case — add them to tests/isolation/<area>.ts: ${missing.join(', ')}`).toEqual([]);
    expect(routes.length).toBeGreaterThan(0);
  });

  it('every case names a route the app registers', () => {
    const stale = registry.filter((c) => !routes.includes(c.route)).map((c) => `${c.route} (${c.file})`);
    expect(stale, `cases for routes that do not exist: ${stale.join(', ')}`).toEqual([]);
  });

  it('the seed gives both users a row in every user-owned table', async () => {
    for (const seed of [world.a, world.b]) {
      const snapshot = await snapshotTenant(ctx.database.db, seed);
      for (const [table, rows] of Object.entries(snapshot)) expect(rows.length, `${table} of ${seed.marker}`).toBeGreaterThan(0);
    }
    // The leak detector is only as good as its needles: each must really occur in A's data.
    const haystack = JSON.stringify(await snapshotTenant(ctx.database.db, world.a));
    for (const needle of forbidden) expect(haystack).toContain(needle);
  });

  describe.each(registry)('$route — $what ($file)', (testCase) => {
    it('answers as expected, shows nothing of A, and leaves A untouched', async () => {
      const before = await snapshotTenant(ctx.database.db, world.a);
      const request = testCase.request(world);
      const method = request.method ?? testCase.route.split(' ')[0];
      const init = await asUser(ctx, world.b.user.id, {
        method,
        headers: request.headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
      });
      const res = await ctx.app.request(request.path, init);
      const text = await res.text();
      let body: unknown = text;
      if ((res.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
      const response: IsolationResponse = { status: res.status, body, text, headers: res.headers };

      expect(res.status, `${method} ${request.path} answered ${res.status}: ${text.slice(0, 300)}`).not.toBe(500);
      const expected = Array.isArray(testCase.expectStatus) ? testCase.expectStatus : [testCase.expectStatus];
      expect(expected, `${method} ${request.path} answered ${res.status}: ${text.slice(0, 300)}`).toContain(res.status);
      // An id B itself sent may be echoed back ("… <id> not found"): that reveals nothing of A.
      const sent = `${request.path} ${JSON.stringify(request.body ?? null)}`;
      const leaked = forbidden.filter((s) => !sent.includes(s) && (text.includes(s) || [...res.headers.values()].some((v) => v.includes(s))));
      expect(leaked, `B's response holds A's data: ${leaked.join(', ')}`).toEqual([]);
      await testCase.check?.(response, world);
      expect(await snapshotTenant(ctx.database.db, world.a), "A's rows changed").toEqual(before);
    });
  });
});
