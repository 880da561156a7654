// In-memory records of the index: one Entry per post in the window, one TopicState per topic
// that still has posts in the window.
import type { AnalyzedPost } from './analyze';
import type { Contribution } from './context';
import type { NeutralPost } from './cross-language';
import { Centroid } from './sparse';
import type { TermVector } from './terms';
import type { TopicMember, TopicOrigin } from './types';

export interface Entry {
  id: string;
  channelId: string;
  msgKey: string | null;
  date: number;
  analyzed: AnalyzedPost;
  vector: TermVector;
  topic: TopicState;
  similarity: number;
  duplicateOf: string | null;
  isForward: boolean;
  alive: boolean;
  /** Meaning vector (context.ts) and what the post taught the contexts. */
  meaning: Float32Array;
  contribution: Contribution;
  /** Term ids of the post's names (name tokens, names.ts). */
  nameIds: Int32Array;
  /** The post in the index across languages (null: it has no neutral keys). */
  neutral: NeutralPost<Entry> | null;
  /** Joined by names and numbers from another language (cross-language.ts): it counts for the
   *  story's size and breadth, but its words stay out of the centroid and the join thresholds, so
   *  the topic's own language clusters as it would without it. */
  guest: boolean;
  /** Insertion number, given by the posting index. */
  seq: number;
  /** The near-copy search that last compared this post (topic-index.ts). */
  copyCheck: number;
}

export class TopicState {
  readonly members: Entry[] = [];
  readonly centroid = new Centroid();
  /** Every channel that ever posted in the topic, first appearance first. */
  readonly channels = new Map<string, number>();
  /** Live posts that are not copies, guests aside: the size the join threshold grows with. */
  distinctPosts = 0;
  /** Live guests that are not copies (Entry.guest). */
  guests = 0;
  /** Live posts that are digests (analyze.ts; see ofDigests). */
  digests = 0;
  /** Live posts per name term id (Entry.nameIds): which names the topic owns (topic-index.ts). */
  readonly nameCounts = new Map<number, number>();
  origin: TopicOrigin | null = null;
  /** The language of its first post that is no guest (its centroid's language). */
  language: AnalyzedPost['language'] | null = null;
  firstDate = Infinity;
  lastDate = -Infinity;
  /** The candidate scan that last saw this topic, and the topic's slot in that scan's scratch
   *  (topic-index.ts): per-topic figures of one query live in typed arrays, not Maps. */
  scanNo = 0;
  scanSlot = 0;

  constructor(readonly id: string) {}

  add(e: Entry): void {
    this.members.push(e);
    if (!e.guest && this.language === null) this.language = e.analyzed.language;
    if (e.guest) {
      if (!e.duplicateOf) this.guests++;
    } else {
      if (!e.duplicateOf) {
        this.centroid.add(e.vector);
        this.distinctPosts++;
      }
      for (const id of e.nameIds) this.nameCounts.set(id, (this.nameCounts.get(id) ?? 0) + 1);
    }
    this.channels.set(e.channelId, (this.channels.get(e.channelId) ?? 0) + 1);
    if (e.analyzed.digest) this.digests++;
    if (!this.origin || e.date < this.origin.date) this.origin = { postId: e.id, channelId: e.channelId, date: e.date };
    this.firstDate = Math.min(this.firstDate, e.date);
    this.lastDate = Math.max(this.lastDate, e.date);
  }

  /** Takes over every live post of `other` (which is left empty); its history of channels too. */
  absorb(other: TopicState): void {
    for (const e of other.members) {
      e.topic = this;
      this.add(e);
    }
    for (const [channel, n] of other.channels) if (!this.channels.has(channel)) this.channels.set(channel, n);
    if (other.origin && (!this.origin || other.origin.date < this.origin.date)) this.origin = other.origin;
    this.firstDate = Math.min(this.firstDate, other.firstDate);
    this.lastDate = Math.max(this.lastDate, other.lastDate);
    other.members.length = 0;
    other.nameCounts.clear();
    other.digests = 0;
    other.guests = 0;
    other.centroid.release();
  }

  /** Forget an evicted post's words (so the centroid follows the live story); keep its history. */
  evict(e: Entry): void {
    const i = this.members.indexOf(e);
    if (i >= 0) this.members.splice(i, 1);
    if (e.analyzed.digest) this.digests--;
    if (e.guest) {
      if (!e.duplicateOf) this.guests--;
    } else {
      for (const id of e.nameIds) {
        const n = (this.nameCounts.get(id) ?? 0) - 1;
        if (n > 0) this.nameCounts.set(id, n);
        else this.nameCounts.delete(id);
      }
      if (!e.duplicateOf) {
        this.centroid.add(e.vector, -1);
        this.distinctPosts--;
      }
    }
    if (this.members.length === 0) this.centroid.release(); // (the topic leaves the window)
  }

  /** Whether every live post is a digest: such a topic takes only digests, and no other topic does. */
  get ofDigests(): boolean {
    return this.digests === this.members.length;
  }

  /** Closest member date to `date`, for the time penalty. */
  nearestDate(date: number): number {
    return date >= this.lastDate ? this.lastDate : date <= this.firstDate ? this.firstDate : date;
  }

  member(e: Entry): TopicMember {
    return { postId: e.id, channelId: e.channelId, date: e.date, similarity: e.similarity, duplicateOf: e.duplicateOf, isForward: e.isForward };
  }
}
