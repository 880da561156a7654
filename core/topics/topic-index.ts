// Incremental cross-channel story clustering over a sliding window.
//
// A new post joins, in order of preference:
//   1. the topic of the post it forwards (if that post is still in the window);
//   2. the topic of a near-copy (MinHash LSH bucket-mate with estimated Jaccard ≥ duplicateJaccard);
//   3. the most similar topic among candidates from the inverted index, if
//        sim = w·cos(post, centroid)·f(Δt) + (1−w)·max cos(post, member)·f(Δt)
//      reaches a threshold that rises with the topic's size — or, for a story's hub that owns one
//      of the post's names, hubThreshold, with a slower f (hubTimeScale);
//   4. otherwise a new topic — which the second pass (mergeNeighbours) may still merge into a story
//      whose centroid it is close to (youngMergeThreshold).
// A digest joins only digests (and no story joins one).
// Copies and forwards never enter the centroid and never count as distinct posts; breadth is the
// number of distinct channels, so a channel repeating itself does not widen a story.
import { analyzePost, type AnalyzedPost } from './analyze';
import { BoilerplateFilter } from './boilerplate';
import { ContextSpace, meaningCosine } from './context';
import { NeutralIndex, comparedAcross } from './cross-language';
import { BandBuckets } from './band-buckets';
import { BANDS, bandHashes, estimatedJaccard } from './minhash';
import { NameLexicon, namesStart, type NameKeys } from './names';
import { DEFAULT_TOPIC_OPTIONS, SizeGrowthTable, joinThresholdOf, lengthDoublings, timeFactor, toMs } from './options';
import { PostingIndex } from './postings';
import { QueryScratch, TermTable, type TermVector } from './terms';
import { slabs } from './slab';
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
  /** Absent in snapshots from before digests were told apart. */
  digest?: boolean;
  /** Absent in snapshots from before posts were compared across languages. */
  neutral?: string[];
  guest?: boolean;
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
  private readonly scan = new CandidateScan();
  private readonly boilerplate = new BoilerplateFilter();
  private readonly names = new NameLexicon();
  private readonly entries = new Map<string, Entry>();
  private readonly byMsgKey = new Map<string, Entry>();
  private readonly postings = new PostingIndex<Entry, TopicState>();
  private readonly neutral = new NeutralIndex<Entry>();
  private readonly contexts = new ContextSpace(
    (id) => this.terms.term(id),
    (id) => this.terms.count(id) >= 2,
  );
  /** Per LSH band: band hash → the posts in that bucket. */
  private readonly buckets = new BandBuckets();
  private readonly bandScratch = new Int32Array(BANDS);
  /** Numbers the near-copy searches (see Entry.copyCheck). */
  private copyChecks = 0;
  private readonly topicsById = new Map<string, TopicState>();
  /** Merged topic id → the topic it went into (followed by `resolve`); pruned with the window. */
  private readonly mergedInto = new Map<string, { into: string; date: number }>();
  private queue: Entry[] = [];
  private queueHead = 0;
  private newest = -Infinity;
  private readonly growth: SizeGrowthTable;

  constructor(options: Partial<TopicIndexOptions> = {}) {
    this.options = { ...DEFAULT_TOPIC_OPTIONS, ...options };
    this.growth = new SizeGrowthTable(this.options);
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
        stemKeys: null,
        names: { inner: [], leading: [] },
        neutral: p.neutral ?? [],
        minhash: p.minhash ? Uint32Array.from(p.minhash) : null,
        title: p.title,
        digest: p.digest ?? false,
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
    analyzed.names = NO_NAMES; // (read: not kept for the post's life in the window)
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
        digest: e.analyzed.digest,
        neutral: e.analyzed.neutral,
        guest: e.guest,
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
    restored?: Pick<SnapshotPost, 'duplicateOf' | 'isForward' | 'similarity' | 'guest'>,
  ): Assignment {
    if (meta.date > this.newest) {
      this.newest = meta.date;
      this.evictBefore(meta.date - this.options.windowHours * 3_600_000);
    }
    this.names.learn(analyzed.stems, namesStart(analyzed.stems));
    const vector = this.terms.vector(this.terms.add(analyzed.stems, analyzed.stemKeys));
    analyzed.stemKeys = null; // (scratch memory: see AnalyzedPost)
    const contribution = this.contexts.learn(vector);
    const meaning = this.contexts.embed(vector);
    const bands = analyzed.minhash ? bandHashes(analyzed.minhash, this.bandScratch) : null; // (read within this call only)
    const nameIds = this.nameIdsOf(vector);

    let topic: TopicState | null = null;
    let neighbours: CandidateScan | null = null; // (the candidate topics of the similarity search)
    let similarity = 0;
    let duplicateOf: string | null = null;
    let guest = restored?.guest ?? false;
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
        const best = this.bestTopic(meta.date, vector, meaning, nameIds, analyzed.digest);
        neighbours = this.scan;
        if (best.topic) ({ topic, similarity } = best);
      }
      if (!topic && !copy) {
        const across = (neighbours && this.nearGuest(meta.date, vector, analyzed)) || this.acrossLanguages(meta.date, analyzed);
        if (across) ({ topic, similarity } = across), (guest = true);
      }
    }
    if (forcedTopicId !== undefined) {
      const forced = this.topicsById.get(this.resolve(forcedTopicId)) ?? null;
      if (!restored) guest &&= forced === topic; // a guest of the topic it was given, not of another
      topic = forced;
    }
    const isNewTopic = !topic;
    if (!topic) {
      topic = new TopicState(forcedTopicId ?? `t_${meta.id}`);
      this.topicsById.set(topic.id, topic);
    }

    const entry: Entry = {
      id: meta.id,
      channelId: meta.channelId,
      msgKey: meta.msgKey,
      date: meta.date,
      analyzed,
      vector,
      topic,
      similarity,
      duplicateOf,
      isForward,
      alive: true,
      seq: 0,
      meaning,
      contribution,
      nameIds,
      neutral: null,
      // A topic opens with a post of its own language; one in another that joins it by its words
      // (through a guest) is a guest as well.
      guest: !isNewTopic && (guest || (!restored && isGuestLanguage(analyzed.language, topic.language))),
      copyCheck: 0,
    };
    if (this.options.crossLanguageWeight > 0 && analyzed.neutral.length && comparedAcross(analyzed.language)) {
      entry.neutral = { item: entry, language: analyzed.language, keys: analyzed.neutral, live: false };
      this.neutral.add(entry.neutral);
    }
    // A guest starts no second pass from its words: it must not move topics of the host language.
    if (entry.guest) neighbours = null;
    topic.add(entry);
    this.entries.set(entry.id, entry);
    if (entry.msgKey) this.byMsgKey.set(entry.msgKey, entry);
    this.postings.add(entry, vector, topic);
    this.buckets.add(entry.seq, bands);
    this.queue.push(entry);
    if (!neighbours || forcedTopicId !== undefined) return this.assignment(entry, isNewTopic);
    if (isNewTopic) return this.joinStoryNearby(entry, neighbours);
    return this.assignment(entry, false, this.mergeNeighbours(topic, neighbours, meta.date));
  }

  /** A post that matched no topic post by post may still lie close to a story's centroid (a long
   *  write-up, a reaction in other words): its new topic goes through the second pass too, at the
   *  stricter youngMergeThreshold, against topics of two posts or more (a one-post topic's
   *  centroid is a post, which the join rule has already weighed). */
  private joinStoryNearby(entry: Entry, neighbours: CandidateScan): Assignment {
    const young = entry.topic;
    const o = this.options;
    const merged = o.youngMergeThreshold > 0 ? this.mergeNeighbours(young, neighbours, entry.date, o.youngMergeThreshold, 2) : [];
    if (entry.topic === young) return this.assignment(entry, true, merged);
    // Absorbed at once: the post joined that story (and the topic it opened never existed).
    return this.assignment(entry, false, merged.filter((id) => id !== young.id));
  }

  /** Second pass around the topic a post just joined (or opened: see joinStoryNearby): candidate
   *  topics of at least `minPosts` posts whose centroid is now close to its centroid are the same
   *  story told in other words, and merge into the older of the two. */
  private mergeNeighbours(topic: TopicState, neighbours: CandidateScan, date: number, base = this.options.mergeThreshold, minPosts = 1): string[] {
    const o = this.options;
    if (base <= 0) return [];
    const merged: string[] = [];
    let survivor = topic;
    for (let i = 0; i < neighbours.topicCount; i++) {
      const other = neighbours.topics[i];
      if (other === survivor || other.members.length === 0) continue;
      if (other.ofDigests !== survivor.ofDigests) continue; // a topic of digests and one of stories
      if (other.distinctPosts < minPosts) continue;
      const gap = Math.max(0, Math.max(survivor.firstDate, other.firstDate) - Math.min(survivor.lastDate, other.lastDate));
      const decay = timeFactor(gap, o);
      const threshold = base + o.thresholdGrowth * this.growth.of(survivor.distinctPosts + other.distinctPosts);
      if (decay * CENTROID_COSINE_BOUND < threshold) continue; // too far apart in time whatever their words (most neighbours)
      if (!this.topicsById.has(other.id)) continue;
      const sim = survivor.centroid.similarity(other.centroid) * decay;
      if (sim < threshold) continue;
      const [into, from] = other.firstDate < survivor.firstDate ? [other, survivor] : [survivor, other];
      for (const e of from.members) this.postings.regroup(e.seq, into);
      into.absorb(from);
      this.topicsById.delete(from.id);
      this.mergedInto.set(from.id, { into: into.id, date });
      merged.push(from.id);
      survivor = into;
    }
    return merged;
  }

  private nearCopy(date: number, analyzed: AnalyzedPost, bands: Int32Array | null): { entry: Entry; score: number } | null {
    if (!analyzed.minhash || !bands || analyzed.stems.length < this.options.minTerms) return null;
    let best: { entry: Entry; score: number } | null = null;
    const check = ++this.copyChecks; // a post in several of the buckets is compared once
    for (let b = 0; b < BANDS; b++) {
      const n = this.buckets.bucket(b, bands[b]);
      const posts = this.buckets.posts;
      for (let i = 0; i < n; i++) {
        const e = this.postings.item(posts[i]);
        if (!e.alive || e.copyCheck === check || !e.analyzed.minhash) continue;
        e.copyCheck = check;
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

  /** A post that found no topic may lie as close to a guest of its own language (an English post
   *  among a Russian story's) as a one-post topic asks: it joins that story as a guest too, as it
   *  would have joined the guest's own topic. (The story's centroid is in the other language.) */
  private nearGuest(date: number, vector: TermVector, analyzed: AnalyzedPost): { topic: TopicState; similarity: number } | null {
    const { language, digest } = analyzed;
    const candidates = this.postings.found;
    const count = this.scan.candidates;
    let any = false;
    for (let i = 0; i < count && !any; i++) any = candidates[i].guest && candidates[i].analyzed.language === language;
    if (!any) return null;
    const o = this.options;
    const threshold = joinThresholdOf(0, lengthDoublings(vector.ids.length, o), o);
    let best: { topic: TopicState; similarity: number } | null = null;
    this.scratch.load(vector, this.terms.capacity);
    for (let i = 0; i < count; i++) {
      const e = candidates[i];
      if (!e.guest || e.analyzed.language !== language || !e.alive || e.topic.ofDigests !== digest) continue;
      const sim = this.postings.dot(e.seq, this.scratch) * timeFactor(date - e.date, o);
      if (sim >= threshold && (!best || sim > best.similarity)) best = { topic: e.topic, similarity: sim };
    }
    this.scratch.clear();
    return best;
  }

  /** The topic of the post in another language that shares the most weight of names and numbers
   *  with this one, if that reaches crossLanguageWeight (time-penalised); with the share of the
   *  post's own key weight that it shares, as the similarity. Posts of one language never meet here. */
  private acrossLanguages(date: number, analyzed: AnalyzedPost): { topic: TopicState; similarity: number } | null {
    const o = this.options;
    const keys = analyzed.neutral;
    if (o.crossLanguageWeight <= 0 || keys.length < 2 || !comparedAcross(analyzed.language) || !this.neutral.hasOtherThan(analyzed.language)) return null;
    let best: TopicState | null = null;
    let bestScore = 0;
    let bestWeight = 0;
    for (const { post, weight } of this.neutral.matches(analyzed.language, keys, 2)) {
      const e = post.item;
      if (!e.alive || e.topic.ofDigests !== analyzed.digest) continue;
      const score = weight * timeFactor(date - e.date, o);
      if (score >= o.crossLanguageWeight && score > bestScore) [best, bestScore, bestWeight] = [e.topic, score, weight];
    }
    if (!best) return null;
    let own = 0;
    for (const key of keys) own += this.neutral.weight(key);
    return { topic: best, similarity: own > 0 ? Math.min(1, bestWeight / own) : 0 };
  }

  private nameIdsOf(vector: TermVector): Int32Array {
    let n = 0;
    for (let i = 0; i < vector.ids.length; i++) if (this.terms.isNameId(vector.ids[i])) n++;
    const out = slabs.int32(n);
    n = 0;
    for (let i = 0; i < vector.ids.length; i++) if (this.terms.isNameId(vector.ids[i])) out[n++] = vector.ids[i];
    return out;
  }

  /** Whether `topic` is a story's hub that owns one of the post's names (see hubThreshold). */
  private ownsName(topic: TopicState, nameIds: Int32Array): boolean {
    const o = this.options;
    if (topic.distinctPosts < o.hubPosts || topic.channels.size < o.hubChannels) return false;
    for (let i = 0; i < nameIds.length; i++) {
      const inTopic = topic.nameCounts.get(nameIds[i]) ?? 0;
      if (inTopic >= 3 && inTopic >= o.hubConcentration * this.terms.count(nameIds[i])) return true;
    }
    return false;
  }

  /** Fills a candidate topic's slot: its join threshold and time decay, and whether it is out of
   *  the race from the start (closestOf NaN): a topic of the other kind (digests or stories), or
   *  one too far in time to reach its threshold even if a post of it had the words of this one
   *  (most candidates: their lexical scores are then not computed). */
  private openSlot(slot: number, topic: TopicState, date: number, doublings: number, nameIds: Int32Array, digest: boolean, prunable: boolean, bonusBound: number): void {
    const o = this.options;
    const scan = this.scan;
    const isHub = o.hubThreshold > 0 && this.ownsName(topic, nameIds);
    const threshold = joinThresholdOf(this.growth.of(topic.distinctPosts), doublings, o);
    const decay = timeFactor(date - topic.nearestDate(date), o, isHub ? o.hubTimeScale : 1);
    scan.hubOf[slot] = isHub ? 1 : 0;
    scan.thresholdOf[slot] = isHub && o.hubThreshold < threshold ? o.hubThreshold : threshold;
    scan.nearDecayOf[slot] = decay;
    scan.soloOf[slot] = NaN;
    scan.boundOf[slot] = -1;
    // A member's decay is at most the topic's (its date lies within the topic's), and a unit
    // vectors' dot product at most LEXICAL_COSINE_BOUND: the bound above which boundOf cannot go.
    const reachableAtAll = o.centroidWeight * (CENTROID_COSINE_BOUND * decay) + (1 - o.centroidWeight) * ((LEXICAL_COSINE_BOUND + bonusBound) * decay) >= scan.thresholdOf[slot];
    scan.closestOf[slot] = topic.ofDigests !== digest || (prunable && !reachableAtAll) ? NaN : -1;
  }

  private bestTopic(date: number, vector: TermVector, meaning: Float32Array, nameIds: Int32Array, digest: boolean): { topic: TopicState | null; similarity: number } {
    const o = this.options;
    const count = this.postings.search(vector, o.queryTerms, o.maxCandidates);
    const candidates = this.postings.found;
    const candidateTopics = this.postings.foundGroups; // (each candidate's topic, without a read of it)
    const scan = this.scan.begin(count);
    const { topics, slotOf, lexicalOf, decayOf, soloOf, boundOf, closestOf, centroidOf, thresholdOf, hubOf, nearDecayOf } = scan;
    const maxBonus = o.meaningWeight * (1 - o.meaningFloor);
    // Also above the bonus of a cosine that rounding lifts a little over 1.
    const bonusBound = maxBonus > 0 ? o.meaningWeight * (MEANING_COSINE_BOUND - o.meaningFloor) : 0;
    const prunable = o.meaningWeight >= 0 && o.centroidWeight >= 0 && o.centroidWeight <= 1; // (the bound's premises)
    const doublings = lengthDoublings(vector.ids.length, o);
    // Lexical scores first: with them and the centroids, a topic that cannot reach its threshold
    // whatever its posts' meaning bonus is dropped before any meaning cosine is computed.
    this.scratch.load(vector, this.terms.capacity);
    for (let i = 0; i < count; i++) {
      const topic = candidateTopics[i];
      let slot = topic.scanSlot;
      if (topic.scanNo !== scan.number) {
        topic.scanNo = scan.number;
        topic.scanSlot = slot = scan.topicCount++;
        topics[slot] = topic;
        this.openSlot(slot, topic, date, doublings, nameIds, digest, prunable, bonusBound);
      }
      slotOf[i] = slot;
      if (Number.isNaN(closestOf[slot])) continue; // (out of the race: its lexical scores are never read)
      const e = candidates[i];
      const lexical = this.postings.dot(e.seq, this.scratch);
      const decay = timeFactor(date - e.date, o, hubOf[slot] ? o.hubTimeScale : 1);
      lexicalOf[i] = lexical;
      decayOf[i] = decay;
      // A one-post topic's centroid is its post: the cosine is the dot product computed here.
      if (topic.distinctPosts === 1 && !e.duplicateOf && !e.guest) soloOf[slot] = lexical;
      const bound = (lexical + bonusBound) * decay;
      if (bound > boundOf[slot]) boundOf[slot] = bound;
    }
    this.scratch.clear();
    for (let slot = 0; slot < scan.topicCount; slot++) {
      if (Number.isNaN(closestOf[slot])) continue;
      const topic = topics[slot];
      const decay = nearDecayOf[slot];
      // Most topics cannot reach their threshold even with a centroid cosine at its bound: their
      // centroid (a lookup per term of the post) is left alone.
      const reachableAtBound = o.centroidWeight * (CENTROID_COSINE_BOUND * decay) + (1 - o.centroidWeight) * boundOf[slot] >= thresholdOf[slot];
      if (prunable && !reachableAtBound) {
        closestOf[slot] = NaN; // out of the race
        continue;
      }
      const solo = soloOf[slot];
      centroidOf[slot] = (Number.isNaN(solo) ? topic.centroid.cosine(vector) : solo) * decay;
      const reachable = o.centroidWeight * centroidOf[slot] + (1 - o.centroidWeight) * boundOf[slot] >= thresholdOf[slot];
      if (prunable && !reachable) closestOf[slot] = NaN;
    }
    for (let i = 0; i < count; i++) {
      const slot = slotOf[i];
      const before = closestOf[slot];
      if (Number.isNaN(before)) continue;
      const e = candidates[i];
      const lexical = lexicalOf[i];
      const decay = decayOf[i];
      if ((lexical + maxBonus) * decay <= before) continue; // the meaning cannot make it the topic's best
      const bonus = maxBonus > 0 ? o.meaningWeight * Math.max(0, meaningCosine(meaning, e.meaning) - o.meaningFloor) : 0;
      const sim = (lexical + bonus) * decay;
      if (sim > before) closestOf[slot] = sim;
    }
    let best: TopicState | null = null;
    let bestSimilarity = 0;
    for (let slot = 0; slot < scan.topicCount; slot++) {
      if (Number.isNaN(closestOf[slot])) continue;
      const sim = o.centroidWeight * centroidOf[slot] + (1 - o.centroidWeight) * closestOf[slot];
      if (sim >= thresholdOf[slot] && (!best || sim > bestSimilarity)) {
        best = topics[slot];
        bestSimilarity = sim;
      }
    }
    return { topic: best, similarity: best ? bestSimilarity : 0 };
  }

  private evictBefore(cutoff: number): void {
    while (this.queueHead < this.queue.length && this.queue[this.queueHead].date < cutoff) {
      const e = this.queue[this.queueHead++];
      if (!e.alive) continue;
      e.alive = false;
      this.postings.remove(e);
      if (e.neutral) this.neutral.remove(e.neutral);
      this.buckets.remove(e.seq);
      this.contexts.forget(e.contribution);
      this.entries.delete(e.id);
      if (e.msgKey && this.byMsgKey.get(e.msgKey) === e) this.byMsgKey.delete(e.msgKey);
      this.terms.remove(e.vector.ids);
      this.names.forget(e.analyzed.stems, namesStart(e.analyzed.stems));
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
      distinctPosts: t.distinctPosts + t.guests,
      origin,
      firstDate: t.firstDate,
      lastDate: t.lastDate,
    };
  }
}

// No cosine of two unit meaning vectors exceeds this, float rounding included; nor one with a
// centroid, whose norm is kept incrementally (a wider margin for its drift).
const MEANING_COSINE_BOUND = 1.01;
const CENTROID_COSINE_BOUND = 1.1;
// The same for two unit term vectors.
const LEXICAL_COSINE_BOUND = 1.01;

/** Whether a post in `language` is a guest in a topic of `host` language (cross-language.ts). */
function isGuestLanguage(language: AnalyzedPost['language'], host: AnalyzedPost['language'] | null): boolean {
  return host !== null && language !== host && comparedAcross(language) && comparedAcross(host);
}

/** What a post's analysis keeps of its names once they are among its stems (see `add`). */
const NO_NAMES: NameKeys = { inner: [], leading: [] };

/** Typed scratch of one candidate scan: figures per candidate (by position) and per topic (by slot). */
class CandidateScan {
  number = 0;
  /** Per candidate: its topic's slot. */
  slotOf = new Int32Array(64);
  lexicalOf = new Float64Array(64);
  decayOf = new Float64Array(64);
  /** A one-post topic's cosine (NaN: not one), its best post's possible and actual score (NaN:
   *  cannot reach the threshold), its centroid score and its join threshold. */
  soloOf = new Float64Array(64);
  boundOf = new Float64Array(64);
  closestOf = new Float64Array(64);
  centroidOf = new Float64Array(64);
  thresholdOf = new Float64Array(64);
  /** 1 for a hub that owns one of the post's names (hubThreshold), else 0. */
  hubOf = new Float64Array(64);
  /** The topic's time decay (from its nearest date). */
  nearDecayOf = new Float64Array(64);

  /** The candidates' topics, in order of first appearance: `topics[0, topicCount)`, valid until
   *  the next scan. (Never shortened: V8 drops the storage of an array cut to length 0.) */
  readonly topics: TopicState[] = [];
  topicCount = 0;

  /** The candidates of the scan (the posting index's `found`, in order). */
  candidates = 0;

  /** A new scan of `candidates` candidates (at most as many topics); returns itself. */
  begin(candidates: number): this {
    this.number++;
    this.topicCount = 0;
    this.candidates = candidates;
    if (candidates > this.lexicalOf.length) {
      const size = candidates * 2;
      this.slotOf = new Int32Array(size);
      for (const key of ['lexicalOf', 'decayOf', 'soloOf', 'boundOf', 'closestOf', 'centroidOf', 'thresholdOf', 'hubOf', 'nearDecayOf'] as const) this[key] = new Float64Array(size);
    }
    return this;
  }
}
