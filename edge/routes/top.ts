// GET /v1/top — the reader's top posts or topics of a window, best first, each with its score
// components. Cached in the kv per (channel set, window, by, limit) under the ranking version, so
// a new ranking computation makes every cached list stale at once.
import { Hono } from 'hono';
import { z } from 'zod';
import { breadth, combine, topicReach, type RankingWindow, type ScoreComponents } from '../../core/ranking';
import { explainRanking, explainWindow } from '../../core/ranking/explain';
import { RANKING_ENTITY_KINDS, RANKING_WINDOW_NAMES, type RankingEntityKind } from '../../core/ranking/windows';
import { saturate } from '../../core/ranking/popularity';
import { visibleTitle } from '../../core/topics/title';
import { topListStates, topMessagesForUser, topicsForUser, type ReaderTopicRow } from '../../db/queries/top';
import type { Db } from '../../db/types';
import { sha256Hex } from '../digest';
import type { AppEnv } from '../env';
import { intText, validate } from '../validate';
import { unlessKvDown } from '../adapters/kv/guard';
import { knownOrRead } from '../services/feed-changes';
import { freshBatchesPerHandle } from '../services/fresh-batches';
import { RANKINGS_TAG, readerTags } from '../services/known-values';
import { jsonTextResponse, recentJsonTexts, sharedByKey, storedJsonText, toJsonText, type JsonText } from '../services/json-cache';

const CACHE_TTL_SECONDS = 600;
/** Bumped when the answer's shape changes, so a deploy never serves a list cached in the old shape. */
const ANSWER_SHAPE = 2;

export const topQuery = z.object({
  window: z.enum(RANKING_WINDOW_NAMES).default('24h'),
  by: z.enum(RANKING_ENTITY_KINDS).default('topic'),
  limit: intText(1, 100).default(20),
  // Topics are stories covered by two or more channels; `single=1` lists one-channel topics too.
  single: z.enum(['0', '1']).default('0'),
});

async function channelSetKey(channelIds: number[]): Promise<string> {
  return (await sha256Hex(channelIds.join(','))).slice(0, 24);
}

/**
 * Answers read from the kv (or computed) lately, kept in this process for a few seconds: a key
 * names its answer (ranking version, channel set, parameters), so a hit here is what the kv holds,
 * without the round trip.
 */
const recentAnswers = recentJsonTexts<TopAnswer>({ ttlMs: 10_000, maxChars: 8_000_000 });

/** The ranking state and the reader's channels, read in fresh batches (concurrent readers share a round trip). */
const topListStateOf = freshBatchesPerHandle((db: Db) => ({
  readAll: (keys: { userId: string; withSubscribed: boolean }[]) => topListStates(db, keys),
  idOf: (k: { userId: string; withSubscribed: boolean }) => `${k.userId}:${k.withSubscribed ? 's' : ''}`,
  maxBatch: 64,
}));

export const topRoutes = new Hono<AppEnv>().get('/v1/top', validate('query', topQuery), async (c) => {
  const { window, by, limit, single } = c.req.valid('query');
  const { database, kv, now, feedChanges } = c.get('services');
  const user = c.get('user');
  // Where the change notifications are heard, the state stays known until new rankings or a
  // change to the reader's channels (edge/services/feed-changes.ts): a hit costs no round trip.
  const { channelIds, channelSet, ...state } = await knownOrRead(feedChanges, `top:${user.id}`, async (keeping) => {
    const { subscribed, ...read } = await topListStateOf(database.db, { userId: user.id, withSubscribed: keeping });
    return { value: { ...read, channelSet: await channelSetKey(read.channelIds) }, tags: [...readerTags(user.id, subscribed), RANKINGS_TAG] };
  });
  const key = `top:s${ANSWER_SHAPE}:v${state.version}:${window}:${by}:${limit}:${single}:${channelSet}`;
  // The cache holds the answer itself, as the JSON text it is sent as: a hit is that text, never
  // parsed and serialised again, and typed as the answer (JsonText); the last few seconds' answers
  // are also kept in this process. With the kv down the list is computed (and not stored in it).
  const recent = recentAnswers.get(key);
  if (recent !== undefined) return jsonTextResponse(c, recent, { 'x-cache': 'hit' });
  const stored = await unlessKvDown(kv.get(key), null);
  if (stored !== null) {
    const text = storedJsonText<TopAnswer>(stored);
    recentAnswers.set(key, text);
    return jsonTextResponse(c, text, { 'x-cache': 'hit' });
  }
  // Concurrent misses of one key in this process share one computation (a new ranking version
  // otherwise sends every waiting reader into the same heavy query at once).
  const body = await computing(key, async () => {
    const nowMs = state.nowMs ?? now() * 1000;
    const text = toJsonText(await topAnswer(database.db, { userId: user.id, channelIds, window, by, limit, minChannels: single === '1' ? 1 : 2, nowMs, version: state.version }));
    await unlessKvDown(kv.set(key, text, { ttlSeconds: CACHE_TTL_SECONDS }), false);
    recentAnswers.set(key, text);
    return text;
  });
  return jsonTextResponse(c, body, { 'x-cache': 'miss' });
});

interface TopParams {
  userId: string;
  channelIds: number[];
  window: RankingWindow;
  by: RankingEntityKind;
  limit: number;
  minChannels: number;
  nowMs: number;
  version: number;
}

async function topAnswer(db: Db, p: TopParams) {
  const items = p.channelIds.length === 0 ? [] : p.by === 'message'
    ? (await topMessagesForUser(db, { userId: p.userId, window: p.window, now: new Date(p.nowMs), limit: p.limit })).map((item) => ({
        ...item,
        explanation: explainRanking({ window: p.window, components: item.components, ageHours: (p.nowMs - Date.parse(item.message.date)) / 3_600_000 }),
      }))
    : await topTopics(db, p.userId, p.window, p.nowMs, p.limit, p.minChannels);
  // What every item shares (the window's weights, what each component means) goes once, not per item.
  return { window: p.window, by: p.by, computedAt: new Date(p.nowMs).toISOString(), version: p.version, explain: explainWindow(p.window), items };
}

/** The /v1/top answer (what the web app reads, through hc). */
export type TopAnswer = Awaited<ReturnType<typeof topAnswer>>;

/** Top lists being computed in this process, by cache key (the key names the reader's channel set). */
const computing = sharedByKey<JsonText<TopAnswer>>();

async function topTopics(db: Db, userId: string, window: RankingWindow, nowMs: number, limit: number, minChannels: number) {
  // Candidates by their shared score, then rescored as this reader sees them.
  const rows = await topicsForUser(db, { userId, window, now: new Date(nowMs), maxTopics: Math.max(100, limit * 5), minChannels });
  return rows
    .map((row) => readerTopic(row, window))
    .sort((a, b) => b.score - a.score || b.topic.id - a.topic.id)
    .slice(0, limit);
}

/**
 * A topic as one reader sees it: breadth and popularity from their channels' posts only; trend and
 * freshness describe the story itself and are kept from its shared score.
 */
function readerTopicScore(shared: ScoreComponents, reader: { distinctChannels: number; postPopularities: number[] }, window: RankingWindow) {
  // Stored post popularity is saturate(reach) = r / (r + 1); invert it to combine reaches.
  const reaches = reader.postPopularities.map((p) => (p >= 1 ? 1e6 : p / (1 - p)));
  const components: ScoreComponents = {
    popularity: reaches.length ? saturate(topicReach(reaches)) : shared.popularity,
    trend: shared.trend,
    breadth: breadth(reader.distinctChannels),
    freshness: shared.freshness,
  };
  return combine(components, window);
}

function readerTopic(row: ReaderTopicRow, window: RankingWindow) {
  const originals = row.posts.filter((p) => !p.isCopy);
  const { score, components, weights } = readerTopicScore(
    row.components,
    {
      distinctChannels: row.channels.length,
      postPopularities: originals.flatMap((p) => (p.messageScore ? [p.messageScore.popularity] : [])),
    },
    window,
  );
  const first = row.posts[0];
  const channel = row.channels.find((ch) => ch.id === first.channelId) ?? row.channels[0];
  const title = visibleTitle(
    { title: row.title, titleMessageId: row.titleMessageId },
    row.posts.map((p) => ({ id: p.messageId, text: p.text, similarity: p.similarity, duplicateOf: p.isCopy ? -1 : null, isForward: p.isCopy })),
  );
  const spanHours = (row.posts[row.posts.length - 1].date.getTime() - first.date.getTime()) / 3_600_000;
  return {
    kind: 'topic' as const,
    score,
    components,
    explanation: explainRanking({ window, components, weights, channels: row.channels.length, spanHours }),
    topic: {
      id: row.topicId,
      title,
      lang: row.lang,
      posts: row.posts.length,
      distinctPosts: originals.length,
      channels: row.channels,
      firstSeenAt: first.date.toISOString(),
      lastSeenAt: row.posts[row.posts.length - 1].date.toISOString(),
      origin: { messageId: first.messageId, channel, date: first.date.toISOString(), url: first.url },
    },
  };
}
