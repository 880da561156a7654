// The ingest loop: for every account this process holds a lease on, read the channels it is the
// reader of — new posts after the cursor in batches of up to 100, a bounded backfill on the first
// sync, a periodic refresh of recent posts for edits, deletions and metrics — and store each batch
// with its media and the advanced cursor in one transaction. Each account runs on its own: a
// FLOOD_WAIT pauses that account only, a failing channel is retried with backoff while the others
// go on, and no error ends the process. stop() lets the batch in flight finish.
// Leases: several times per lease period the process renews its leases and its heartbeat, and as
// often it balances (hands back what is over its share, takes free leases up to it, and spreads a
// dead process's expired ones). It reads an account only while it knows its lease valid: a renewal
// that comes back without a lease drops the account at once; past a lease period since the last
// renewal was sent, reads wait for the next renewal to tell whether the lease is still its own; and
// every batch commits only under the lease (holdLease).
import { setMaxListeners } from 'node:events';
import type { Logger } from '../../core/log';
import { planLimits, type PlanLimitsLookup } from '../../core/plans';
import type { Db } from '../../db/types';
import { ACCOUNT_STATUSES, createIngestMetrics, failureReason, type IngestMetrics } from '../metrics';
import { TelegramFailure, type TelegramGateway, type TelegramSession } from '../gateway/port';
import type { ObjectStorage as MediaStorage } from '../../storage/port';
import { ChannelSync, type AfterBatch } from './channel-sync';
import { heartbeat, leaveIngest, LeaseLostError, releaseLeases, renewLeases, takeLeases } from '../../db/queries/leases';
import { leaseTimings, planBalance, type LeaseTimings } from './leases';
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
  /**
   * Where the lease rounds' statements go (renewals, heartbeat, balancing; db unless given): a
   * small pool of their own (2 connections: the renewal and the balance run side by side), so a
   * renewal never queues behind the account workers' reads and writes on a busy pool.
   */
  leaseDb?: Db;
  afterBatch?: AfterBatch;
  /** Test hook: runs inside the batch transaction after every write, before COMMIT. */
  beforeCommit?: () => Promise<void>;
  /** Counters and gauges of this process (a private registry when not given). */
  metrics?: IngestMetrics;
  /** The plan's limits (core/plans.ts unless given; tests pass small ones). */
  planLimits?: PlanLimitsLookup;
  now?: () => number;
  random?: () => number;
  /** A monotonic clock (ms) for how long a lease is known valid; performance.now unless given (tests). */
  leaseClock?: () => number;
}

/** What this process knows of a lease it holds. */
interface HeldLease {
  /** Until then (leaseClock) the lease is surely ours: the last renewal's send time + the lease period. */
  validUntil: number;
  /** When it was taken beyond the share from a dead process (kept, not handed back, for a heartbeat's life). */
  adoptedAt?: number;
}

export class IngestLoop {
  private readonly db: Db;
  private readonly leaseDb: Db;
  private readonly log: Logger;
  private readonly tuning: IngestTuning;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly pacer: AccountPacer;
  private readonly leaseClock: () => number;
  private readonly timings: LeaseTimings;
  private readonly held = new Map<string, HeldLease>();
  /** Live processes (this one included) at the last heartbeat. */
  private live = 1;
  private renewal: Promise<void> | null = null;
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
    this.leaseDb = options.leaseDb ?? options.db;
    this.log = options.log;
    this.tuning = options.tuning;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.leaseClock = options.leaseClock ?? (() => performance.now());
    this.timings = leaseTimings(this.tuning.leaseMs, this.tuning.pollMs);
    // One abort listener per sleeping account worker: hundreds are expected.
    setMaxListeners(0, this.stopController.signal);
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
      holder: options.holder,
      stillHeld: (accountId) => this.ensureHeld(accountId, true),
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

  /** Accounts this process reads now: held, with the lease known valid. */
  heldAccounts(): string[] {
    return [...this.held.keys()].filter((id) => this.holds(id));
  }

  /** Whether this process reads the account now (its lease known valid). */
  holds(accountId: string): boolean {
    const lease = this.held.get(accountId);
    return lease !== undefined && lease.validUntil > this.leaseClock();
  }

  /**
   * Runs until stop(): renews leases and heartbeat, balances, and keeps one worker per held
   * account. It announces itself first and waits a renewal period before taking any lease, so
   * processes starting together split the accounts instead of the first one taking them all.
   */
  start(): void {
    if (this.supervisor) return;
    const { renewEveryMs, balanceEveryMs } = this.timings;
    this.supervisor = (async () => {
      await this.guard('announce', () => this.announce());
      await this.sleep(renewEveryMs);
      await this.guard('lease renewal', () => this.renewNow());
      // Renewals start every renewEveryMs (at once after one that ran late), never two at a time.
      const renewing = (async () => {
        let last = this.leaseClock();
        while (!this.stopping) {
          await this.sleep(last + renewEveryMs - this.leaseClock());
          last = this.leaseClock();
          if (!this.stopping) await this.guard('lease renewal', () => this.renewNow());
        }
      })();
      while (!this.stopping) {
        await this.guard('lease balance', () => this.balance(true));
        await this.sleep(balanceEveryMs);
      }
      await renewing;
    })();
  }

  /** Heartbeat (and renewal of what is held): the other processes count this one from their next round. */
  async announce(): Promise<void> {
    await this.renewNow();
  }

  /** One lease round without reading: renew, heartbeat, then hand back or take (tests drive rounds with it). */
  async leaseRound(): Promise<void> {
    await this.renewNow();
    await this.balance(false);
  }

  /** One pass over every account this process can lease (tests and one-shot runs); the leases are renewed while it runs. */
  async runOnce(): Promise<void> {
    await this.leaseRound();
    await this.renewingWhile(Promise.all(this.heldAccounts().map((id) => this.guard('account pass', () => this.syncAccount(id)))));
  }

  /** Renews every renewal period until `work` (which never rejects) is done. */
  private async renewingWhile(work: Promise<unknown>): Promise<void> {
    const done = work.then(() => 'done' as const);
    for (;;) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const tick = new Promise<'tick'>((resolve) => (timer = setTimeout(() => resolve('tick'), this.timings.renewEveryMs)));
      const first = await Promise.race([done, tick]);
      clearTimeout(timer);
      if (first === 'done') return;
      if (!this.stopping) await this.guard('lease renewal', () => this.renewNow());
    }
  }

  /** Finishes the batches in flight, releases the leases and closes the sessions. */
  async stop(): Promise<void> {
    this.stopController.abort();
    await this.supervisor;
    await Promise.allSettled(this.workers.values());
    const held = [...this.held.keys()];
    for (const id of held) await this.forgetLocally(id);
    await this.guard('release leases', () => releaseLeases(this.leaseDb, this.options.holder, held));
    await this.guard('leave', () => leaveIngest(this.leaseDb, this.options.holder));
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

  /** A renewal now, or the one already on its way (never two at a time). */
  private renewNow(): Promise<void> {
    this.renewal ??= this.renew().finally(() => (this.renewal = null));
    return this.renewal;
  }

  /**
   * Whether the account may be read (or written) now. A lease past its known validity is not lost
   * yet: the renewal tells — it comes back with the lease only if nobody took it meanwhile (then
   * reading goes on), or without it (then the account is dropped). `fresh` asks for a renewal
   * sent from now on (a batch found the lease expired in the database).
   */
  private async ensureHeld(accountId: string, fresh = false): Promise<boolean> {
    if (!fresh && this.holds(accountId)) return true;
    if (!this.held.has(accountId) || this.stopping) return false;
    try {
      if (fresh && this.renewal) await this.renewal;
      await this.renewNow();
    } catch (error) {
      this.log.warn('lease renewal failed', { accountId, error });
    }
    return this.holds(accountId);
  }

  /**
   * Renews every held lease in one statement, then the heartbeat. A lease the renewal did not
   * return is another process's now: the account is dropped at once. A renewed one is known valid
   * for a lease period from when the renewal was sent (the database's expiry is later still).
   */
  private async renew(): Promise<void> {
    const sentAt = this.leaseClock();
    const asked = [...this.held];
    const renewed = await renewLeases(this.leaseDb, this.options.holder, asked.map(([id]) => id), this.tuning.leaseMs);
    for (const [id, lease] of asked) {
      if (this.held.get(id) !== lease) continue; // handed back or dropped meanwhile
      if (renewed.has(id)) lease.validUntil = Math.max(lease.validUntil, sentAt + this.tuning.leaseMs);
      else {
        this.log.warn('lease lost: stopped reading the account', { accountId: id, holder: this.options.holder });
        await this.forgetLocally(id);
      }
    }
    this.live = await heartbeat(this.leaseDb, this.options.holder, this.timings.livenessMs);
  }

  /** Hands back what is over the share, takes free leases up to it, and spreads a dead process's expired ones. */
  private async balance(spawnWorkers: boolean): Promise<void> {
    await reading.assignChannelReaders(this.leaseDb);
    const counts = await reading.accountStatusCounts(this.leaseDb);
    for (const status of ACCOUNT_STATUSES) this.metrics.accounts.set({ status }, counts[status] ?? 0);
    const readable = await reading.readableAccountIds(this.leaseDb);
    const readableSet = new Set(readable);
    for (const id of [...this.held.keys()]) if (!readableSet.has(id)) await this.drop(id);
    if (this.stopping) return;

    const now = this.leaseClock();
    for (const lease of this.held.values()) {
      if (lease.adoptedAt !== undefined && now - lease.adoptedAt >= this.timings.livenessMs) lease.adoptedAt = undefined;
    }
    const adopted = [...this.held.values()].filter((l) => l.adoptedAt !== undefined).length;
    const plan = planBalance({ readable: readable.length, live: this.live, held: this.held.size, adopted });

    if (plan.handBack > 0) {
      const surplus = [...this.held]
        .filter(([, lease]) => lease.adoptedAt === undefined)
        .map(([id]) => id)
        .sort()
        .slice(-plan.handBack);
      for (const id of surplus) await this.forgetLocally(id);
      await releaseLeases(this.leaseDb, this.options.holder, surplus);
      this.log.info('accounts handed back', { holder: this.options.holder, count: surplus.length, share: plan.share, live: this.live });
    }

    // A process taking at the same time may win some of the leases picked: try again (a fresh
    // look at what is free) until the number is reached or nothing more is free.
    const take = async (wanted: number, orphansOnly: boolean) => {
      let count = 0;
      for (let attempt = 0; attempt < 3 && count < wanted && !this.stopping; attempt++) {
        const sentAt = this.leaseClock();
        const candidates = readable.filter((id) => !this.held.has(id));
        const limit = wanted - count;
        const { taken, contested } = await takeLeases(this.leaseDb, { holder: this.options.holder, candidates, limit, ttlMs: this.tuning.leaseMs, orphansOnly });
        for (const id of taken) {
          this.held.set(id, { validUntil: sentAt + this.tuning.leaseMs, adoptedAt: orphansOnly ? sentAt : undefined });
          if (spawnWorkers && !this.workers.has(id)) this.spawnWorker(id);
        }
        count += taken.length;
        if (contested === 0) break;
      }
      if (count) this.log.info(orphansOnly ? 'expired leases taken over' : 'accounts leased', { holder: this.options.holder, count, share: plan.share, live: this.live });
    };
    if (plan.take > 0) await take(plan.take, false);
    if (this.live > 1 && plan.adoptUpTo > this.held.size && !this.stopping) await take(plan.adoptUpTo - this.held.size, true);
    this.metrics.accountsLeased.set({}, this.held.size);
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

  /** Stops reading the account and gives its lease back. */
  private async drop(accountId: string): Promise<void> {
    await this.forgetLocally(accountId);
    await releaseLeases(this.leaseDb, this.options.holder, [accountId]);
  }

  /** Stops reading the account (its worker ends after the batch in flight); the lease row is left as it is. */
  private async forgetLocally(accountId: string): Promise<void> {
    this.held.delete(accountId);
    this.metrics.accountsLeased.set({}, this.held.size);
    this.metrics.forgetChannels(this.channelsOf.get(accountId) ?? []);
    this.channelsOf.delete(accountId);
    const session = this.sessions.get(accountId);
    this.sessions.delete(accountId);
    await session?.disconnect().catch(() => undefined);
  }

  /** A batch found the lease gone, or a call the lease not known valid: stop reading at once. */
  private async leaseLost(accountId: string): Promise<ChannelOutcome> {
    this.log.warn('lease lost during a pass: stopped reading the account', { accountId, holder: this.options.holder });
    await this.forgetLocally(accountId);
    return 'stop-account';
  }

  /**
   * Paced, with transient failures retried and each attempt counted; every Telegram call of an
   * account goes through here, and none is made once the account's lease is not known valid.
   */
  private call<T>(accountId: string, method: string, run: () => Promise<T>): Promise<T> {
    return withRetry(
      async () => {
        await this.pacer.wait(accountId);
        if (!(await this.ensureHeld(accountId))) throw new LeaseLostError(accountId, this.options.holder);
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
    if (!(await this.ensureHeld(accountId))) return;
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
      if (error instanceof LeaseLostError) await this.leaseLost(account.id);
      else await onAccountFailure(this.failureContext, account, error);
      return;
    }
    const budget = await this.openBudget(account.userId);
    try {
      for (const channel of await reading.channelsOwnedBy(this.db, account.id)) {
        if (this.stopping || !(await this.ensureHeld(account.id))) break;
        const outcome = await this.channels.syncChannel(account, session, channel, budget).then((passed) => passed && this.markRead(account.id, channel.id)).then(
          (): ChannelOutcome => 'continue',
          (error: unknown) => (error instanceof LeaseLostError ? this.leaseLost(account.id) : onChannelFailure(this.failureContext, account, channel, error)),
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
