// Rules: "when a topic in my channels reaches score ≥ X in the 24h or 7d window, with at least N of
// my channels [and containing these words], run Make exclusive for these platforms".
import type { Platform } from './pipeline/platforms';

export interface RuleCondition {
  window: '24h' | '7d';
  minScore: number;
  minChannels: number;
  keywords: string[];
}

export interface TopicCandidate {
  topicId: number;
  title: string;
  score: number;
  /** The reader's distinct channels with posts in the topic. */
  channels: number;
  texts: string[];
}

export interface RuleSpec extends RuleCondition {
  name: string;
  platforms: Platform[];
}

const fold = (s: string) => s.toLocaleLowerCase('ru').replace(/ё/g, 'е');

/** Any of the words (case- and ё-insensitive) in the title or the reader's posts; no words: true. */
export function matchesKeywords(texts: readonly string[], keywords: readonly string[]): boolean {
  if (keywords.length === 0) return true;
  const haystack = texts.map(fold);
  return keywords.some((word) => {
    const needle = fold(word.trim());
    return needle.length > 0 && haystack.some((t) => t.includes(needle));
  });
}

export function ruleMatches(rule: RuleCondition, topic: TopicCandidate): boolean {
  return topic.score >= rule.minScore && topic.channels >= rule.minChannels && matchesKeywords([topic.title, ...topic.texts], rule.keywords);
}

/** Why a rule stopped by itself, as stored and shown (the UI translates the code). */
export function quotaPauseReason(limit: string, retryAt: string): string {
  return `QUOTA_EXCEEDED:${limit}:${retryAt}`;
}
