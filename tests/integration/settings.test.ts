// GET/PUT /v1/settings: language, tone, and an IANA time zone checked by the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userSettings } from '../../db/schema';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';

interface SettingsBody {
  settings: { language: string; tone: string; timeZone: string; updatedAt: string };
  options?: { languages: string[]; tones: string[] };
}

describe('/v1/settings', () => {
  let ctx: TestContext;
  let userId: string;
  const put = async (body: unknown) => ctx.app.request('/v1/settings', await asUser(ctx, userId, { method: 'PUT', body: JSON.stringify(body) }));

  beforeAll(async () => {
    ctx = await createTestContext();
    userId = (await createUser(ctx)).id;
  });
  afterAll(() => ctx.close());

  it('GET returns the defaults and the allowed values', async () => {
    const res = await ctx.app.request('/v1/settings', await asUser(ctx, userId));
    expect(res.status).toBe(200);
    const body = (await res.json()) as SettingsBody;
    expect(body.settings).toMatchObject({ language: 'ru', tone: 'neutral', timeZone: 'Europe/Moscow' });
    expect(body.options!.languages).toEqual(['ru', 'en']);
    expect(body.options!.tones).toContain('neutral');
  });

  it('PUT changes only the fields given and the change persists', async () => {
    let res = await put({ language: 'en', timeZone: 'Asia/Yekaterinburg' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as SettingsBody).settings).toMatchObject({ language: 'en', tone: 'neutral', timeZone: 'Asia/Yekaterinburg' });
    res = await put({ tone: 'analytical' });
    expect(((await res.json()) as SettingsBody).settings).toMatchObject({ language: 'en', tone: 'analytical', timeZone: 'Asia/Yekaterinburg' });
    const again = (await (await ctx.app.request('/v1/settings', await asUser(ctx, userId))).json()) as SettingsBody;
    expect(again.settings).toMatchObject({ language: 'en', tone: 'analytical', timeZone: 'Asia/Yekaterinburg' });
    expect((await (await ctx.app.request('/v1/me', await asUser(ctx, userId))).json()) as { settings: unknown }).toMatchObject({ settings: { tone: 'analytical' } });
  });

  it('accepts real IANA zones, UTC included', async () => {
    for (const zone of ['UTC', 'America/Argentina/Buenos_Aires', 'Europe/Kyiv', 'Etc/GMT+3']) {
      const res = await put({ timeZone: zone });
      expect(res.status, zone).toBe(200);
    }
  });

  it('refuses bad input with 400 naming the field, and changes nothing', async () => {
    await put({ timeZone: 'Europe/Moscow', tone: 'neutral', language: 'ru' });
    const bad: [unknown, string][] = [
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
      [{ timeZone: '+03:00' }, 'timeZone'],
      [{ timeZone: 'MSK' }, 'timeZone'],
      [{ timeZone: 'Europe/Moscow; drop table users' }, 'timeZone'],
      [{ language: 'de' }, 'language'],
      [{ tone: 'shouty' }, 'tone'],
      [{ tone: 42 }, 'tone'],
      [{ plan: 'enterprise' }, 'plan'],
      [{}, 'nothing to update'],
      [[], 'body'],
    ];
    for (const [body, field] of bad) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.message, JSON.stringify(body)).toContain(field);
    }
    const [row] = await ctx.database.db.select().from(userSettings);
    expect(row).toMatchObject({ language: 'ru', tone: 'neutral', timeZone: 'Europe/Moscow' });
  });

  it('a user without a settings row gets the defaults on first read', async () => {
    const fresh = await createUser(ctx);
    const { eq } = await import('drizzle-orm');
    await ctx.database.db.delete(userSettings).where(eq(userSettings.userId, fresh.id));
    const res = await ctx.app.request('/v1/settings', await asUser(ctx, fresh.id));
    expect(res.status).toBe(200);
    expect(((await res.json()) as SettingsBody).settings.timeZone).toBe('Europe/Moscow');
  });

  it('needs a session', async () => {
    expect((await ctx.app.request('/v1/settings')).status).toBe(401);
    expect((await ctx.app.request('/v1/settings', { method: 'PUT', headers: { origin: 'http://localhost:8080', 'content-type': 'application/json' }, body: '{"tone":"formal"}' })).status).toBe(401);
  });
});
