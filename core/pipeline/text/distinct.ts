// The distinct text of a set of posts: their sentences, each kept once even when several channels
// word it a little differently. Its length is how much a writer can say without repeating.
import { contentStems } from '../../text/tokenize';
import { postLines } from './clean';
import { splitSentences } from './sentences';
import { jaccard } from './textrank';

const SAME_JACCARD = 0.5;
const SAME_CONTAINMENT = 0.8;

export function distinctSentences(texts: string[]): string[] {
  const kept: { text: string; stems: Set<string> }[] = [];
  for (const text of texts) {
    for (const line of postLines(text)) {
      for (const sentence of splitSentences(line)) {
        const stems = new Set(contentStems(sentence));
        if (stems.size === 0) continue;
        const repeat = kept.some((k) => {
          if (jaccard(k.stems, stems) >= SAME_JACCARD) return true;
          let shared = 0;
          for (const s of stems) if (k.stems.has(s)) shared++;
          return shared / Math.min(stems.size, k.stems.size) >= SAME_CONTAINMENT;
        });
        if (!repeat) kept.push({ text: sentence, stems });
      }
    }
  }
  return kept.map((k) => k.text);
}
