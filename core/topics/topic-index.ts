// Incremental cross-channel story clustering over a sliding window.
//
// A new post joins, in order of preference:
//   1. the topic of the post it forwards (if that post is still in the window);
//   2. the topic of a near-copy (MinHash LSH bucket-mate with estimated Jaccard ≥ duplicateJaccard);
//   3. the most similar topic among candidates from the inverted index, if
//        sim = w·cos(post, centroid)·f(Δt) + (1−w)·max cos(post, member)·f(Δt)
//      reaches a threshold that rises with the topic's size;
//   4. otherwise a new topic.
// Copies and forwards never enter the centroid and never count as distinct posts; breadth is the
// number of distinct channels, so a channel repeating itself does not widen a story.
import { analyzePost, type AnalyzedPost } from './analyze';
import { BoilerplateFilter } from './boilerplate';
import { ContextSpace, meaningCosine } from './context';
import { bandKeys, estimatedJaccard } from './minhash';
import { NameLexicon } from './names';
import { DEFAULT_TOPIC_OPTIONS, joinThresholdFor, sizeGrowth, timeFactor, toMs } from './options';
import { PostingIndex } from './postings';
import { QueryScratch, TermTable, type TermVector } from './terms';
import { TopicState, type Entry } from './topic-state';
import type { Assignment, TopicIndexOptions, TopicPostInput, TopicView } from './types';

export interface SnapshotPost {
  id: string;
  channelId: string;
  msgKey: string | null;
  date: number;
  topicId: string;
  duplicateOf: string | null;
  isForward: boolean;
  similarity: number;
  language: AnalyzedPost['language'];
  stems: string[];
  minhash: number[] | null;
  title: string;
}

export interface TopicIndexSnapshot {
  version: 1;
  options: TopicIndexOptions;
  posts: SnapshotPost[];
}

export type RebuildPost = TopicPostInput & { topicId?: string };

export class TopicIndex {
  readonly options: TopicIndexOptions;
  private readonly terms = new TermTable();
  private readonly scratch = new QueryScratch();
  private readonly boilerplate = new BoilerplateFilter();
  private readonly names = new NameLexicon();
  private readonly entries = new Map<string, Entry>();
  private readonly byMsgKey = new Map<string, Entry>();
  private readonly postings = new PostingIndex<Entry>();
  private readonly contexts = new ContextSpace(
    (id) => this.terms.term(id),
    (id) => this.terms.count(id) >= 2,
  );
  private readonly buckets = new Map<string, Entry[]>();
  private readonly topicsById = new Map<string, TopicState>();
  /** Merged topic id → the topic it went into (followed by `resolve`); pruned with the window. */
  private readonly mergedInto = new Map<string, { into: string; date: number }>();
  private queue: Entry[] = [];
  private queueHead = 0;
  private newest = -Infinity;

  constructor(options: Partial<TopicIndexOptions> = {}) {
    this.options = { ...DEFAULT_TOPIC_OPTIONS, ...options };
  }

  /** Replays posts in date order; a given `topicId` is kept (ids stay stable across restarts). */
  static rebuild(posts: readonly RebuildPost[], options: Partial<TopicIndexOptions> = {}): TopicIndex {
    const index = new TopicIndex(options);
    const sorted = [...posts].sort((a, b) => toMs(a.date) - toMs(b.date));
    for (const p of sorted) index.add(p, p.topicId);
    return index;
  }

  static fromSnapshot(snapshot: TopicIndexSnapshot): TopicIndex {
    const index = new TopicIndex(snapshot.options);
    for (const p of snapshot.posts) {
      const analyzed: AnalyzedPost = {
        language: p.language,
        stems: p.stems, // name tokens included
        names: { inner: [], leading: [] },
        minhash: p.minhash ? Uint32Array.from(p.minhash) : null,
        title: p.title,
      };
      index.insert({ id: p.id, channelId: p.channelId, msgKey: p.msgKey, date: p.date }, analyzed, null, p.topicId, p);
    }
    return index;
  }

  /** Assigns one post (idempotent: a post already in the window gets its earlier assignment). */
  add(post: TopicPostInput, topicId?: string): Assignment {
    const known = this.entries.get(post.id);
    if (known) return this.assignment(known, false);
    const cleaned = this.boilerplate.clean(post.channelId, post.text ?? '');
    const msgKey = post.msgId === undefined ? null : `${post.channelId}:${post.msgId}`;
    const forwardKey = post.forwardFrom ? `${post.forwardFrom.channelId}:${post.forwardFrom.msgId}` : null;
    const analyzed = analyzePost(cleaned);
    analyzed.stems.push(...this.names.tokens(analyzed.names));
    return this.insert({ id: post.id, channelId: post.channelId, msgKey, date: toMs(post.date) }, analyzed, forwardKey, topicId);
  }

  get size(): number {
    return this.entries.size;
  }

  topic(id: string): TopicView | null {
    const t = this.topicsById.get(this.resolve(id));
    return t ? this.view(t) : null;
  }

  /** The live id a topic id now goes by (itself, or the topic it merged into). */
  resolve(id: string): string {
    let current = id;
    for (let next = this.mergedInto.get(current); next; next = this.mergedInto.get(current)) current = next.into;
    return current;
  }

  topicOf(postId: string): string | null {
    return this.entries.get(postId)?.topic.id ?? null;
  }

  /** Live topics (with at least one post in the window). */
  topics(): TopicView[] {
    return [...this.topicsById.values()].map((t) => this.view(t));
  }

  toSnapshot(): TopicIndexSnapshot {
    const posts: SnapshotPost[] = [];
    for (const e of this.entries.values()) {
      posts.push({
        id: e.id,
        channelId: e.channelId,
        msgKey: e.msgKey,
        date: e.date,
        topicId: e.topic.id,
        duplicateOf: e.duplicateOf,
        isForward: e.isForward,
        similarity: e.similarity,
        language: e.analyzed.language,
        stems: e.analyzed.stems,
        minhash: e.analyzed.minhash ? [...e.analyzed.minhash] : null,
        title: e.analyzed.title,
      });
    }
    posts.sort((a, b) => a.date - b.date);
    return { version: 1, options: this.options, posts };
  }

  private insert(
    meta: { id: string; channelId: string; msgKey: string | null; date: number },
    analyzed: AnalyzedPost,
    forwardKey: string | null,
    forcedTopicId?: string,
    restored?: Pick<SnapshotPost, 'duplicateOf' | 'isForward' | 'similarity'>,
  ): Assignment {
    if (meta.date > this.newest) {
      this.newest = meta.date;
      this.evictBefore(meta.date - this.options.windowHours * 3_600_000);
    }
    this.names.learn(analyzed.stems);
    const vector = this.terms.vector(this.terms.add(analyzed.stems));
    const contribution = this.contexts.learn(vector);
    const meaning = this.contexts.embed(vector);
    const bands = analyzed.minhash ? bandKeys(analyzed.minhash) : [];

    let topic: TopicState | null = null;
    let neighbours: Iterable<TopicState> = [];
    let similarity = 0;
    let duplicateOf: string | null = null;
    const isForward = restored?.isForward ?? forwardKey !== null;

    if (restored) {
      duplicateOf = restored.duplicateOf;
      similarity = restored.similarity;
    } else {
      const source = forwardKey ? this.byMsgKey.get(forwardKey) : undefined;
      const copy = source?.alive ? { entry: source, score: 1 } : this.nearCopy(meta.date, analyzed, bands);
      if (copy) {
        duplicateOf = copy.entry.id;
        similarity = copy.score;
        topic = copy.entry.topic;
      } else if (analyzed.stems.length >= this.options.minTerms) {
        const best = this.bestTopic(meta.date, vector, meaning);
        neighbours = best.candidates;
        if (best.topic) ({ topic, similarity } = best);
      }
    }
    if (forcedTopicId !== undefined) topic = this.topicsById.get(this.resolve(forcedTopicId)) ?? null;
    const isNewTopic = !topic;
    if (!topic) {
      topic = new TopicState(forcedTopicId ?? `t_${meta.id}`);
      this.topicsById.set(topic.id, topic);
    }

    const entry: Entry = { ...meta, analyzed, vector, topic, similarity, duplicateOf, isForward, alive: true, seq: 0, meaning, contribution };
    topic.add(entry);
    this.entries.set(entry.id, entry);
    if (entry.msgKey) this.byMsgKey.set(entry.msgKey, entry);
    this.postings.add(entry, vector);
    for (const key of bands) push(this.buckets, key, entry);
    this.queue.push(entry);
    const merged = !isNewTopic && forcedTopicId === undefined && !restored ? this.mergeNeighbours(topic, neighbours, meta.date) : [];
    return this.assignment(entry, isNewTopic, merged);
  }

  /** Second pass around the topic a post just joined: candidate topics whose centroid is now close to
   *  its centroid are the same story told in other words, and merge into the older of the two. */
  private mergeNeighbours(topic: TopicState, neighbours: Iterable<TopicState>, date: number): string[] {
    const o = this.options;
    if (o.mergeThreshold <= 0) return [];
    const merged: string[] = [];
    let survivor = topic;
    for (const other of neighbours) {
      if (other === survivor || other.members.length === 0 || !this.topicsById.has(other.id)) continue;
      const gap = Math.max(0, Math.max(survivor.firstDate, other.firstDate) - Math.min(survivor.lastDate, other.lastDate));
      const sim = survivor.centroid.similarity(other.centroid) * timeFactor(gap, o);
      if (sim < o.mergeThreshold + o.thresholdGrowth * sizeGrowth(survivor.distinctPosts + other.distinctPosts, o)) continue;
      const [into, from] = other.firstDate < survivor.firstDate ? [other, survivor] : [survivor, other];
      into.absorb(from);
      this.topicsById.delete(from.id);
      this.mergedInto.set(from.id, { into: into.id, date });
      merged.push(from.id);
      survivor = into;
    }
    return merged;
  }

  private nearCopy(date: number, analyzed: AnalyzedPost, bands: string[]): { entry: Entry; score: number } | null {
    if (!analyzed.minhash || analyzed.stems.length < this.options.minTerms) return null;
    let best: { entry: Entry; score: number } | null = null;
    const seen = new Set<Entry>();
    for (const key of bands) {
      for (const e of this.buckets.get(key) ?? []) {
        if (!e.alive || seen.has(e) || !e.analyzed.minhash) continue;
        seen.add(e);
        // A copy hours apart is still a copy; a recurring alert two days later is a new event.
        const score = estimatedJaccard(analyzed.minhash, e.analyzed.minhash) * timeFactor(date - e.date, this.options);
        if (score >= this.options.duplicateJaccard && (!best || score > best.score)) best = { entry: e, score };
      }
    }
    // Point at the original rather than at a copy of it.
    if (best?.entry.duplicateOf) {
      const root = this.entries.get(best.entry.duplicateOf);
      if (root?.alive) best = { entry: root, score: best.score };
    }
    return best;
  }

  private bestTopic(date: number, vector: TermVector, meaning: Float32Array): { topic: TopicState | null; similarity: number; candidates: Iterable<TopicState> } {
    const o = this.options;
    const candidates = this.postings.search(vector, o.queryTerms, o.maxCandidates);
    this.scratch.load(vector, this.terms.capacity);
    const closest = new Map<TopicState, number>();
    // A one-post topic's centroid is its post: the cosine is the dot product computed here.
    const soloCosine = new Map<TopicState, number>();
    const maxBonus = o.meaningWeight * (1 - o.meaningFloor);
    for (const e of candidates) {
      const lexical = this.scratch.dot(e.vector);
      if (e.topic.distinctPosts === 1 && !e.duplicateOf) soloCosine.set(e.topic, lexical);
      const decay = timeFactor(date - e.date, o);
      const before = closest.get(e.topic) ?? -1;
      if ((lexical + maxBonus) * decay <= before) continue; // the meaning cannot make it the topic's best
      const bonus = maxBonus > 0 ? o.meaningWeight * Math.max(0, meaningCosine(meaning, e.meaning) - o.meaningFloor) : 0;
      const sim = (lexical + bonus) * decay;
      if (sim > before) closest.set(e.topic, sim);
    }
    this.scratch.clear();
    let best: { topic: TopicState; similarity: number } | null = null;
    for (const [topic, maxPost] of closest) {
      const centroid = (soloCosine.get(topic) ?? topic.centroid.cosine(vector)) * timeFactor(date - topic.nearestDate(date), o);
      const sim = o.centroidWeight * centroid + (1 - o.centroidWeight) * maxPost;
      if (sim >= joinThresholdFor(topic.distinctPosts, vector.ids.length, o) && (!best || sim > best.similarity)) best = { topic, similarity: sim };
    }
    return { topic: best?.topic ?? null, similarity: best?.similarity ?? 0, candidates: closest.keys() };
  }

  private evictBefore(cutoff: number): void {
    while (this.queueHead < this.queue.length && this.queue[this.queueHead].date < cutoff) {
      const e = this.queue[this.queueHead++];
      if (!e.alive) continue;
      e.alive = false;
      this.postings.remove(e);
      this.contexts.forget(e.contribution);
      this.entries.delete(e.id);
      if (e.msgKey && this.byMsgKey.get(e.msgKey) === e) this.byMsgKey.delete(e.msgKey);
      this.terms.remove(e.vector.ids);
      this.names.forget(e.analyzed.stems);
      e.topic.evict(e);
      if (e.topic.members.length === 0) this.topicsById.delete(e.topic.id);
    }
    for (const [id, m] of this.mergedInto) {
      if (m.date >= cutoff) break; // insertion order is date order
      this.mergedInto.delete(id);
    }
    // Drop dead references in bulk once they make up half the queue (amortised O(1) per post).
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
      this.postings.compact();
      compact(this.buckets);
    }
  }

  private assignment(e: Entry, isNewTopic: boolean, mergedTopicIds: string[] = []): Assignment {
    return {
      postId: e.id,
      topicId: e.topic.id,
      isNewTopic,
      similarity: e.similarity,
      duplicateOf: e.duplicateOf,
      isForward: e.isForward,
      language: e.analyzed.language,
      mergedTopicIds,
    };
  }

  private view(t: TopicState): TopicView {
    const members = [...t.members].sort((a, b) => a.date - b.date);
    // Most representative: the original post closest to the centroid.
    let rep = members[0];
    let repScore = -Infinity;
    for (const e of members) {
      if (e.duplicateOf || !e.analyzed.title) continue;
      const s = t.centroid.cosine(e.vector);
      if (s > repScore) [rep, repScore] = [e, s];
    }
    const origin = t.origin ?? { postId: rep.id, channelId: rep.channelId, date: rep.date };
    return {
      id: t.id,
      title: rep.analyzed.title,
      titlePostId: rep.id,
      posts: members.map((e) => t.member(e)),
      channels: [...t.channels.keys()],
      distinctPosts: t.distinctPosts,
      origin,
      firstDate: t.firstDate,
      lastDate: t.lastDate,
    };
  }
}

function push<K>(map: Map<K, Entry[]>, key: K, e: Entry): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

function compact<K>(map: Map<K, Entry[]>): void {
  for (const [key, list] of map) {
    const live = list.filter((e) => e.alive);
    if (live.length === 0) map.delete(key);
    else if (live.length !== list.length) map.set(key, live);
  }
}
