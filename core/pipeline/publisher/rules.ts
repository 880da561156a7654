// What each platform accepts and what reads well there: one entry per platform. A new platform is
// one entry here (plus its CTA wordings in cta.ts); fitting, hashtags and images read only this.
import type { ImageSize, Platform } from '../platforms';
import { threadsLength, utf16Length, xWeightEstimate, xWeightedLength, type CountText } from './count';

export interface HashtagRule {
  /** Kept while the body still fits whole; tags past this go first when space runs out (fit.ts). */
  min: number;
  /** How many we put in when the story has enough terms. */
  target: number;
  /** The most the platform allows (or our ceiling where it sets none). */
  max: number;
  /** The longest tag, without '#'. */
  maxLength: number;
}

export interface PlatformRules {
  /** Length as the platform counts it. */
  count: CountText;
  /** A cheap approximation of `count`, where `count` is costly: it only steers the search for a cut. */
  estimate?: CountText;
  /** The unit `count` answers in, for people reading counts. */
  countUnit: 'utf16' | 'threads' | 'x-weighted';
  /** A text-only post. */
  textLimit: number;
  /** The text of a post with an image attached (a caption). */
  captionLimit: number;
  hashtags: HashtagRule;
  /** Image sizes in order of preference (from IMAGE_SIZES). */
  imageSizes: readonly ImageSize[];
  /** Whether a URL in the text becomes a link. */
  clickableLinks: boolean;
  /** How the source link goes in: on a labelled line, bare, or not at all. */
  sourceLink: 'labelled' | 'bare' | 'none';
  /** Whether the post opens with the headline on its own line. */
  headline: boolean;
}

const LANDSCAPE: readonly ImageSize[] = ['1536x1024', '1024x1024', '1024x1536'];
const SQUARE: readonly ImageSize[] = ['1024x1024', '1024x1536', '1536x1024'];

// Readable tags: platforms accept longer ones, people do not read them.
const TAG_LENGTH = 30;

export const PLATFORM_RULES: Record<Platform, PlatformRules> = {
  // Bot API sendMessage: 1-4096 characters, sendPhoto caption: 0-1024, both "after entities
  // parsing" and counted in UTF-16 code units (MessageEntity offsets are UTF-16). We attach an
  // image, so 1024 is the limit that matters. Telegram sets no tag cap; we keep it moderate.
  telegram: {
    count: utf16Length,
    countUnit: 'utf16',
    textLimit: 4096,
    captionLimit: 1024,
    hashtags: { min: 8, target: 10, max: 20, maxLength: TAG_LENGTH },
    imageSizes: LANDSCAPE,
    clickableLinks: true,
    sourceLink: 'labelled',
    headline: true,
  },
  // VK's help centre gives 16,384 characters for a wall post, with or without attachments; the
  // wall.post reference (dev.vk.com/method/wall.post) names no figure. VK does not say what it
  // counts, so UTF-16 (the conservative reading). More than 10 tags reads as spam on VK.
  vk: {
    count: utf16Length,
    countUnit: 'utf16',
    textLimit: 16384,
    captionLimit: 16384,
    hashtags: { min: 5, target: 8, max: 10, maxLength: TAG_LENGTH },
    imageSizes: LANDSCAPE,
    clickableLinks: true,
    sourceLink: 'labelled',
    headline: true,
  },
  // 280 by twitter-text's weighted length; attached media do not count. Tags cost room in 280.
  x: {
    count: xWeightedLength,
    estimate: xWeightEstimate,
    countUnit: 'x-weighted',
    textLimit: 280,
    captionLimit: 280,
    hashtags: { min: 0, target: 2, max: 2, maxLength: 20 },
    imageSizes: LANDSCAPE,
    clickableLinks: true,
    sourceLink: 'bare',
    headline: false,
  },
  // Captions: 2,200 characters (Graph API media docs; unit unstated, so UTF-16). Since December
  // 2025 a post takes at most 5 hashtags. Links in captions are not clickable.
  instagram: {
    count: utf16Length,
    countUnit: 'utf16',
    textLimit: 2200,
    captionLimit: 2200,
    hashtags: { min: 3, target: 5, max: 5, maxLength: TAG_LENGTH },
    imageSizes: SQUARE,
    clickableLinks: false,
    sourceLink: 'none',
    headline: true,
  },
  // 500, code points with emoji counted as their UTF-8 bytes (see count.ts); one topic tag per post.
  threads: {
    count: threadsLength,
    countUnit: 'threads',
    textLimit: 500,
    captionLimit: 500,
    hashtags: { min: 1, target: 1, max: 1, maxLength: TAG_LENGTH },
    imageSizes: ['1024x1024', '1024x1536', '1536x1024'],
    clickableLinks: true,
    sourceLink: 'bare',
    headline: false,
  },
  // A post's commentary takes 3,000 characters; LinkedIn does not say what it counts, so UTF-16.
  linkedin: {
    count: utf16Length,
    countUnit: 'utf16',
    textLimit: 3000,
    captionLimit: 3000,
    hashtags: { min: 3, target: 5, max: 5, maxLength: TAG_LENGTH },
    imageSizes: LANDSCAPE,
    clickableLinks: true,
    sourceLink: 'labelled',
    headline: true,
  },
};

/** The limit a text must fit: the caption limit when an image goes with it. */
export function textLimit(platform: Platform, withImage: boolean): number {
  const rules = PLATFORM_RULES[platform];
  return withImage ? rules.captionLimit : rules.textLimit;
}
