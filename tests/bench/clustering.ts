// Clustering quality and speed on real labelled data, plus a readable sample of topics from
// real Telegram channels. Prints figures; asserts nothing (the floors live in the unit tests).
//   npx tsx tests/bench/clustering.ts
import { pathToFileURL } from 'node:url';
import { StoryComparer, TopicIndex, bcubedScores, binaryScores, pairwiseScores, type PrfScores, type TopicIndexOptions } from '../../core/topics';
import { TELEGRAM_GOLD_WINDOWS, loadCrossLanguageSet, loadPairs, loadTelegramGold, loadTelegramPosts, loadUciStories, type PairSet, type TelegramGoldWindow } from '../fixtures/eval/load';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const prf = (s: PrfScores) => `P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}`;

export function clusterUci(options: Partial<TopicIndexOptions> = {}): { bcubed: PrfScores; pairwise: PrfScores; topics: number; stories: number; postsPerSecond: number } {
  const rows = loadUciStories().sort((a, b) => a.timestamp - b.timestamp);
  const index = new TopicIndex(options);
  const started = performance.now();
  const predicted = rows.map((r) => index.add({ id: r.id, channelId: r.publisher, date: r.timestamp, text: r.title }).topicId);
  const seconds = (performance.now() - started) / 1000;
  const gold = rows.map((r) => r.story);
  return {
    bcubed: bcubedScores(predicted, gold),
    pairwise: pairwiseScores(predicted, gold),
    topics: new Set(predicted).size,
    stories: new Set(gold).size,
    postsPerSecond: rows.length / seconds,
  };
}

export function judgePairs(set: PairSet, options: Partial<TopicIndexOptions> = {}) {
  const pairs = loadPairs(set);
  const comparer = new StoryComparer(options);
  for (const p of pairs) comparer.learn(p.first), comparer.learn(p.second);
  const verdicts = pairs.map((p) => comparer.compare(p.first, p.second));
  return { scores: binaryScores(verdicts.map((v) => v.sameStory), pairs.map((p) => p.same)), verdicts, pairs };
}

/** Clusters a hand-labelled Telegram window (tests/fixtures/eval/README.md). `warm`: first feed the
 *  shared posts of the 72 h before the window (IDF and live topics as in production), when present.
 *  `byChannel`: the window's posts arrive channel after channel (each in date order), as a first
 *  sync stores them, instead of in date order (what the topic job's gathering restores). */
export function clusterTelegramGold(window: TelegramGoldWindow, options: Partial<TopicIndexOptions> = {}, warm = false, byChannel = false) {
  const { start, posts } = loadTelegramGold(window);
  const index = new TopicIndex(options);
  if (warm) {
    const before = (loadTelegramPosts() ?? []).filter((p) => Date.parse(p.date) >= start - 72 * 3_600_000 && Date.parse(p.date) < start);
    for (const p of before) index.add(p);
  }
  const arrival = byChannel ? [...posts].sort((a, b) => a.channelId.localeCompare(b.channelId) || Date.parse(a.date) - Date.parse(b.date)) : posts;
  const assigned = new Map(arrival.map((p) => [p.id, index.add(p).topicId]));
  // Topics may merge after a post joined them: read every post's final topic.
  const predicted = posts.map((p) => index.topicOf(p.id) ?? assigned.get(p.id)!);
  const gold = posts.map((p) => p.story);
  return { bcubed: bcubedScores(predicted, gold), pairwise: pairwiseScores(predicted, gold), topics: new Set(predicted).size, stories: new Set(gold).size, posts: posts.length };
}

/** English posts among the Russian posts of 2024-12-03 (tests/fixtures/eval/README.md, "Cross-language"),
 *  all in date order. An English post of a story is placed when its topic holds Russian posts of that
 *  story and of no other listed story; one of no story, when its topic holds no Russian post at all.
 *  `russianPairs`: pairs of Russian posts together with the English posts but not without them, or
 *  the other way round (what the English posts did to the Russian topics). */
export function crossLanguage(options: Partial<TopicIndexOptions> = {}) {
  const { stories, english, russian } = loadCrossLanguageSet();
  const run = (withEnglish: boolean) => {
    const index = new TopicIndex(options);
    const posts = withEnglish ? [...russian, ...english].sort((a, b) => a.date.localeCompare(b.date)) : russian;
    for (const p of posts) index.add(p);
    return index;
  };
  const index = run(true);
  const storyOf = new Map<string, string>();
  for (const [story, ids] of stories) for (const id of ids) storyOf.set(id, story);
  /** Topic → its Russian posts. */
  const russianByTopic = (ix: TopicIndex) => {
    const byTopic = new Map<string, string[]>();
    for (const p of russian) {
      const topic = ix.topicOf(p.id)!;
      const ids = byTopic.get(topic);
      if (ids) ids.push(p.id);
      else byTopic.set(topic, [p.id]);
    }
    return byTopic;
  };
  const russianIn = russianByTopic(index);
  const outcomes = english.map((p) => {
    const joined = russianIn.get(index.topicOf(p.id)!) ?? [];
    const storiesJoined = new Set(joined.map((id) => storyOf.get(id)).filter((s): s is string => s !== undefined));
    const placed = p.story === null ? joined.length === 0 : storiesJoined.has(p.story) && storiesJoined.size === 1;
    return { post: p, placed, joinedRussian: joined.length };
  });
  const ofStories = outcomes.filter((o) => o.post.story !== null);
  const wrongJoins = outcomes.filter((o) => !o.placed && o.joinedRussian > 0).length;
  const without = run(false);
  const together = (ix: TopicIndex) => {
    const pairs = new Set<string>();
    for (const ids of russianByTopic(ix).values()) for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.add(`${ids[i]}|${ids[j]}`);
    return pairs;
  };
  const [withEnglish, alone] = [together(index), together(without)];
  const joined = [...withEnglish].filter((pair) => !alone.has(pair));
  const russianPairs = {
    joined: joined.length,
    split: [...alone].filter((pair) => !withEnglish.has(pair)).length,
    /** Joined pairs whose posts are of two different listed stories. */
    joinedAcrossStories: joined.filter((pair) => {
      const [x, y] = pair.split('|').map((id) => storyOf.get(id));
      return x !== undefined && y !== undefined && x !== y;
    }).length,
  };
  return {
    storyPosts: ofStories.length,
    storyPostsPlaced: ofStories.filter((o) => o.placed).length,
    otherPosts: outcomes.length - ofStories.length,
    otherPostsApart: outcomes.filter((o) => o.post.story === null && o.placed).length,
    wrongJoins,
    russianPairs,
    outcomes,
  };
}

/** Incremental clustering throughput over the whole shared dump, in date order, on this core. */
export function telegramThroughput(options: Partial<TopicIndexOptions> = {}): { posts: number; seconds: number } | null {
  const posts = loadTelegramPosts();
  if (!posts) return null;
  const index = new TopicIndex(options);
  const t0 = performance.now();
  for (const p of posts) index.add(p);
  return { posts: posts.length, seconds: (performance.now() - t0) / 1000 };
}

function telegramDay(day: string, top = 10): void {
  const posts = loadTelegramPosts();
  if (!posts) {
    console.log('  (telegram-channels data not found: set SHARED_DIR or SANDBOX_DATA_DIR)');
    return;
  }
  const titles = new Map(posts.map((p) => [p.channelId, p.channelTitle]));
  const end = Date.parse(`${day}T00:00:00Z`) + 86_400_000;
  const start = end - 86_400_000 * 4; // warm the 72 h window and IDF before the day
  const slice = posts.filter((p) => Date.parse(p.date) >= start && Date.parse(p.date) < end);
  const index = new TopicIndex();
  const t0 = performance.now();
  for (const p of slice) index.add(p);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`  ${slice.length} posts (${day} and 3 days before) in ${seconds.toFixed(2)} s = ${Math.round(slice.length / seconds)} posts/s`);
  const dayStart = end - 86_400_000;
  const topics = index
    .topics()
    .filter((t) => t.lastDate >= dayStart)
    .sort((a, b) => b.channels.length - a.channels.length || b.distinctPosts - a.distinctPosts)
    .slice(0, top);
  const byId = new Map(slice.map((p) => [p.id, p]));
  for (const t of topics) {
    const origin = titles.get(t.origin.channelId) ?? t.origin.channelId;
    console.log(`\n  ■ ${t.title}`);
    console.log(`    ${t.channels.length} channels, ${t.posts.length} posts (${t.distinctPosts} distinct); first: ${origin} at ${new Date(t.origin.date).toISOString().slice(0, 16)}`);
    console.log(`    channels: ${t.channels.map((c) => titles.get(c) ?? c).join(', ')}`);
    if (process.env.BENCH_VERBOSE) {
      for (const m of t.posts) {
        const text = (byId.get(m.postId)?.text ?? '').replace(/\s+/g, ' ').slice(0, 110);
        console.log(`      - [${titles.get(m.channelId)}] ${m.similarity.toFixed(2)}${m.duplicateOf ? ' copy' : ''} ${text}`);
      }
    }
  }
}

export async function runClusteringBench(): Promise<void> {
  console.log('== Topic clustering ==');
  const uci = clusterUci();
  console.log(`UCI news stories (English headlines, ${uci.stories} stories → ${uci.topics} topics)`);
  console.log(`  B-cubed   ${prf(uci.bcubed)}`);
  console.log(`  pairwise  ${prf(uci.pairwise)}`);
  console.log(`  throughput ${Math.round(uci.postsPerSecond)} posts/s`);
  for (const set of ['ru_train_pool', 'ru_exam_pool', 'en_train_pool'] as const) {
    const { scores } = judgePairs(set);
    console.log(`tgcontest pairs ${set} (${scores.total}): accuracy ${pct(scores.accuracy)}  precision ${pct(scores.precision)}  recall ${pct(scores.recall)}`);
  }
  for (const window of TELEGRAM_GOLD_WINDOWS) {
    for (const warm of [false, true]) {
      const g = clusterTelegramGold(window, {}, warm);
      console.log(`Telegram gold ${window} (${g.posts} posts, ${g.stories} stories → ${g.topics} topics${warm ? ', after the 72 h before it' : ''})`);
      console.log(`  B-cubed   ${prf(g.bcubed)}`);
      console.log(`  pairwise  ${prf(g.pairwise)}`);
    }
    const [cold, warm] = [false, true].map((w) => clusterTelegramGold(window, {}, w, true));
    console.log(`  channel by channel, as a first sync stores them (the topic job gathers them back into date order): alone B-cubed F1 ${pct(cold.bcubed.f1)}, pairwise F1 ${pct(cold.pairwise.f1)}; after the 72 h B-cubed F1 ${pct(warm.bcubed.f1)}, pairwise F1 ${pct(warm.pairwise.f1)}`);
  }
  const across = crossLanguage();
  const off = crossLanguage({ crossLanguageWeight: 0 });
  console.log(`Cross-language: English posts among the Russian posts of 2024-12-03 (${across.storyPosts} of the Russian stories, ${across.otherPosts} of none)`);
  console.log(`  in their Russian story's topic ${across.storyPostsPlaced}/${across.storyPosts} (${off.storyPostsPlaced} with crossLanguageWeight 0); apart from every Russian post ${across.otherPostsApart}/${across.otherPosts}; in a wrong story ${across.wrongJoins}`);
  console.log(`  Russian pairs the English posts changed: ${across.russianPairs.joined} joined (${across.russianPairs.joinedAcrossStories} of two stories), ${across.russianPairs.split} split`);
  const speed = telegramThroughput();
  if (speed) console.log(`Telegram throughput: ${speed.posts} shared posts in ${speed.seconds.toFixed(2)} s = ${Math.round(speed.posts / speed.seconds)} posts/s (incremental add, date order, one core)`);
  console.log('Telegram channels, top topics of 2024-12-03 by channel count:');
  telegramDay('2024-12-03');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runClusteringBench();
}
