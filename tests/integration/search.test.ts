// Feed search: Russian and English word forms (surnames in every case), quoted phrases, negation,
// highlights over the text, on both search paths (the GIN index and the per-channel walk).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { titleLine } from '../../core/topics/title';
import { listFeed, type TextSearchPath } from '../../db/queries/feed';
import { createTestContext, type TestContext } from '../helpers/context';
import { asUser, createUser } from '../helpers/users';
import { createChannel, createPosts, follow, hoursAgo } from './feed-fixtures';

interface Item {
  id: number;
  text: string;
  highlights: { start: number; end: number }[];
}

let ctx: TestContext;
let reader: { id: string };
const base = Date.now();

const POSTS = [
  'Песков заявил, что Кремль не комментирует слухи',
  'Журналисты спросили Пескова о переговорах',
  'Пескову задали вопрос о санкциях',
  'С Песковым согласились в МИД',
  'Медведева назвали новым председателем',
  'Медведев выступил на форуме',
  'Президент провёл переговоры в Кремле',
  'Переговоры прошли в Кремле, а президент промолчал',
  'Песок на пляже оказался радиоактивным',
  'Trump says the talks were productive',
  'The talk about Trump continues',
  'Prices of oil rose after talks',
];

async function search(q: string): Promise<Item[]> {
  const res = await ctx.app.request(`/v1/feed?limit=50&q=${encodeURIComponent(q)}`, await asUser(ctx, reader.id));
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { items: Item[] }).items;
}
const texts = (items: { text: string }[]) => items.map((i) => i.text).sort();
const marked = (item: Item) => item.highlights.map((h) => item.text.slice(h.start, h.end));

beforeAll(async () => {
  ctx = await createTestContext();
  const db = ctx.database.db;
  reader = await createUser(ctx);
  const channel = await createChannel(db, { title: 'Новости' });
  const hidden = await createChannel(db);
  await follow(db, reader.id, channel.id);
  await createPosts(db, POSTS.map((text, i) => ({ channelId: channel.id, date: hoursAgo(i + 1, base), text })));
  await createPosts(db, [{ channelId: hidden.id, date: hoursAgo(1, base), text: 'Пескова не видно этому читателю' }]);
});

afterAll(async () => {
  await ctx?.close();
});

describe('GET /v1/feed?q= word forms', () => {
  it('"пескова" finds every case of "Песков", and only the reader\'s posts', async () => {
    const expected = texts(POSTS.slice(0, 4).map((text) => ({ text })));
    expect(texts(await search('пескова'))).toEqual(expected);
    expect(texts(await search('Песков'))).toEqual(expected);
    expect(texts(await search('ПЕСКОВУ'))).toEqual(expected);
  });

  it('matches other word forms in Russian and English', async () => {
    expect(texts(await search('переговор'))).toEqual(texts([{ text: POSTS[1] }, { text: POSTS[6] }, { text: POSTS[7] }]));
    expect(texts(await search('медведев'))).toEqual(texts([{ text: POSTS[4] }, { text: POSTS[5] }]));
    expect(texts(await search('talking'))).toEqual(texts([{ text: POSTS[9] }, { text: POSTS[10] }, { text: POSTS[11] }]));
  });

  it('a quoted phrase matches only as a phrase, in that order', async () => {
    expect(texts(await search('"переговоры в Кремле"'))).toEqual([POSTS[6]]);
    expect(texts(await search('"trump says"'))).toEqual([POSTS[9]]);
    expect(await search('"says trump"')).toEqual([]);
    // Unquoted, the same words match wherever they stand.
    expect(texts(await search('переговоры кремле'))).toEqual(texts([{ text: POSTS[6] }, { text: POSTS[7] }]));
  });

  it('-word leaves posts out', async () => {
    expect(texts(await search('talks -trump'))).toEqual([POSTS[11]]);
  });

  it('returns highlight ranges over the text, phrases as one range', async () => {
    const [peskova] = await search('пескова').then((items) => items.filter((i) => i.text.startsWith('Журналисты')));
    expect(marked(peskova)).toEqual(['Пескова']);
    const items = await search('песков');
    expect(items.map(marked).sort()).toEqual([['Пескова'], ['Пескову'], ['Песков'], ['Песковым']].sort());
    const [phrase] = await search('"переговоры в Кремле"');
    expect(marked(phrase)).toEqual(['переговоры в Кремле']);
    const feed = await ctx.app.request('/v1/feed?limit=5', await asUser(ctx, reader.id));
    expect(((await feed.json()) as { items: Item[] }).items.every((i) => i.highlights.length === 0)).toBe(true);
  });

  it.each(['index', 'walk'] satisfies TextSearchPath[])('finds the same posts on the %s path', async (path) => {
    for (const q of ['пескова', '"переговоры в Кремле"', 'talks -trump']) {
      const page = await listFeed(ctx.database.db, { userId: reader.id, q, limit: 50, search: path, titleOf: titleLine });
      expect(texts(page.items)).toEqual(texts(await search(q)));
    }
  });

  it('keeps the search keys of an edited post current', async () => {
    const { messages } = await import('../../db/schema');
    const { eq } = await import('drizzle-orm');
    const db = ctx.database.db;
    const [post] = await createPosts(db, [{ channelId: (await createChannel(db)).id, date: hoursAgo(1, base), text: 'Лаврова спросили' }]);
    await db.update(messages).set({ text: 'Захарова ответила' }).where(eq(messages.id, post.id));
    const [row] = await db.select({ search: messages.search }).from(messages).where(eq(messages.id, post.id));
    expect(row.search).toContain('захар');
    expect(row.search).not.toContain('лавр');
  });
});
