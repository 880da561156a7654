// Plain data in and out of the topic index. Ids are strings so callers can use "channel:msg"
// or database ids alike; dates are epoch milliseconds, ISO strings or Dates.

export type DateInput = Date | number | string;

export interface ForwardSource {
  channelId: string;
  msgId: string | number;
}

export interface TopicPostInput {
  id: string;
  channelId: string;
  /** Telegram message id inside the channel, so forwards ({channelId, msgId}) can be resolved. */
  msgId?: string | number;
  date: DateInput;
  text: string;
  forwardFrom?: ForwardSource | null;
}

export interface Assignment {
  postId: string;
  topicId: string;
  isNewTopic: boolean;
  /** Similarity to the topic that was chosen (1 for forwards and copies, 0 for a new topic). */
  similarity: number;
  /** The earlier post this one repeats (a forward or a near-copy), if any. */
  duplicateOf: string | null;
  isForward: boolean;
  language: 'ru' | 'en' | 'other';
  /** Topics this post bridged into `topicId` (their posts now belong to it); usually empty. */
  mergedTopicIds: string[];
}

export interface TopicMember {
  postId: string;
  channelId: string;
  date: number;
  similarity: number;
  duplicateOf: string | null;
  isForward: boolean;
}

export interface TopicOrigin {
  postId: string;
  channelId: string;
  date: number;
}

export interface TopicView {
  id: string;
  title: string;
  titlePostId: string;
  /** In date order. */
  posts: TopicMember[];
  /** Distinct channels, in order of their first post: the topic's breadth. */
  channels: string[];
  /** Posts that are neither forwards nor near-copies of another post. */
  distinctPosts: number;
  origin: TopicOrigin;
  firstDate: number;
  lastDate: number;
}

export interface TopicIndexOptions {
  /** Posts older than the newest post by more than this leave the index. */
  windowHours: number;
  /** Minimum (time-penalised) similarity to join a one-post topic. */
  joinThreshold: number;
  /** Threshold change per doubling of the post's distinct terms above `lengthPivot` (clamped to
   *  ±2 doublings): long texts share more incidental words, short ones fewer. */
  lengthSlope: number;
  lengthPivot: number;
  /** How much the threshold rises as a topic grows (reached at `growthSize` posts). */
  thresholdGrowth: number;
  growthSize: number;
  /** Time distance (hours) at which similarity is halved: factor 1 / (1 + (Δ/T)³). */
  timeScaleHours: number;
  /** Weight of the centroid in topic similarity; the rest goes to the closest member post. */
  centroidWeight: number;
  /** Post-to-post similarity gains meaningWeight × (meaning cosine − meaningFloor) when the two
   *  posts' words keep the same company in the window's posts (context.ts); 0 disables. */
  meaningWeight: number;
  meaningFloor: number;
  /** Estimated Jaccard of word shingles above which a post is a near-copy. */
  duplicateJaccard: number;
  /** Query terms used to find candidates in the inverted index. */
  queryTerms: number;
  /** Candidate posts scored exactly per new post. */
  maxCandidates: number;
  /** Posts with fewer content words than this join only as forwards or copies. */
  minTerms: number;
  /** Second pass: after a post joins a topic, another candidate topic whose centroid is at least this
   *  similar (time-penalised by the gap between the two topics) merges into it. 0 disables. */
  mergeThreshold: number;
  /** The same for a post that opened a new topic, against topics of at least two posts: a post
   *  close to a story's centroid though to none of its posts. 0 disables. */
  youngMergeThreshold: number;
  /** A story's hub: a topic of at least `hubPosts` distinct posts from `hubChannels` channels. A
   *  post naming a name the hub owns (at least `hubConcentration` of the window's posts with that
   *  name are in the hub) joins it from this similarity on. 0 disables. */
  hubThreshold: number;
  hubPosts: number;
  hubChannels: number;
  hubConcentration: number;
  /** A hub's posts keep their weight this many times longer (timeScaleHours × hubTimeScale): a
   *  big story goes on developing through the night. */
  hubTimeScale: number;
  /** Across languages (cross-language.ts): a post that found no topic joins the topic of a post in
   *  another language with which it shares two neutral keys (a name among them) whose weights
   *  (1 for a key in one post of the window, 0 for one in all) sum, time-penalised, to at least
   *  this. 0 disables. */
  crossLanguageWeight: number;
}
