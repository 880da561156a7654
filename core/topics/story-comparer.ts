// Judges whether two texts tell the same story with the index's own measures and thresholds
// (near-copy Jaccard, or TF-IDF cosine ≥ the join threshold of a one-post topic for the shorter
// text). IDF comes from
// the texts it has learned, so it can be primed with a corpus before judging pairs.
import { analyzePost } from './analyze';
import { DocumentFrequency } from './doc-freq';
import { estimatedJaccard } from './minhash';
import { DEFAULT_TOPIC_OPTIONS, joinThresholdFor } from './options';
import { NameLexicon } from './names';
import { dot } from './sparse';
import type { TopicIndexOptions } from './types';

export interface StoryVerdict {
  sameStory: boolean;
  cosine: number;
  jaccard: number;
}

export class StoryComparer {
  private readonly df = new DocumentFrequency();
  private readonly names = new NameLexicon();
  readonly options: TopicIndexOptions;

  constructor(options: Partial<TopicIndexOptions> = {}) {
    this.options = { ...DEFAULT_TOPIC_OPTIONS, ...options };
  }

  learn(text: string): void {
    const stems = this.terms(text);
    this.names.learn(stems);
    this.df.add(stems);
  }

  compare(a: string, b: string): StoryVerdict {
    const x = analyzePost(a);
    const y = analyzePost(b);
    const vx = this.df.vector([...x.stems, ...this.names.tokens(x.names)]);
    const vy = this.df.vector([...y.stems, ...this.names.tokens(y.names)]);
    const cosine = dot(vx, vy);
    const jaccard = x.minhash && y.minhash ? estimatedJaccard(x.minhash, y.minhash) : 0;
    const sameStory = jaccard >= this.options.duplicateJaccard || cosine >= joinThresholdFor(1, Math.min(vx.size, vy.size), this.options);
    return { sameStory, cosine, jaccard };
  }

  private terms(text: string): string[] {
    const analyzed = analyzePost(text);
    return [...analyzed.stems, ...this.names.tokens(analyzed.names)];
  }
}
