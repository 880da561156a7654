// Per-account pacing: at least `gapMs` between two Telegram calls of one account, so no account
// bursts (each account has its own clock; accounts never wait for each other).
export class AccountPacer {
  private readonly lastCall = new Map<string, number>();

  constructor(
    private readonly gapMs: number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  async wait(accountId: string): Promise<void> {
    const last = this.lastCall.get(accountId);
    if (last !== undefined) {
      const due = last + this.gapMs - this.now();
      if (due > 0) await this.sleep(due);
    }
    this.lastCall.set(accountId, this.now());
  }
}
