// Real posts of 2024-12-03 as a user's followed channels, and stories as stored topics: a topic is
// the posts a reader would group by hand (picked by a pattern the story's posts share).
import { detectLanguage } from '../../core/text';
import { channels, messages, subscriptions, topicMessages, topics } from '../../db/schema';
import type { Db } from '../../db/types';
import { loadTelegramDay } from '../fixtures/eval/load';

export interface SeededDay {
  channelIds: Map<string, number>;
  messageIds: Map<string, number>;
}

/** Every channel of the day followed by `userId`, every post stored, dated `shiftMs` later. */
export async function seedTelegramDay(db: Db, userIds: string[], shiftMs = 0): Promise<SeededDay> {
  const posts = loadTelegramDay();
  const channelIds = new Map<string, number>();
  for (const title of [...new Set(posts.map((p) => p.channelTitle))]) {
    const tgId = Number(posts.find((p) => p.channelTitle === title)?.channelId);
    const [row] = await db
      .insert(channels)
      .values({ tgChannelId: tgId, username: `ch${Math.abs(tgId)}`, title, visibility: 'public', participantsCount: 100_000 })
      .onConflictDoUpdate({ target: channels.tgChannelId, set: { title } })
      .returning();
    channelIds.set(title, row.id);
    for (const userId of userIds) await db.insert(subscriptions).values({ userId, channelId: row.id }).onConflictDoNothing();
  }
  const messageIds = new Map<string, number>();
  const rows = await db
    .insert(messages)
    .values(
      posts.map((p) => ({
        channelId: channelIds.get(p.channelTitle) as number,
        msgId: p.msgId,
        date: new Date(new Date(p.date).getTime() + shiftMs),
        text: p.text,
        views: 1000 + (p.msgId % 5000),
        lang: detectLanguage(p.text),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: messages.id, channelId: messages.channelId, msgId: messages.msgId });
  for (const r of rows) messageIds.set(`${r.channelId}/${r.msgId}`, r.id);
  return { channelIds, messageIds };
}

/** A stored topic of the day's posts whose text matches `pattern` (at most `max`, oldest first). */
export async function seedStory(db: Db, day: SeededDay, title: string, pattern: RegExp, max = 20): Promise<{ topicId: number; messageIds: number[] }> {
  const posts = loadTelegramDay()
    .filter((p) => pattern.test(p.text))
    .slice(0, max);
  const ids = posts.map((p) => day.messageIds.get(`${day.channelIds.get(p.channelTitle)}/${p.msgId}`) as number);
  const first = posts[0];
  const [topic] = await db
    .insert(topics)
    .values({
      title,
      lang: 'ru',
      originMessageId: ids[0],
      originChannelId: day.channelIds.get(first.channelTitle),
      firstSeenAt: new Date(first.date),
      lastSeenAt: new Date(posts[posts.length - 1].date),
      messageCount: ids.length,
      channelCount: new Set(posts.map((p) => p.channelTitle)).size,
    })
    .returning();
  await db.insert(topicMessages).values(ids.map((messageId) => ({ topicId: topic.id, messageId, similarity: 0.5 })));
  return { topicId: topic.id, messageIds: ids };
}
