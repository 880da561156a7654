// How leases are balanced over the live ingest processes: the timings derived from the lease
// period and what one process does in a round. Plain functions; the lease and heartbeat rows
// themselves are db/queries/leases.ts, the rounds run in loop.ts.

/** The share each live process aims for: ceil(accounts / live processes). One over it hands the surplus back. */
export function shareOf(accounts: number, liveProcesses: number): number {
  return Math.ceil(accounts / Math.max(1, liveProcesses));
}

export interface LeaseTimings {
  /** How often a process renews its leases and its heartbeat: several times per lease period. */
  renewEveryMs: number;
  /** How often it balances (hands back, takes); a joiner gets its share within a couple of these. */
  balanceEveryMs: number;
  /**
   * How long a heartbeat lives: longer than the lease, so a process whose renewals run late still
   * counts as live to the others (the share does not jump) while its leases may already expire.
   */
  livenessMs: number;
}

export function leaseTimings(leaseMs: number, pollMs: number): LeaseTimings {
  const renewEveryMs = Math.max(10, Math.floor(leaseMs / 4));
  return { renewEveryMs, balanceEveryMs: Math.min(Math.max(10, pollMs), renewEveryMs), livenessMs: 2 * leaseMs };
}

export interface BalanceInput {
  /** Accounts that can be read now. */
  readable: number;
  /** Processes with a live heartbeat, this one included. */
  live: number;
  /** Accounts this process holds. */
  held: number;
  /** Of those, the ones taken from a dead process's expired lease less than a heartbeat ago. */
  adopted: number;
}

export interface BalancePlan {
  share: number;
  /** Leases to give back now (never recently adopted ones). */
  handBack: number;
  /** Free or expired leases to take, up to the share. */
  take: number;
  /**
   * The most this process may hold by also taking expired leases beyond its share: a dead process
   * still counts as live until its heartbeat runs out, so its accounts are spread at once over
   * the others, up to the share they will have once it is gone.
   */
  adoptUpTo: number;
}

/**
 * One round's decision. Recently adopted accounts do not count against the share: they are kept
 * until the dead process's heartbeat has run out (then the share has grown to cover them), so an
 * adoption is not undone into accounts nobody reads. Released leases are taken within the share
 * only, so what one process hands back goes to one below its share.
 */
export function planBalance({ readable, live, held, adopted }: BalanceInput): BalancePlan {
  const share = shareOf(readable, live);
  const kept = held - adopted;
  return {
    share,
    handBack: Math.max(0, kept - share),
    take: Math.max(0, share - held),
    adoptUpTo: live > 1 ? shareOf(readable, live - 1) : share,
  };
}
