// How many accounts one ingest process aims to hold. The lease and heartbeat rows themselves are
// db/queries/leases.ts.

/** The share each live process aims for: ceil(accounts / live processes). One over it hands the surplus back. */
export function shareOf(accounts: number, liveProcesses: number): number {
  return Math.ceil(accounts / Math.max(1, liveProcesses));
}
