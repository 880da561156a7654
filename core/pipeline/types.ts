// The shapes that flow through the pipeline: what a step gets, what it makes. Plain data, shared by
// core, the adapters, the services and (as types) the web app.
import type { MessageLanguage } from '../messages/types';
import type { Tone, UiLanguage } from '../settings';
import type { AiEngine, AiPurpose, ImageSize, Platform } from './platforms';

/** One post the Editor works from (copies and forwards already collapsed to their original). */
export interface SourcePost {
  /** Our message id. */
  id: number;
  /** The post's public t.me link (or t.me/c/… for private channels). */
  url: string;
  channelTitle: string;
  channelUsername: string | null;
  /** ISO timestamp. */
  date: string;
  text: string;
  lang: MessageLanguage;
  views: number | null;
  /** A photo of the post we can show or put on a card (a URL the app serves), when it has one. */
  photoUrl: string | null;
}

export interface EditorRequest {
  language: UiLanguage;
  tone: Tone;
  posts: SourcePost[];
  /** Set on the one automatic rewrite: the previous draft and the passages too close to a source. */
  rewrite?: { previous: EditorDraft; passages: string[] };
}

export interface BodyVariants {
  short: string;
  medium: string;
  long: string;
}

export interface VerificationFlag {
  claim: string;
  reason: 'single_source' | 'contradiction';
  /** t.me links of the posts that make (or contradict) the claim. */
  sources: string[];
}

/** What the Editor answers (the model's JSON, or the offline engine's). */
export interface EditorDraft {
  headline: string;
  dek: string;
  body: BodyVariants;
  keyPoints: string[];
  /** t.me links of the posts used; only links from the inputs survive the checks. */
  sourceLinks: string[];
  needsVerification: VerificationFlag[];
  /** Set when the text is not in the language asked for: an engine that cannot translate writes
   *  in the sources' language. */
  language?: UiLanguage;
}

/** Anti-copy-paste figures of one body against the closest source post. */
export interface OriginalityScore {
  /** The longest run of words shared with any one source post. */
  longestSharedRun: number;
  /** Share (0..1) of the body's word 8-grams that appear in some source post. */
  sharedNgramShare: number;
  /** ROUGE-L F1 (0..1) against the closest source post. */
  rougeL: number;
  /** Over the threshold. */
  tooClose: boolean;
}

export interface Originality {
  short: OriginalityScore;
  medium: OriginalityScore;
  long: OriginalityScore;
  /** How many automatic rewrites ran (0 or 1). */
  rewrites: number;
}

export interface ImageBriefRequest {
  language: UiLanguage;
  headline: string;
  dek: string;
  keyPoints: string[];
  platforms: Platform[];
  /** How many briefs to make (1..N). */
  count: number;
  /** Channel titles the story comes from (the offline card names them). */
  sourceChannels: string[];
}

export interface ImageBriefDraft {
  title: string;
  /** A concrete scene, not an abstract idea. */
  prompt: string;
  /** What must not be in the picture (text, watermarks, logos, brand marks). */
  negative: string;
  size: ImageSize;
  caption: string;
  styleTags: string[];
}

export interface ImageRequest {
  prompt: string;
  negative: string;
  size: ImageSize;
  /** What the offline engine draws on its card (the model ignores it). */
  card: { headline: string; caption: string; channels: string[]; language: UiLanguage; photo: Uint8Array | null };
}

export interface ModerationVerdict {
  flagged: boolean;
  /** The categories that were flagged (e.g. "violence"). */
  categories: string[];
}

/** One call to an AI engine, as ai_usage records it (cost is priced from this by core/pipeline/prices.ts). */
export interface AiCall {
  purpose: AiPurpose;
  engine: AiEngine;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  images: number;
  /** For images: the size generated (prices differ by size). */
  imageSize?: ImageSize;
}

/** An engine's answer: the value and every call it took to get it (retries included). */
export interface AiAnswer<T> {
  value: T;
  calls: AiCall[];
}

/** One platform's ready-to-post item. */
export interface PackageItemDraft {
  platform: Platform;
  /** The final texts, hashtags and CTA included, each fitting the platform as it counts. */
  texts: BodyVariants;
  /** Each text's length as the platform counts it, and the limit it must fit. */
  counts: Record<keyof BodyVariants, { used: number; limit: number }>;
  hashtags: string[];
  cta: string;
  imageUrl: string | null;
  imageSize: ImageSize | null;
  /** ISO timestamp (UTC) of the suggested post time. */
  postTime: string;
  /** Why that time, in the user's language. */
  postTimeReason: string;
}
