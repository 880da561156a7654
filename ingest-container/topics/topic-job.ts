// Applies the clustering (core/topics) incrementally after each committed ingest batch: new posts
// join topics in the in-memory index, topics with two or more posts are written to
// topics/topic_messages, then the rankings of what changed are recomputed. The index is rebuilt
// from the database's last 72 h at start, so a restart loses nothing.
import type { Logger } from '../../core/log';
import { TopicIndex, type Assignment, type TopicIndexOptions } from '../../core/topics';
import {
  createTopic,
  mergeTopics,
  postsForClustering,
  recentPostsForClustering,
  refreshTopics,
  upsertTopicMembers,
  type ClusterablePost,
  type TopicHeadWrite,
  type TopicMemberWrite,
} from '../../db/queries/topics';
import type { Db } from '../../db/types';
import type { IngestMetrics } from '../metrics';
import { BACKFILL_GATHER, BatchGatherer, NEW_POSTS_GATHER, type GatherOptions } from './gather';
import { RankingJob, type RankingClock } from './ranking-job';

export interface TopicJobDeps {
  db: Db;
  log: Logger;
  clock?: RankingClock;
  options?: Partial<TopicIndexOptions>;
  metrics?: Pick<IngestMetrics, 'topicBatchDuration' | 'rankingRefreshDuration' | 'jobFailures'>;
  /** How ingested batches gather before they are clustered (see ./gather.ts and `gather`): new
   *  posts, and a first sync's history. */
  gather?: { newPosts?: Partial<GatherOptions>; backfill?: Partial<GatherOptions> };
}

export class TopicJob {
  private index: TopicIndex;
  /** Index topic id → topics.id, for topics already written. */
  private readonly stored = new Map<string, number>();
  /** Posts whose topic membership is written, with the topic they are written under. */
  private readonly written = new Map<number, number>();
  private readonly languages = new Map<number, Assignment['language']>();
  private chain: Promise<unknown> = Promise.resolve();
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  readonly ranking: RankingJob;
  private readonly newPosts: BatchGatherer;
  private readonly backfill: BatchGatherer;

  constructor(private readonly deps: TopicJobDeps) {
    this.index = new TopicIndex(deps.options);
    this.ranking = new RankingJob({ db: deps.db, log: deps.log, clock: deps.clock, metrics: deps.metrics });
    const gatherer = (options: GatherOptions) => new BatchGatherer(options, (ids) => this.onMessagesIngested(ids), (error) => this.gatherFailed(error));
    this.newPosts = gatherer({ ...NEW_POSTS_GATHER, ...deps.gather?.newPosts });
    this.backfill = gatherer({ ...BACKFILL_GATHER, ...deps.gather?.backfill });
  }

  /** Rebuilds the index from the last window of stored posts (topic ids kept). */
  async start(): Promise<void> {
    await this.serial(async () => {
      const started = Date.now();
      this.index = new TopicIndex(this.deps.options);
      this.stored.clear();
      this.written.clear();
      const posts = await recentPostsForClustering(this.deps.db, this.index.options.windowHours);
      for (const p of posts) if (p.topicId !== null) this.markWritten(p.id, p.topicId);
      const changed = await this.cluster(posts);
      this.deps.log.info('topic index rebuilt', { posts: posts.length, topicsChanged: changed.topicIds.length, ms: Date.now() - started });
      await this.ranking.refreshWindow();
    });
  }

  /** Rescore the whole window now and then: freshness and trend change with time, not only with posts. */
  startRefreshing(everyMs: number): void {
    this.stopRefreshing();
    this.refreshTimer = setInterval(() => {
      this.serial(() => this.ranking.refreshWindow()).catch((error: unknown) => {
        this.deps.metrics?.jobFailures.inc({ job: 'ranking_refresh' });
        this.deps.log.error('ranking refresh failed', { error });
      });
    }, everyMs);
    this.refreshTimer.unref?.();
  }

  stopRefreshing(): void {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
  }

  /** Clusters the batches that wait, and waits for the running one (for a clean stop). */
  async idle(): Promise<void> {
    for (const gatherer of [this.backfill, this.newPosts]) await gatherer.flush().catch((error: unknown) => this.gatherFailed(error));
    await this.chain;
  }

  /** A gathered batch that failed has no caller to tell (onMessagesIngested counted it). */
  private gatherFailed(error: unknown): void {
    this.deps.log.error('topic batch failed', { error });
  }

  /** The ingest hook: call after a batch of posts (new or updated) is committed. Its posts are
   *  clustered with the batches around it, in date order, once ingest pauses (./gather.ts). */
  gather(messageIds: readonly number[], batch: { backfill: boolean } = { backfill: false }): Promise<void> {
    return (batch.backfill ? this.backfill : this.newPosts).add(messageIds);
  }

  /** Clusters one batch of posts (new or updated) now, in date order. */
  onMessagesIngested(messageIds: readonly number[]): Promise<void> {
    return this.serial(async () => {
      if (!messageIds.length) return;
      const started = performance.now();
      try {
        const posts = await postsForClustering(this.deps.db, [...new Set(messageIds)]);
        const changed = await this.cluster(posts);
        await this.ranking.recompute({ messageIds: posts.map((p) => p.id), topicIds: changed.topicIds });
      } catch (error) {
        this.deps.metrics?.jobFailures.inc({ job: 'topic_batch' });
        throw error;
      } finally {
        this.deps.metrics?.topicBatchDuration.observe({}, (performance.now() - started) / 1000);
      }
    });
  }

  /** Calls run one at a time: the index is not safe to interleave, and batches arrive from several accounts. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private markWritten(postId: number, topicId: number) {
    this.written.set(postId, topicId);
    this.stored.set(String(topicId), topicId);
  }

  private async cluster(posts: ClusterablePost[]): Promise<{ topicIds: number[] }> {
    const touched = new Set<string>();
    const merges: { into: string; from: string[] }[] = [];
    for (const p of posts) {
      const assignment = this.index.add(
        {
          id: String(p.id),
          channelId: String(p.channelId),
          msgId: p.msgId,
          date: p.date,
          text: p.text,
          forwardFrom: p.forwardChannelId !== null && p.forwardMsgId !== null ? { channelId: String(p.forwardChannelId), msgId: p.forwardMsgId } : null,
        },
        p.topicId === null ? undefined : String(p.topicId),
      );
      if (this.languages.size > 200_000) this.languages.clear(); // only titles' languages are needed, and they are recent
      this.languages.set(p.id, assignment.language);
      touched.add(assignment.topicId);
      if (assignment.mergedTopicIds.length) merges.push({ into: assignment.topicId, from: assignment.mergedTopicIds });
    }
    const mergedAway = await this.persistMerges(merges);
    const resolved = new Set([...touched].map((id) => this.index.resolve(id)));
    return { topicIds: [...new Set([...(await this.persist(resolved)), ...mergedAway])] };
  }

  /** Topics the index joined: when both are stored, the database merges them too; when only the
   *  absorbed one is, the survivor takes over its row id (so references stay valid). */
  private async persistMerges(merges: { into: string; from: string[] }[]): Promise<number[]> {
    const changed: number[] = [];
    for (const m of merges) {
      const into = this.index.resolve(m.into);
      const stored = m.from.map((id) => this.stored.get(id)).filter((id): id is number => id !== undefined);
      for (const id of m.from) this.stored.delete(id);
      if (!stored.length) continue;
      let target = this.stored.get(into);
      if (target === undefined) {
        // The survivor was never written: adopt the oldest stored id rather than create a new row.
        target = Math.min(...stored);
        this.stored.set(into, target);
      }
      const from = stored.filter((id) => id !== target);
      await mergeTopics(this.deps.db, { into: target, from });
      for (const [postId, topicId] of this.written) if (from.includes(topicId)) this.written.set(postId, target);
      changed.push(target);
    }
    return changed;
  }

  /** Writes topics that have two or more posts: new topics, new members, fresh title/origin/counts. */
  private async persist(indexTopicIds: Set<string>): Promise<number[]> {
    const members: TopicMemberWrite[] = [];
    const heads: TopicHeadWrite[] = [];
    const pending: { topicId: number; postIds: number[] }[] = [];
    for (const indexId of indexTopicIds) {
      const view = this.index.topic(indexId);
      if (!view) continue;
      let topicId = this.stored.get(indexId);
      if (topicId === undefined) {
        if (view.posts.length < 2) continue; // a lone post is not a story yet
        topicId = await createTopic(this.deps.db, { title: view.title, firstSeenAt: new Date(view.firstDate) });
        this.stored.set(indexId, topicId);
      }
      const unwritten = view.posts.filter((p) => this.written.get(Number(p.postId)) !== topicId);
      for (const p of unwritten) {
        members.push({
          topicId,
          messageId: Number(p.postId),
          similarity: p.similarity,
          duplicateOfMessageId: p.duplicateOf === null ? null : Number(p.duplicateOf),
          isForward: p.isForward,
        });
      }
      pending.push({ topicId, postIds: unwritten.map((p) => Number(p.postId)) });
      heads.push({
        topicId,
        title: view.title,
        titleMessageId: Number(view.titlePostId),
        lang: this.languages.get(Number(view.titlePostId)) ?? 'other',
        originMessageId: Number(view.origin.postId),
        originChannelId: Number(view.origin.channelId),
      });
    }
    await upsertTopicMembers(this.deps.db, members);
    await refreshTopics(this.deps.db, heads);
    for (const { topicId, postIds } of pending) for (const id of postIds) this.markWritten(id, topicId);
    return heads.map((h) => h.topicId);
  }
}
