// The ingest loop: for every account this process holds a lease on, read the channels it is the
// reader of — new posts after the cursor in batches of up to 100, a bounded backfill on the first
// sync, a periodic refresh of recent posts for edits, deletions and metrics — and store each batch
// with its media and the advanced cursor in one transaction. Each account runs on its own: a
// FLOOD_WAIT pauses that account only, a failing channel is retried with backoff while the others
// go on, and no error ends the process. stop() lets the batch in flight finish.
import type { Logger } from '../../core/log';
import { normaliseBatch } from '../../core/messages';
import { planLimits, type PlanLimitsLookup } from '../../core/plans';
import type { Db } from '../../db/types';
import { ACCOUNT_STATUSES, createIngestMetrics, failureReason, type IngestMetrics } from '../metrics';
import { TelegramFailure, type ChannelHandle, type ChannelReference, type GatewayMessage, type TelegramGateway, type TelegramSession } from '../gateway/port';
import type { ObjectStorage as MediaStorage } from '../../storage/port';
import { withoutLeadingAlbum, withoutTrailingAlbum } from './albums';
import { acquireLease, heartbeat, leaveIngest, releaseLease } from '../../db/queries/leases';
import { shareOf } from './leases';
import { storePostMedia, type MediaBudget } from './media';
import { mediaBytesStoredBy } from '../../db/queries/media';
import type { IngestTuning } from './options';
import { AccountPacer } from './pacer';
import { withRetry } from './retry';
import { inBackoff, onAccountFailure, onChannelFailure, type ChannelOutcome, type FailureContext } from './failure-policy';
import * as reading from '../../db/queries/ingest-reading';
import { commitBatch, markDeleted, storedMsgIds } from '../../db/queries/messages';

export interface IngestLoopOptions {
  db: Db;
  gateway: TelegramGateway;
  storage: MediaStorage;
  log: Logger;
  tuning: IngestTuning;
  /** This process's name in ingest_leases (unique per process). */
  holder: string;
  /** Decrypts tg_accounts.session_cipher into the StringSession the gateway connects with. */
  decryptSession(cipher: string): Promise<string>;
  /** Called after each committed batch with the ids of the posts it added (topics, ranking). */
  afterBatch?: (messageIds: number[]) => Promise<void>;
  /** Test hook: runs inside the batch transaction after every write, before COMMIT. */
  beforeCommit?: () => Promise<void>;
  /** Counters and gauges of this process (a private registry when not given). */
  metrics?: IngestMetrics;
  /** The plan's limits (core/plans.ts unless given; tests pass small ones). */
  planLimits?: PlanLimitsLookup;
  now?: () => number;
  random?: () => number;
}

export class IngestLoop {
  private readonly db: Db;
  private readonly log: Logger;
  private readonly tuning: IngestTuning;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly pacer: AccountPacer;
  private readonly held = new Set<string>();
  private readonly sessions = new Map<string, TelegramSession>();
  private readonly workers = new Map<string, Promise<void>>();
  private readonly lastRefresh = new Map<number, number>();
  /** Channels read per held account, so their staleness stops counting when the account goes. */
  private readonly channelsOf = new Map<string, Set<number>>();
  private readonly metrics: IngestMetrics;
  private readonly limitsOf: PlanLimitsLookup;
  /**
   * Media bytes stored per user, read once when a pass of one of their accounts starts and shared
   * by their passes running at the same time, so this process never stores past the plan's limit.
   */
  private readonly budgets = new Map<string, { budget: MediaBudget; passes: number }>();
  private readonly stopController = new AbortController();
  private supervisor: Promise<void> | null = null;

  constructor(private readonly options: IngestLoopOptions) {
    this.db = options.db;
    this.log = options.log;
    this.tuning = options.tuning;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.metrics = options.metrics ?? createIngestMetrics(undefined, options.gateway.kind);
    this.limitsOf = options.planLimits ?? planLimits;
    this.pacer = new AccountPacer(this.tuning.pacingMs, (ms) => this.sleep(ms), this.now);
  }

  get stopping(): boolean {
    return this.stopController.signal.aborted;
  }

  /** Accounts this process reads now. */
  heldAccounts(): string[] {
    return [...this.held];
  }

  /** Runs until stop(): keeps leases fresh and one worker per held account. */
  start(): void {
    if (this.supervisor) return;
    this.supervisor = (async () => {
      while (!this.stopping) {
        await this.guard('lease refresh', () => this.refreshLeases(true));
        await this.sleep(Math.min(this.tuning.pollMs, Math.floor(this.tuning.leaseMs / 3)));
      }
    })();
  }

  /** One pass over every account this process can lease (tests and one-shot runs). */
  async runOnce(): Promise<void> {
    await this.refreshLeases(false);
    await Promise.all([...this.held].map((id) => this.guard('account pass', () => this.syncAccount(id))));
  }

  /** Finishes the batches in flight, releases the leases and closes the sessions. */
  async stop(): Promise<void> {
    this.stopController.abort();
    await this.supervisor;
    await Promise.allSettled(this.workers.values());
    for (const id of [...this.held]) await this.drop(id);
    await this.guard('leave', () => leaveIngest(this.db, this.options.holder));
    for (const session of this.sessions.values()) await session.disconnect().catch(() => undefined);
    this.sessions.clear();
  }

  /** Stops reading an account now (it is being removed): the batch in flight still finishes. */
  async forget(accountId: string): Promise<void> {
    await this.guard('forget account', () => this.drop(accountId));
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const signal = this.stopController.signal;
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** The process never dies on an error: log it and go on. */
  private async guard(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      this.log.error(`ingest ${what} failed`, { error });
    }
  }

  private async refreshLeases(spawnWorkers: boolean): Promise<void> {
    await reading.assignChannelReaders(this.db);
    const counts = await reading.accountStatusCounts(this.db);
    for (const status of ACCOUNT_STATUSES) this.metrics.accounts.set({ status }, counts[status] ?? 0);
    const readable = new Set(await reading.readableAccountIds(this.db));
    for (const id of [...this.held]) if (!readable.has(id)) await this.drop(id);
    // Hold about our share: renew what we hold first, hand back what is over the share, then
    // take free or expired leases until the share is reached.
    const live = await heartbeat(this.db, this.options.holder, this.tuning.leaseMs);
    const share = shareOf(readable.size, live);
    const ordered = [...readable].sort();
    let kept = 0;
    for (const id of [...ordered.filter((a) => this.held.has(a)), ...ordered.filter((a) => !this.held.has(a))]) {
      if (this.stopping) return;
      if (kept >= share) {
        if (this.held.has(id)) {
          this.log.info('account handed back', { accountId: id, holder: this.options.holder, share, live });
          await this.drop(id);
        }
        continue;
      }
      const mine = await acquireLease(this.db, id, this.options.holder, this.tuning.leaseMs);
      if (!mine) {
        this.held.delete(id);
        continue;
      }
      kept++;
      if (!this.held.has(id)) this.log.info('account leased', { accountId: id, holder: this.options.holder });
      this.held.add(id);
      this.metrics.accountsLeased.set({}, this.held.size);
      if (spawnWorkers && !this.workers.has(id)) this.spawnWorker(id);
    }
  }

  private spawnWorker(accountId: string): void {
    const worker = (async () => {
      while (!this.stopping && this.held.has(accountId)) {
        await this.guard('account pass', () => this.syncAccount(accountId));
        await this.sleep(this.tuning.pollMs);
      }
    })().finally(() => this.workers.delete(accountId));
    this.workers.set(accountId, worker);
  }

  private async drop(accountId: string): Promise<void> {
    this.held.delete(accountId);
    this.metrics.accountsLeased.set({}, this.held.size);
    this.metrics.forgetChannels(this.channelsOf.get(accountId) ?? []);
    this.channelsOf.delete(accountId);
    await releaseLease(this.db, accountId, this.options.holder);
    const session = this.sessions.get(accountId);
    this.sessions.delete(accountId);
    await session?.disconnect().catch(() => undefined);
  }

  /** Paced, with transient failures retried and each attempt counted; every Telegram call of an account goes through here. */
  private call<T>(accountId: string, method: string, run: () => Promise<T>): Promise<T> {
    return withRetry(
      async () => {
        await this.pacer.wait(accountId);
        try {
          const result = await run();
          this.metrics.telegramCalls.inc({ method, outcome: 'ok' });
          return result;
        } catch (error) {
          this.metrics.telegramCalls.inc({ method, outcome: failureReason(error) });
          throw error;
        }
      },
      { attempts: this.tuning.retryAttempts, baseMs: this.tuning.retryBaseMs, sleep: (ms) => this.sleep(ms), random: this.random },
    );
  }

  private async session(account: reading.IngestAccount): Promise<TelegramSession> {
    const open = this.sessions.get(account.id);
    if (open) return open;
    if (!account.sessionCipher) throw new TelegramFailure('AUTH_REVOKED', 'The account has no stored session');
    let plaintext: string;
    try {
      plaintext = await this.options.decryptSession(account.sessionCipher);
    } catch {
      throw new TelegramFailure('AUTH_REVOKED', 'The stored session cannot be decrypted (key missing or data damaged); connect the account again');
    }
    const session = await this.call(account.id, 'connect', () => this.options.gateway.connect(plaintext));
    this.sessions.set(account.id, session);
    return session;
  }

  async syncAccount(accountId: string): Promise<void> {
    const account = await reading.loadAccount(this.db, accountId);
    if (!account || account.status === 'needs_relogin' || account.status === 'disabled') return this.drop(accountId);
    if (account.status === 'flood_wait') {
      if (account.floodWaitUntil && account.floodWaitUntil.getTime() > this.now()) return;
      await reading.markAccount(this.db, account.id, { status: 'active' });
      this.log.info('flood wait over; reading again', { accountId });
    }
    let session: TelegramSession;
    try {
      session = await this.session(account);
    } catch (error) {
      await onAccountFailure(this.failureContext, account, error);
      return;
    }
    const budget = await this.openBudget(account.userId);
    try {
      for (const channel of await reading.channelsOwnedBy(this.db, account.id)) {
        if (this.stopping || !this.held.has(account.id)) break;
        const outcome = await this.syncChannel(account, session, channel, budget).then(
          (): ChannelOutcome => 'continue',
          (error: unknown) => onChannelFailure(this.failureContext, account, channel, error),
        );
        if (outcome === 'stop-account') return;
      }
    } finally {
      this.closeBudget(account.userId);
    }
    await reading.touchAccount(this.db, account.id);
  }

  private async openBudget(userId: string): Promise<MediaBudget> {
    const open = this.budgets.get(userId);
    if (open) {
      open.passes++;
      return open.budget;
    }
    const usedBytes = await mediaBytesStoredBy(this.db, userId);
    const raced = this.budgets.get(userId);
    if (raced) {
      raced.passes++;
      return raced.budget;
    }
    const entry = { budget: { usedBytes }, passes: 1 };
    this.budgets.set(userId, entry);
    return entry.budget;
  }

  private closeBudget(userId: string): void {
    const entry = this.budgets.get(userId);
    if (entry && --entry.passes <= 0) this.budgets.delete(userId);
  }

  private get failureContext(): FailureContext {
    return { db: this.db, log: this.log, metrics: this.metrics, now: this.now, random: this.random, drop: (id) => this.drop(id) };
  }

  private inBackoff(cursor: reading.ChannelCursor): boolean {
    return inBackoff(cursor, this.tuning, this.now());
  }

  private async syncChannel(account: reading.IngestAccount, session: TelegramSession, channel: reading.IngestChannel, budget: MediaBudget): Promise<void> {
    const cursor = await reading.loadCursor(this.db, account.id, channel.id);
    if (this.inBackoff(cursor)) return;
    const handle = await this.handleFor(account, session, channel, cursor.accessHash);
    const context = { account, session, channel, handle, budget };
    let lastMsgId = cursor.lastMsgId;
    if (lastMsgId === 0) lastMsgId = await this.backfill(context);
    else lastMsgId = await this.readNew(context, lastMsgId);
    if (lastMsgId > 0) await this.refresh(context, lastMsgId);
    this.metrics.channelPassed(channel.id);
    const read = this.channelsOf.get(account.id) ?? new Set<number>();
    this.channelsOf.set(account.id, read.add(channel.id));
  }

  private async handleFor(account: reading.IngestAccount, session: TelegramSession, channel: reading.IngestChannel, accessHash: string | null): Promise<ChannelHandle> {
    if (accessHash && channel.tgChannelId !== null) return { tgChannelId: channel.tgChannelId, accessHash, username: channel.username };
    const reference: ChannelReference | null = channel.username
      ? { kind: 'username', username: channel.username }
      : channel.inviteHash
        ? { kind: 'invite', hash: channel.inviteHash }
        : null;
    if (!reference) throw new TelegramFailure('CHANNEL_PRIVATE', 'This account has no way to address the channel');
    const resolved = await this.call(account.id, 'resolveChannel', () => session.resolveChannel(reference));
    if (channel.tgChannelId !== null && resolved.tgChannelId !== channel.tgChannelId) {
      throw new TelegramFailure('USERNAME_NOT_OCCUPIED', 'The username now belongs to another channel');
    }
    await reading.saveAccessHash(this.db, account.id, channel.id, resolved.accessHash);
    return { tgChannelId: resolved.tgChannelId, accessHash: resolved.accessHash, username: resolved.username };
  }

  /** First sync: the last N days, at most M posts, stored oldest first in batches. */
  private async backfill(context: SyncContext): Promise<number> {
    const { account, session, handle } = context;
    const limit = this.tuning.backfillMaxPosts;
    const latest = await this.call(account.id, 'readLatest', () => session.readLatest(handle, limit));
    if (latest.length === 0) return 0;
    const newestId = Math.max(...latest.map((m) => m.id));
    // N days before the newest post (or now, if sooner): the sandbox's clock is on its data's
    // timeline, and a quiet channel still gets its latest posts.
    const newestDate = Math.max(...latest.map((m) => m.date));
    const cutoff = Math.min(this.now() / 1000, newestDate) - this.tuning.backfillDays * 86_400;
    const inWindow = withoutLeadingAlbum(latest, latest.length >= limit)
      .filter((m) => m.date >= cutoff)
      .sort((a, b) => a.id - b.id);
    if (inWindow.length === 0) {
      await this.commit(context, [], newestId);
      return newestId;
    }
    const posts = normaliseBatch(inWindow);
    for (let start = 0; start < posts.length; start += this.tuning.batchSize) {
      const chunk = posts.slice(start, start + this.tuning.batchSize);
      const members = new Set(chunk.flatMap((p) => p.memberMsgIds));
      const isLast = start + this.tuning.batchSize >= posts.length;
      const chunkMax = isLast ? newestId : Math.max(...members);
      await this.commit(context, inWindow.filter((m) => members.has(m.id)), chunkMax);
      if (this.stopping && !isLast) return chunkMax;
    }
    return newestId;
  }

  private async readNew(context: SyncContext, fromMsgId: number): Promise<number> {
    const { account, session, handle } = context;
    let cursor = fromMsgId;
    for (let batch = 0; batch < this.tuning.maxBatchesPerPass && !this.stopping; batch++) {
      const page = await this.call(account.id, 'readHistory', () => session.readHistory(handle, cursor, this.tuning.batchSize));
      if (page.length === 0) break;
      const full = page.length >= this.tuning.batchSize;
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
    if (last !== undefined && this.now() - last < this.tuning.refreshEveryMs) return;
    this.lastRefresh.set(channel.id, this.now());
    const depth = this.tuning.refreshDepth;
    const recent = await this.call(account.id, 'readLatest', () => session.readLatest(handle, depth));
    const known = withoutLeadingAlbum(recent, recent.length >= depth).filter((m) => m.id <= cursor);
    if (known.length === 0) return;
    // Only posts already stored are refreshed: older ones were outside the backfill on purpose.
    const stored = await storedMsgIds(this.db, channel.id, known.map((m) => m.id));
    const posts = normaliseBatch(known).filter((post) => stored.has(post.msgId));
    if (posts.length) {
      await commitBatch(this.db, { accountId: account.id, channelId: channel.id, posts: posts.map((post) => ({ post, media: [] })), lastMsgId: cursor });
    }
    // Telegram returns every message between the oldest and the newest it returned: a stored post
    // in that range that it did not return was deleted. (Never past the newest returned: a page
    // that ends early must not mark anything it did not cover.)
    const oldest = Math.min(...known.map((m) => m.id));
    const newest = Math.max(...known.map((m) => m.id));
    const deleted = await markDeleted(this.db, channel.id, oldest, newest, recent.map((m) => m.id));
    if (deleted) this.log.info('posts deleted on Telegram marked', { channelId: channel.id, deleted });
  }

  private async commit(context: SyncContext, page: GatewayMessage[], lastMsgId: number): Promise<void> {
    const { account, session, handle, channel, budget } = context;
    const posts = normaliseBatch(page);
    const sources = new Map(page.map((m) => [m.id, m]));
    const mediaContext = {
      db: this.db,
      storage: this.options.storage,
      log: this.log,
      limits: this.limitsOf(account.plan),
      budget,
      metrics: this.metrics,
      call: <T>(run: () => Promise<T>) => this.call(account.id, 'downloadMedia', run),
    };
    const withMedia = [];
    for (const post of posts) {
      withMedia.push({ post, media: post.media.length ? await storePostMedia(mediaContext, session, handle, post, sources) : [] });
    }
    const { insertedIds } = await commitBatch(
      this.db,
      { accountId: account.id, channelId: channel.id, posts: withMedia, lastMsgId },
      this.options.beforeCommit,
    );
    this.metrics.batchesCommitted.inc({ gateway: this.options.gateway.kind });
    this.metrics.postsIngested.inc({ gateway: this.options.gateway.kind }, insertedIds.length);
    if (insertedIds.length) this.log.info('posts ingested', { channelId: channel.id, added: insertedIds.length, lastMsgId });
    if (insertedIds.length && this.options.afterBatch) {
      await this.guard('afterBatch hook', () => this.options.afterBatch!(insertedIds));
    }
  }
}

interface SyncContext {
  account: reading.IngestAccount;
  session: TelegramSession;
  channel: reading.IngestChannel;
  handle: ChannelHandle;
  /** The media bytes stored for the account's user (the plan's mediaBytesStored). */
  budget: MediaBudget;
}
