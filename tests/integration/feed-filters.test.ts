// Every filter combination of GET /v1/feed returns exactly the matching posts, newest first, with
// no duplicate or gap across pages: checked against the expected list computed from the fixtures.
// Type and language filters walk their own indexes per (channel, type, language), and text search
// has its own path, so each combination gets its own case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageLanguage, MessageType } from '../../core/messages/types';
import { listFeed, type FeedCursor } from '../../db/queries/feed';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { createChannel, createPosts, follow, hoursAgo } from './feed-fixtures';

interface Post {
  id: number;
  channelId: number;
  date: Date;
  text: string;
  type: MessageType;
  lang: MessageLanguage;
  visible: boolean;
}

let ctx: TestContext;
let reader: { id: string };
const posts: Post[] = [];
const channelIds: number[] = [];
const base = Date.now();
const TYPES: MessageType[] = ['text', 'photo', 'video', 'album', 'poll'];
const WORDS = ['землетрясение', 'выборы', 'storm', 'market'];

async function walk(query: string, limit: number): Promise<{ id: number; date: string; type: string; lang: string }[]> {
  const seen: { id: number; date: string; type: string; lang: string }[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 200; i++) {
    const res = await ctx.app.request(`/v1/feed?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, await asUser(ctx, reader.id));
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { items: { id: number; date: string; type: string; lang: string }[]; nextCursor: string | null };
    expect(body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('the feed never ended');
}

/** The visible posts matching `keep`, in feed order (date desc, id desc). */
function expected(keep: (p: Post) => boolean): number[] {
  return posts
    .filter((p) => p.visible && keep(p))
    .sort((a, b) => b.date.getTime() - a.date.getTime() || b.id - a.id)
    .map((p) => p.id);
}

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  reader = await createUser(ctx);
  const other = await createUser(ctx);
  // Channels shaped like real ones: Russian with photos, English video-only, a mixed one, one with
  // only text (so type filters find nothing there), plus two the reader can't read.
  const shapes: { lang: MessageLanguage[]; types: MessageType[]; followed: boolean; accessible?: boolean }[] = [
    { lang: ['ru'], types: ['text', 'photo', 'album'], followed: true },
    { lang: ['en'], types: ['video'], followed: true },
    { lang: ['ru', 'en', 'other'], types: TYPES, followed: true },
    { lang: ['ru'], types: ['text'], followed: true },
    { lang: ['en', 'ru'], types: ['photo', 'poll'], followed: true, accessible: false },
    { lang: ['ru', 'en'], types: TYPES, followed: false },
  ];
  let n = 0;
  for (const [c, shape] of shapes.entries()) {
    const channel = await createChannel(db, shape.accessible === false ? { visibility: 'private', username: null } : {});
    channelIds.push(channel.id);
    if (shape.followed) await follow(db, reader.id, channel.id, shape.accessible ?? true);
    else await follow(db, other.id, channel.id);
    const inputs = Array.from({ length: 24 }, (_, i) => {
      n++;
      return {
        channelId: channel.id,
        // Every third post shares its timestamp with another channel's post: the id breaks the tie.
        date: hoursAgo(i % 3 === 0 ? i : i + c / 10, base),
        text: `${WORDS[n % WORDS.length]} ${WORDS[(n * 7) % WORDS.length]} пост ${n}`,
        type: shape.types[(i * 5 + c) % shape.types.length],
        lang: shape.lang[(i + c) % shape.lang.length],
        deletedAt: i === 5 ? new Date() : null,
      };
    });
    const rows = await createPosts(db, inputs);
    for (const row of rows) {
      posts.push({
        id: row.id, channelId: channel.id, date: row.date, text: row.text, type: row.type, lang: row.lang,
        visible: shape.followed && shape.accessible !== false && row.deletedAt === null,
      });
    }
  }
  // Old posts in one channel, beyond each date window a common word's search widens through.
  const archive = await createPosts(
    db,
    [3, 30, 200, 900].map((days) => ({ channelId: channelIds[2], date: hoursAgo(days * 24, base), text: `storm archive ${days}`, type: 'photo' as const, lang: 'en' as const })),
  );
  for (const row of archive) posts.push({ id: row.id, channelId: row.channelId, date: row.date, text: row.text, type: row.type, lang: row.lang, visible: true });
});

afterAll(async () => {
  await ctx?.close();
});

const has = (p: Post, word: string) => p.text.toLowerCase().split(/\s+/).includes(word.toLowerCase());

describe('GET /v1/feed filter combinations', () => {
  const cases: [string, string, (p: Post) => boolean][] = [
    ['no filter', '', () => true],
    ['one type', 'type=photo', (p) => p.type === 'photo'],
    ['several types', 'type=video,poll', (p) => p.type === 'video' || p.type === 'poll'],
    ['a type no channel has', 'type=sticker', () => false],
    ['one language', 'lang=en', (p) => p.lang === 'en'],
    ['several languages', 'lang=en,other', (p) => p.lang !== 'ru'],
    ['every language', 'lang=ru,en,other', () => true],
    ['type and language', 'type=photo,album&lang=ru', (p) => (p.type === 'photo' || p.type === 'album') && p.lang === 'ru'],
    ['type and language, few matches', 'type=poll&lang=other', (p) => p.type === 'poll' && p.lang === 'other'],
    ['text', 'q=storm', (p) => has(p, 'storm')],
    ['text in Russian, any case', `q=${encodeURIComponent('ЗЕМЛЕТРЯСЕНИЕ')}`, (p) => has(p, 'землетрясение')],
    ['text that matches nothing', 'q=volcano', () => false],
    ['text and type', 'q=market&type=text,video', (p) => has(p, 'market') && (p.type === 'text' || p.type === 'video')],
    ['text and language', 'q=storm&lang=en', (p) => has(p, 'storm') && p.lang === 'en'],
    ['text, type and language', 'q=market&type=photo,text&lang=ru,en', (p) => has(p, 'market') && (p.type === 'photo' || p.type === 'text') && p.lang !== 'other'],
  ];

  for (const [name, query, keep] of cases) {
    it(`${name}: exactly the matching posts in order, across pages`, async () => {
      const want = expected(keep);
      for (const limit of [3, 100]) {
        const got = await walk(query, limit);
        expect(got.map((i) => i.id), `limit ${limit}`).toEqual(want);
      }
    });
  }

  // Text search reads a rare word from the GIN index and walks channels within widening date
  // windows for a common one: both paths must give the same pages.
  for (const search of ['index', 'walk'] as const) {
    it(`searches text by the ${search} path: the same posts, pages and order`, async () => {
      for (const [q, keep] of [
        ['storm', (p: Post) => has(p, 'storm')],
        ['archive', (p: Post) => has(p, 'archive')],
        ['volcano', () => false],
      ] as const) {
        for (const [extra, more] of [
          [{}, () => true],
          [{ types: ['photo', 'text'] as MessageType[], langs: ['en'] as MessageLanguage[] }, (p: Post) => (p.type === 'photo' || p.type === 'text') && p.lang === 'en'],
        ] as const) {
          const want = expected((p) => keep(p) && more(p));
          const got: number[] = [];
          let after: FeedCursor | undefined;
          for (let i = 0; i < 100; i++) {
            const page = await listFeed(ctx.database.db, { userId: reader.id, q, ...extra, after, limit: 2, search, titleOf: (t) => t });
            got.push(...page.items.map((item) => item.id));
            if (!page.nextCursor) break;
            after = page.nextCursor;
          }
          expect(got, `${q} ${JSON.stringify(extra)}`).toEqual(want);
        }
      }
    });
  }

  it('combines type and language with channel and date range', async () => {
    const [ruChannel, , mixed] = channelIds;
    const from = hoursAgo(15, base);
    const to = hoursAgo(3, base);
    const inRange = (p: Post) => p.date >= from && p.date < to;
    const query = `channel=${ruChannel},${mixed}&type=photo,text&lang=ru&from=${from.toISOString()}&to=${to.toISOString()}`;
    const want = expected((p) => (p.channelId === ruChannel || p.channelId === mixed) && (p.type === 'photo' || p.type === 'text') && p.lang === 'ru' && inRange(p));
    expect(want.length).toBeGreaterThan(2);
    expect((await walk(query, 2)).map((i) => i.id)).toEqual(want);
  });

  it("never lists a channel the reader can't read, whatever the filter", async () => {
    const unreadable = new Set(channelIds.slice(4));
    for (const query of ['type=poll', 'lang=en&type=photo', 'q=storm&type=poll', 'lang=other']) {
      const ids = (await walk(query, 50)).map((i) => i.id);
      expect(posts.filter((p) => ids.includes(p.id)).some((p) => unreadable.has(p.channelId)), query).toBe(false);
    }
  });
});
