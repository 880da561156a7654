// Recomputes the scores of posts and topics (core/top/score) for the 24h and 7d windows and
// stores them in `ranking`; bumps the ranking version so the API's cached top lists go stale.
import type { Logger } from '../../core/log';
import { RANKING_WINDOWS, scorePost, scoreTopic, type RankingWindow } from '../../core/ranking';
import { bumpRankingVersion, dataClock } from '../../db/queries/ranking-clock';
import {
  activeSince,
  postSignals,
  pruneRankings,
  removeRankings,
  topicSignals,
  upsertRankings,
  type PostSignals,
  type RankingWrite,
} from '../../db/queries/ranking-scores';
import type { Db } from '../../db/types';
import type { IngestMetrics } from '../metrics';

const WINDOWS = Object.keys(RANKING_WINDOWS) as RankingWindow[];
const HOUR_MS = 3_600_000;

/**
 * What "now" is for the windows: the wall clock, the newest stored post (a replayed data set such
 * as the sandbox's, whose posts are from the past), or a given clock (tests).
 */
export type RankingClock = 'wall' | 'data' | (() => number);

export interface RankingJobDeps {
  db: Db;
  log: Logger;
  clock?: RankingClock;
  metrics?: Pick<IngestMetrics, 'rankingRefreshDuration'>;
}

export class RankingJob {
  constructor(private readonly deps: RankingJobDeps) {}

  private async now(): Promise<number> {
    const clock = this.deps.clock ?? 'wall';
    if (typeof clock === 'function') return clock();
    if (clock === 'data') return (await dataClock(this.deps.db)) ?? Date.now();
    return Date.now();
  }

  /** Rescore these posts and topics (and the posts' topics), then publish a new ranking version. */
  async recompute(changed: { messageIds: readonly number[]; topicIds: readonly number[] }, at?: number): Promise<void> {
    const nowMs = at ?? (await this.now());
    const posts = await postSignals(this.deps.db, changed.messageIds);
    const topicIds = new Set(changed.topicIds);
    for (const p of posts) if (p.topicId !== null) topicIds.add(p.topicId);
    const members = await topicSignals(this.deps.db, [...topicIds]);
    const byTopic = groupByTopic(members);
    // A post's breadth is its story's: the distinct channels of its topic.
    const scoredPosts = new Map<number, PostSignals>();
    for (const p of [...posts, ...members]) scoredPosts.set(p.id, p);

    const writes: RankingWrite[] = [];
    const removals: Pick<RankingWrite, 'entityKind' | 'entityId' | 'window'>[] = [];
    for (const window of WINDOWS) {
      const windowStart = nowMs - RANKING_WINDOWS[window].hours * HOUR_MS;
      for (const p of scoredPosts.values()) {
        if (p.date.getTime() < windowStart) {
          removals.push({ entityKind: 'message', entityId: p.id, window });
          continue;
        }
        const topicChannels = p.topicId === null ? 1 : new Set((byTopic.get(p.topicId) ?? [p]).map((m) => m.channelId)).size;
        const scored = scorePost({ ...signalsOf(p), topicChannels }, nowMs, window);
        if (scored) writes.push({ entityKind: 'message', entityId: p.id, window, score: scored.score, components: { ...scored.components } });
        else removals.push({ entityKind: 'message', entityId: p.id, window });
      }
      for (const topicId of topicIds) {
        const scored = scoreTopic((byTopic.get(topicId) ?? []).map((m) => ({ ...signalsOf(m), channelId: String(m.channelId), isCopy: m.isCopy })), nowMs, window);
        if (scored) writes.push({ entityKind: 'topic', entityId: topicId, window, score: scored.score, components: { ...scored.components } });
        else removals.push({ entityKind: 'topic', entityId: topicId, window });
      }
    }
    await upsertRankings(this.deps.db, writes);
    await removeRankings(this.deps.db, removals);
    if (writes.length || removals.length) await bumpRankingVersion(this.deps.db, nowMs);
  }

  /** Rescore everything of the widest window (scores decay with time) and drop what left the windows. */
  async refreshWindow(): Promise<void> {
    const started = Date.now();
    const nowMs = await this.now();
    const widest = Math.max(...WINDOWS.map((w) => RANKING_WINDOWS[w].hours));
    const active = await activeSince(this.deps.db, new Date(nowMs - widest * HOUR_MS));
    for (let i = 0; i < active.messageIds.length; i += 2000) {
      await this.recompute({ messageIds: active.messageIds.slice(i, i + 2000), topicIds: [] }, nowMs);
    }
    await this.recompute({ messageIds: [], topicIds: active.topicIds }, nowMs);
    await pruneRankings(this.deps.db, new Date(nowMs));
    await bumpRankingVersion(this.deps.db, nowMs);
    this.deps.metrics?.rankingRefreshDuration.observe({}, (Date.now() - started) / 1000);
    this.deps.log.info('rankings refreshed', { posts: active.messageIds.length, topics: active.topicIds.length, ms: Date.now() - started });
  }
}

function signalsOf(p: PostSignals) {
  return { dateMs: p.date.getTime(), metrics: { views: p.views, forwards: p.forwards, comments: p.comments, reactions: p.reactions }, baseline: p.baseline };
}

function groupByTopic(posts: PostSignals[]): Map<number, PostSignals[]> {
  const out = new Map<number, PostSignals[]>();
  for (const p of posts) {
    if (p.topicId === null) continue;
    const list = out.get(p.topicId);
    if (list) list.push(p);
    else out.set(p.topicId, [p]);
  }
  return out;
}

