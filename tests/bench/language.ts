// Language detection on real short posts labelled by hand (tests/fixtures/language): accuracy,
// the confusion counts, and every post it gets wrong.
//   npx tsx tests/bench/run.ts language
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectLanguage, type Language } from '../../core/text/language';

export interface LabelledPost {
  channel: string;
  msgId: number;
  lang: Language;
  sample: string;
  text: string;
}

export function labelledPosts(): LabelledPost[] {
  const file = fileURLToPath(new URL('../fixtures/language/short-posts.jsonl', import.meta.url));
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as LabelledPost);
}

export function languageAccuracy(posts = labelledPosts()): { accuracy: number; wrong: (LabelledPost & { got: Language })[]; confusion: Map<string, number> } {
  const wrong: (LabelledPost & { got: Language })[] = [];
  const confusion = new Map<string, number>();
  for (const post of posts) {
    const got = detectLanguage(post.text);
    const key = `${post.lang} → ${got}`;
    confusion.set(key, (confusion.get(key) ?? 0) + 1);
    if (got !== post.lang) wrong.push({ ...post, got });
  }
  return { accuracy: (posts.length - wrong.length) / posts.length, wrong, confusion };
}

export async function runLanguageBench(): Promise<void> {
  const posts = labelledPosts();
  const { accuracy, wrong, confusion } = languageAccuracy(posts);
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) for (const p of posts) detectLanguage(p.text);
  const perPost = ((performance.now() - t0) * 1000) / (20 * posts.length);
  console.log(`  ${posts.length} real short posts labelled by hand: accuracy ${(accuracy * 100).toFixed(1)}% (goal ≥ 98%), ${perPost.toFixed(1)} µs a post`);
  for (const sample of [...new Set(posts.map((p) => p.sample))]) {
    const part = posts.filter((p) => p.sample === sample);
    const missed = wrong.filter((w) => w.sample === sample).length;
    console.log(`    ${sample.padEnd(14)} ${part.length} posts, ${part.length - missed} right`);
  }
  console.log(`  label → detected: ${[...confusion].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  for (const w of wrong) console.log(`    wrong: ${w.lang} → ${w.got}  ${JSON.stringify(w.text.slice(0, 100))}`);
}
