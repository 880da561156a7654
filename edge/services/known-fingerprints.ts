// Readers' feed fingerprints kept in memory while the database's change notifications are heard
// (./feed-changes.ts): a fingerprint stays known until a change to one of the reader's subscribed
// channels or to the reader's subscriptions is heard, or the notifications stop. A read that began
// before such a change may bring back what was true before it: it is not kept (`since`).

export interface KnownFingerprint {
  fingerprint: string;
  userId: string;
  /** Every channel the reader subscribes to, readable or not: a change to any moves the fingerprint. */
  channels: readonly number[];
}

/** Most fingerprints kept (the oldest go first); and most change marks before they are all forgotten. */
const MAX_KEPT = 20_000;
const MAX_MARKS = 200_000;

export class KnownFingerprints {
  private readonly kept = new Map<string, KnownFingerprint>();
  private readonly byChannel = new Map<number, Set<string>>();
  private readonly byUser = new Map<string, Set<string>>();
  /** Counts the changes heard; each channel's and user's last one; the last time all were dropped. */
  private heard = 0;
  private readonly channelMarks = new Map<number, number>();
  private readonly userMarks = new Map<string, number>();
  private droppedAllAt = 0;

  get(key: string): string | undefined {
    return this.kept.get(key)?.fingerprint;
  }

  /** Call before reading a fingerprint; pass the answer to `keep`. */
  since(): number {
    return this.heard;
  }

  /** Keeps what a read begun at `since` found, unless a change it may have missed was heard since. */
  keep(key: string, value: KnownFingerprint, since: number): boolean {
    if (this.droppedAllAt > since || (this.userMarks.get(value.userId) ?? 0) > since) return false;
    for (const channel of value.channels) if ((this.channelMarks.get(channel) ?? 0) > since) return false;
    this.drop(key);
    if (this.kept.size >= MAX_KEPT) this.drop(this.kept.keys().next().value!);
    this.kept.set(key, value);
    indexUnder(this.byUser, value.userId, key);
    for (const channel of value.channels) indexUnder(this.byChannel, channel, key);
    return true;
  }

  channelChanged(channelId: number): void {
    this.channelMarks.set(channelId, this.mark());
    for (const key of this.byChannel.get(channelId) ?? []) this.drop(key);
  }

  userChanged(userId: string): void {
    this.userMarks.set(userId, this.mark());
    for (const key of this.byUser.get(userId) ?? []) this.drop(key);
  }

  /** Changes may have gone unheard: nothing known is trusted, nor any read under way. */
  dropAll(): void {
    this.forgetAll(++this.heard);
  }

  get size(): number {
    return this.kept.size;
  }

  private mark(): number {
    const at = ++this.heard;
    // Marks only matter to reads under way; past a bound, all are forgotten, and so is all kept.
    if (this.channelMarks.size + this.userMarks.size >= MAX_MARKS) this.forgetAll(at);
    return at;
  }

  private forgetAll(at: number): void {
    this.droppedAllAt = at;
    this.kept.clear();
    this.byChannel.clear();
    this.byUser.clear();
    this.channelMarks.clear();
    this.userMarks.clear();
  }

  private drop(key: string): void {
    const value = this.kept.get(key);
    if (!value) return;
    this.kept.delete(key);
    unindex(this.byUser, value.userId, key);
    for (const channel of value.channels) unindex(this.byChannel, channel, key);
  }
}

function indexUnder<K>(index: Map<K, Set<string>>, at: K, key: string): void {
  let keys = index.get(at);
  if (!keys) index.set(at, (keys = new Set()));
  keys.add(key);
}

function unindex<K>(index: Map<K, Set<string>>, at: K, key: string): void {
  const keys = index.get(at);
  if (!keys) return;
  keys.delete(key);
  if (!keys.size) index.delete(at);
}
