// Committed batches wait a moment and are clustered together, in the order their posts were
// written. Ingest stores posts channel by channel: a first sync reads each channel's whole backfill
// at once, and a pass reads the channels one after another. A single pass of the index over posts
// in that order meets every story channel by channel, and the first channel's posts of a story
// have no neighbour yet. On the labelled windows that costs much: over five channel orders of the
// three windows, pairwise F1 72.5 on average instead of 80.6 in date order (after the 72 h before
// each: 80.7 instead of 86.7; one order in tests/bench/clustering.ts; the whole path in
// tests/bench/topics-ingest.ts). So batches gather until ingest has been quiet for `quietMs`, or
// for `maxWaitMs` at most, and go to the index as one, ordered by date (postsForClustering). Past
// `maxPosts` waiting, the batch that adds more waits for them to be clustered: ingest never runs
// ahead of topics by more than that. A first sync's history gathers apart and longer (a whole
// sync is best clustered at once), so that new posts keep reaching topics within seconds.

export interface GatherOptions {
  /** Clustered once no batch came for this long (ms). */
  quietMs: number;
  /** Clustered at the latest this long after the first batch that waits (ms). */
  maxWaitMs: number;
  /** Clustered at once when this many posts wait, and the batch that brought them waits too. */
  maxPosts: number;
}

/** New posts: a pass's batches gather (3 s is over the 1 s pacing between an account's calls). */
export const NEW_POSTS_GATHER: GatherOptions = { quietMs: 3_000, maxWaitMs: 15_000, maxPosts: 5_000 };
/** A first sync's history: the sandbox's whole first sync (about 30 s, 3,500 posts) gathers as one. */
export const BACKFILL_GATHER: GatherOptions = { quietMs: 3_000, maxWaitMs: 120_000, maxPosts: 20_000 };

export class BatchGatherer {
  private pending = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstAt: number | undefined;

  constructor(
    private readonly options: GatherOptions,
    /** Clusters the posts of `ids` (in date order) and resolves when they are. */
    private readonly cluster: (ids: number[]) => Promise<void>,
    /** A flush on the timer has nobody to tell: its error goes here. */
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get waiting(): number {
    return this.pending.size;
  }

  /** Adds a batch; resolves at once, or once clustered when `maxPosts` are waiting (back-pressure). */
  add(ids: readonly number[]): Promise<void> {
    if (!ids.length) return Promise.resolve();
    for (const id of ids) this.pending.add(id);
    if (this.pending.size >= this.options.maxPosts) return this.flush();
    this.firstAt ??= this.now();
    const untilLatest = this.firstAt + this.options.maxWaitMs - this.now();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush().catch(this.onError), Math.max(0, Math.min(this.options.quietMs, untilLatest)));
    this.timer.unref?.();
    return Promise.resolve();
  }

  /** Clusters what waits now. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.firstAt = undefined;
    const ids = [...this.pending];
    this.pending = new Set();
    return ids.length ? this.cluster(ids) : Promise.resolve();
  }
}
