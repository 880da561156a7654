// What a reader's cached answers depend on, kept in memory while the database's change
// notifications are heard (./feed-changes.ts): each value is kept under the tags of what it was
// read from — `c<channel id>` for every channel the reader subscribes to, `u<user id>` for the
// reader's subscriptions, `r` for the rankings — until a notice names one of them, or the
// notifications stop. A read that began before such a notice may bring back what was true before
// it: it is not kept (`since`).

export interface KnownValue {
  value: unknown;
  /** What moves it: the notices (./feed-changes.ts) that drop it. */
  tags: readonly string[];
}

/** The tags of a value read from a reader's subscriptions (readable or not: a channel made public counts). */
export const readerTags = (userId: string, subscribed: readonly number[]): string[] => [`u${userId}`, ...subscribed.map((id) => `c${id}`)];
export const RANKINGS_TAG = 'r';

/** Most values kept (the oldest go first); and most notice marks before they are all forgotten. */
const MAX_KEPT = 20_000;
const MAX_MARKS = 200_000;

export class KnownValues {
  private readonly kept = new Map<string, KnownValue>();
  private readonly byTag = new Map<string, Set<string>>();
  /** Counts the notices heard; each tag's last one; the last time all were dropped. */
  private heard = 0;
  private readonly marks = new Map<string, number>();
  private droppedAllAt = 0;

  /** The value kept under `key` (whoever keeps a key keeps one type under it). */
  get<V>(key: string): V | undefined {
    return this.kept.get(key)?.value as V | undefined;
  }

  /** Call before reading a value; pass the answer to `keep`. */
  since(): number {
    return this.heard;
  }

  /** Keeps what a read begun at `since` found, unless a notice it may have missed was heard since. */
  keep(key: string, known: KnownValue, since: number): boolean {
    if (this.droppedAllAt > since) return false;
    for (const tag of known.tags) if ((this.marks.get(tag) ?? 0) > since) return false;
    this.drop(key);
    if (this.kept.size >= MAX_KEPT) this.drop(this.kept.keys().next().value!);
    this.kept.set(key, known);
    for (const tag of known.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    return true;
  }

  /** A notice: what `tag` names changed. */
  changed(tag: string): void {
    const at = ++this.heard;
    // Marks only matter to reads under way; past a bound, all are forgotten, and so is all kept.
    if (this.marks.size >= MAX_MARKS) this.forgetAll(at);
    this.marks.set(tag, at);
    for (const key of this.byTag.get(tag) ?? []) this.drop(key);
  }

  /** Notices may have gone unheard: nothing known is trusted, nor any read under way. */
  dropAll(): void {
    this.forgetAll(++this.heard);
  }

  get size(): number {
    return this.kept.size;
  }

  private forgetAll(at: number): void {
    this.droppedAllAt = at;
    this.kept.clear();
    this.byTag.clear();
    this.marks.clear();
  }

  private drop(key: string): void {
    const known = this.kept.get(key);
    if (!known) return;
    this.kept.delete(key);
    for (const tag of known.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys && !keys.size) this.byTag.delete(tag);
    }
  }
}
