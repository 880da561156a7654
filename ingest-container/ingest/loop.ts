// The ingest loop: for every account this process holds a lease on, read the channels it is the
// reader of — new posts after the cursor in batches of up to 100, a bounded backfill on the first
// sync, a periodic refresh of recent posts for edits, deletions and metrics — and store each batch
// with its media and the advanced cursor in one transaction. Each account runs on its own: a
// FLOOD_WAIT pauses that account only, a failing channel is retried with backoff while the others
// go on, and no error ends the process. stop() lets the batch in flight finish.
import type { Logger } from '../../core/log';
import { planLimits, type PlanLimitsLookup } from '../../core/plans';
import type { Db } from '../../db/types';
import { ACCOUNT_STATUSES, createIngestMetrics, failureReason, type IngestMetrics } from '../metrics';
import { TelegramFailure, type TelegramGateway, type TelegramSession } from '../gateway/port';
import type { ObjectStorage as MediaStorage } from '../../storage/port';
import { ChannelSync } from './channel-sync';
import { acquireLease, heartbeat, leaveIngest, releaseLease, renewLeases } from '../../db/queries/leases';
import { shareOf } from './leases';
import type { MediaBudget } from './media';
import { mediaBytesStoredBy } from '../../db/queries/media';
import type { IngestTuning } from './options';
import { AccountPacer } from './pacer';
import { withRetry } from './retry';
import { onAccountFailure, onChannelFailure, type ChannelOutcome, type FailureContext } from './failure-policy';
import * as reading from '../../db/queries/ingest-reading';

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
  private readonly channels: ChannelSync;

  constructor(private readonly options: IngestLoopOptions) {
    this.db = options.db;
    this.log = options.log;
    this.tuning = options.tuning;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.metrics = options.metrics ?? createIngestMetrics(undefined, options.gateway.kind);
    this.limitsOf = options.planLimits ?? planLimits;
    this.pacer = new AccountPacer(this.tuning.pacingMs, (ms) => this.sleep(ms), this.now);
    this.channels = new ChannelSync({
      db: this.db,
      log: this.log,
      tuning: this.tuning,
      metrics: this.metrics,
      storage: options.storage,
      gatewayKind: options.gateway.kind,
      limitsOf: this.limitsOf,
      now: this.now,
      call: (accountId, method, run) => this.call(accountId, method, run),
      stopping: () => this.stopping,
      guard: (what, run) => this.guard(what, run),
      afterBatch: options.afterBatch,
      beforeCommit: options.beforeCommit,
    });
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
    // Renew first, all at once: the round's other queries must not let a held lease run out.
    const renewed = await renewLeases(this.db, this.options.holder, [...this.held], this.tuning.leaseMs);
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
      const mine = renewed.has(id) || (await acquireLease(this.db, id, this.options.holder, this.tuning.leaseMs));
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
        const outcome = await this.channels.syncChannel(account, session, channel, budget).then((passed) => passed && this.markRead(account.id, channel.id)).then(
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

  /** The channels each account read this process (the channels-read gauge). */
  private markRead(accountId: string, channelId: number): void {
    const read = this.channelsOf.get(accountId) ?? new Set<number>();
    this.channelsOf.set(accountId, read.add(channelId));
  }
}
