// One channel's pass for the ingest loop: resolve its handle, backfill on the first sync or read the
// posts after the cursor in batches, refresh recent posts (edits, deletions, metrics), and commit
// each batch with its media and the advanced cursor in one transaction. The loop owns leases,
// sessions, pacing and failure policy; this module owns what a pass over a channel does.
import type { Logger } from '../../core/log';
import { normaliseBatch } from '../../core/messages';
import type { PlanLimitsLookup } from '../../core/plans';
import * as reading from '../../db/queries/ingest-reading';
import { LeaseLostError } from '../../db/queries/leases';
import { commitBatch, markDeleted, storedMsgIds, type BatchToCommit } from '../../db/queries/messages';
import type { Db } from '../../db/types';
import type { ObjectStorage } from '../../storage/port';
import { TelegramFailure, type ChannelHandle, type ChannelReference, type GatewayMessage, type TelegramSession } from '../gateway/port';
import type { IngestMetrics } from '../metrics';
import { withoutLeadingAlbum, withoutTrailingAlbum } from './albums';
import { inBackoff } from './failure-policy';
import { storePostMedia, type MediaBudget } from './media';
import type { IngestTuning } from './options';

export interface ChannelSyncDeps {
  db: Db;
  log: Logger;
  tuning: IngestTuning;
  metrics: IngestMetrics;
  storage: ObjectStorage;
  gatewayKind: string;
  limitsOf: PlanLimitsLookup;
  /** This process's name in ingest_leases: each batch commits only while it holds the account's lease. */
  holder: string;
  /** After a batch found the lease expired: whether a renewal got it back (nobody took it), so the batch may try again. */
  stillHeld(accountId: string): Promise<boolean>;
  now(): number;
  /** A paced Telegram call of the account (the loop's pacer and retries). */
  call<T>(accountId: string, method: string, run: () => Promise<T>): Promise<T>;
  stopping(): boolean;
  /** Runs a hook whose failure must not end the pass. */
  guard(what: string, run: () => Promise<void>): Promise<void>;
  afterBatch?: AfterBatch;
  beforeCommit?: () => Promise<void>;
}

export class ChannelSync {
  private readonly lastRefresh = new Map<number, number>();

  constructor(private readonly deps: ChannelSyncDeps) {}

  private inBackoff(cursor: reading.ChannelCursor): boolean {
    return inBackoff(cursor, this.deps.tuning, this.deps.now());
  }

  /** One pass over one channel: backfill or new posts, then a periodic refresh. False while it backs off. */
  async syncChannel(account: reading.IngestAccount, session: TelegramSession, channel: reading.IngestChannel, budget: MediaBudget): Promise<boolean> {
    const cursor = await reading.loadCursor(this.deps.db, account.id, channel.id);
    if (this.inBackoff(cursor)) return false;
    const handle = await this.handleFor(account, session, channel, cursor.accessHash);
    const context = { account, session, channel, handle, budget };
    let lastMsgId = cursor.lastMsgId;
    if (lastMsgId === 0) lastMsgId = await this.backfill(context);
    else lastMsgId = await this.readNew(context, lastMsgId);
    if (lastMsgId > 0) await this.refresh(context, lastMsgId);
    this.deps.metrics.channelPassed(channel.id);
    return true;
  }

  private async handleFor(account: reading.IngestAccount, session: TelegramSession, channel: reading.IngestChannel, accessHash: string | null): Promise<ChannelHandle> {
    if (accessHash && channel.tgChannelId !== null) return { tgChannelId: channel.tgChannelId, accessHash, username: channel.username };
    const reference: ChannelReference | null = channel.username
      ? { kind: 'username', username: channel.username }
      : channel.inviteHash
        ? { kind: 'invite', hash: channel.inviteHash }
        : null;
    if (!reference) throw new TelegramFailure('CHANNEL_PRIVATE', 'This account has no way to address the channel');
    const resolved = await this.deps.call(account.id, 'resolveChannel', () => session.resolveChannel(reference));
    if (channel.tgChannelId !== null && resolved.tgChannelId !== channel.tgChannelId) {
      throw new TelegramFailure('USERNAME_NOT_OCCUPIED', 'The username now belongs to another channel');
    }
    await reading.saveAccessHash(this.deps.db, account.id, channel.id, resolved.accessHash);
    return { tgChannelId: resolved.tgChannelId, accessHash: resolved.accessHash, username: resolved.username };
  }

  /** First sync: the last N days, at most M posts, stored oldest first in batches. */
  private async backfill(context: SyncContext): Promise<number> {
    const { account, session, handle } = context;
    const limit = this.deps.tuning.backfillMaxPosts;
    const latest = await this.deps.call(account.id, 'readLatest', () => session.readLatest(handle, limit));
    if (latest.length === 0) return 0;
    const newestId = Math.max(...latest.map((m) => m.id));
    // N days before the newest post (or now, if sooner): the sandbox's clock is on its data's
    // timeline, and a quiet channel still gets its latest posts.
    const newestDate = Math.max(...latest.map((m) => m.date));
    const cutoff = Math.min(this.deps.now() / 1000, newestDate) - this.deps.tuning.backfillDays * 86_400;
    const inWindow = withoutLeadingAlbum(latest, latest.length >= limit)
      .filter((m) => m.date >= cutoff)
      .sort((a, b) => a.id - b.id);
    if (inWindow.length === 0) {
      await this.commit(context, [], newestId);
      return newestId;
    }
    const posts = normaliseBatch(inWindow);
    for (let start = 0; start < posts.length; start += this.deps.tuning.batchSize) {
      const chunk = posts.slice(start, start + this.deps.tuning.batchSize);
      const members = new Set(chunk.flatMap((p) => p.memberMsgIds));
      const isLast = start + this.deps.tuning.batchSize >= posts.length;
      const chunkMax = isLast ? newestId : Math.max(...members);
      await this.commit(context, inWindow.filter((m) => members.has(m.id)), chunkMax, true);
      if (this.deps.stopping() && !isLast) return chunkMax;
    }
    return newestId;
  }

  private async readNew(context: SyncContext, fromMsgId: number): Promise<number> {
    const { account, session, handle } = context;
    let cursor = fromMsgId;
    for (let batch = 0; batch < this.deps.tuning.maxBatchesPerPass && !this.deps.stopping(); batch++) {
      const page = await this.deps.call(account.id, 'readHistory', () => session.readHistory(handle, cursor, this.deps.tuning.batchSize));
      if (page.length === 0) break;
      const full = page.length >= this.deps.tuning.batchSize;
      const kept = withoutTrailingAlbum([...page].sort((a, b) => a.id - b.id), full);
      const next = Math.max(...kept.map((m) => m.id));
      await this.commit(context, kept, next);
      cursor = next;
      if (!full) break;
    }
    return cursor;
  }

  /** Re-reads recent posts: edits update in place, fresh metrics, and posts gone from Telegram are marked deleted. */
  private async refresh(context: SyncContext, cursor: number): Promise<void> {
    const { account, session, handle, channel } = context;
    const last = this.lastRefresh.get(channel.id);
    if (last !== undefined && this.deps.now() - last < this.deps.tuning.refreshEveryMs) return;
    this.lastRefresh.set(channel.id, this.deps.now());
    const depth = this.deps.tuning.refreshDepth;
    const recent = await this.deps.call(account.id, 'readLatest', () => session.readLatest(handle, depth));
    const known = withoutLeadingAlbum(recent, recent.length >= depth).filter((m) => m.id <= cursor);
    if (known.length === 0) return;
    // Only posts already stored are refreshed: older ones were outside the backfill on purpose.
    const stored = await storedMsgIds(this.deps.db, channel.id, known.map((m) => m.id));
    const posts = normaliseBatch(known).filter((post) => stored.has(post.msgId));
    if (posts.length) {
      await this.commitUnderLease({ accountId: account.id, channelId: channel.id, posts: posts.map((post) => ({ post, media: [] })), lastMsgId: cursor });
    }
    // Telegram returns every message between the oldest and the newest it returned: a stored post
    // in that range that it did not return was deleted. (Never past the newest returned: a page
    // that ends early must not mark anything it did not cover.)
    const oldest = Math.min(...known.map((m) => m.id));
    const newest = Math.max(...known.map((m) => m.id));
    const deleted = await markDeleted(this.deps.db, channel.id, oldest, newest, recent.map((m) => m.id));
    if (deleted) this.deps.log.info('posts deleted on Telegram marked', { channelId: channel.id, deleted });
  }

  /**
   * Commits the batch only while this process holds the account's lease. One that finds the lease
   * expired tries once more if a renewal got it back (nobody took it); otherwise LeaseLostError.
   */
  private async commitUnderLease(batch: Omit<BatchToCommit, 'leaseHolder'>): Promise<{ insertedIds: number[] }> {
    const underLease = { ...batch, leaseHolder: this.deps.holder };
    return commitBatch(this.deps.db, underLease, this.deps.beforeCommit).catch(async (error: unknown) => {
      if (!(error instanceof LeaseLostError) || !(await this.deps.stillHeld(batch.accountId))) throw error;
      return commitBatch(this.deps.db, underLease, this.deps.beforeCommit);
    });
  }

  private async commit(context: SyncContext, page: GatewayMessage[], lastMsgId: number, backfill = false): Promise<void> {
    const { account, session, handle, channel, budget } = context;
    const posts = normaliseBatch(page);
    const sources = new Map(page.map((m) => [m.id, m]));
    const mediaContext = {
      db: this.deps.db,
      storage: this.deps.storage,
      log: this.deps.log,
      limits: this.deps.limitsOf(account.plan),
      budget,
      metrics: this.deps.metrics,
      call: <T>(run: () => Promise<T>) => this.deps.call(account.id, 'downloadMedia', run),
    };
    const withMedia = [];
    for (const post of posts) {
      withMedia.push({ post, media: post.media.length ? await storePostMedia(mediaContext, session, handle, post, sources) : [] });
    }
    const { insertedIds } = await this.commitUnderLease({ accountId: account.id, channelId: channel.id, posts: withMedia, lastMsgId });
    this.deps.metrics.batchesCommitted.inc({ gateway: this.deps.gatewayKind });
    this.deps.metrics.postsIngested.inc({ gateway: this.deps.gatewayKind }, insertedIds.length);
    if (insertedIds.length) this.deps.log.info('posts ingested', { channelId: channel.id, added: insertedIds.length, lastMsgId });
    if (insertedIds.length && this.deps.afterBatch) {
      await this.deps.guard('afterBatch hook', () => this.deps.afterBatch!(insertedIds, { backfill }));
    }
  }
}

/** Called after each committed batch with the ids of the posts it added (topics, ranking);
 *  `backfill`: the batch is a first sync's history, not posts new since the last pass. */
export type AfterBatch = (messageIds: number[], batch: { backfill: boolean }) => Promise<void>;

interface SyncContext {
  account: reading.IngestAccount;
  session: TelegramSession;
  channel: reading.IngestChannel;
  handle: ChannelHandle;
  /** The media bytes stored for the account's user (the plan's mediaBytesStored). */
  budget: MediaBudget;
}
