// Isolation cases for who-am-I and settings: B only ever sees and changes B's own.
import { expect } from 'vitest';
import type { IsolationCase } from './types';

interface SettingsBody {
  settings: { language: string; tone: string; timeZone: string };
}

export const cases: IsolationCase[] = [
  {
    route: 'GET /v1/me',
    what: 'B asks who they are',
    request: () => ({ path: '/v1/me' }),
    expectStatus: 200,
    check: ({ body }, w) => {
      const me = body as { user: { id: string }; settings: { timeZone: string } };
      expect(me.user.id).toBe(w.b.user.id);
      expect(me.settings.timeZone).toBe(w.b.settings.timeZone);
    },
  },
  {
    route: 'GET /v1/settings',
    what: "B reads settings and gets B's",
    request: () => ({ path: '/v1/settings' }),
    expectStatus: 200,
    check: ({ body }, w) => expect((body as SettingsBody).settings).toMatchObject({ language: w.b.settings.language, timeZone: w.b.settings.timeZone }),
  },
  {
    route: 'PUT /v1/settings',
    what: 'B updates settings: only B changes (A unchanged is checked by the harness)',
    request: () => ({ path: '/v1/settings', body: { tone: 'formal', timeZone: 'America/New_York' } }),
    expectStatus: 200,
    check: ({ body }) => expect((body as SettingsBody).settings).toMatchObject({ tone: 'formal', timeZone: 'America/New_York' }),
  },
  {
    route: 'PUT /v1/settings',
    what: "B tries to name A's user in the body",
    request: (w) => ({ path: '/v1/settings', body: { userId: w.a.user.id, tone: 'ironic' } }),
    expectStatus: 400,
  },
];
