// The Publisher step as a pure function: an edited story, its images and the user's clock in, one
// ready-to-post item per platform out. Hashtag candidates are ranked once per story and post times
// planned once for all platforms; each item's three texts are fitted to the platform as it counts.
import type { UiLanguage } from '../../settings';
import type { Morphology } from '../../text/morphology';
import { IMAGE_SIZES, type ImageSize, type Platform } from '../platforms';
import type { BodyVariants, PackageItemDraft } from '../types';
import { pickCta } from './cta';
import { fitText, tidyText } from './fit';
import { hashtagsFor, rankHashtagCandidates } from './hashtags';
import { planPostTimes, type HourOfWeekEngagement } from './post-time';
import { PLATFORM_RULES, type PlatformRules } from './rules';

export interface PackageArticle {
  headline: string;
  dek: string;
  body: BodyVariants;
  keyPoints: string[];
  /** t.me links of the source posts; the first is the one cited. */
  sourceLinks: string[];
}

export interface PackageImages {
  bySize: Partial<Record<ImageSize, string>>;
}

export interface BuildPackageRequest {
  article: PackageArticle;
  platforms: readonly Platform[];
  images: PackageImages | null;
  language: UiLanguage;
  timeZone: string;
  now: Date;
  engagement?: HourOfWeekEngagement;
  sourceHashtags?: string[];
  /** The source channels' titles: their names are never tags. */
  sourceChannels?: string[];
  /** A Russian dictionary for the tags (see HashtagInput.morphology). */
  morphology?: Morphology;
}

const VARIANTS = ['short', 'medium', 'long'] as const satisfies readonly (keyof BodyVariants)[];
const SOURCE_LABEL: Record<UiLanguage, string> = { ru: 'Источник', en: 'Source' };

export function buildPackageItems(request: BuildPackageRequest): PackageItemDraft[] {
  const { article, language } = request;
  const platforms = [...new Set(request.platforms)];
  const candidates = rankHashtagCandidates({
    headline: article.headline,
    dek: article.dek,
    keyPoints: article.keyPoints,
    body: article.body.long,
    sourceHashtags: request.sourceHashtags,
    avoidTerms: request.sourceChannels,
    language,
    morphology: request.morphology,
  });
  const times = planPostTimes({ now: request.now, timeZone: request.timeZone, platforms, engagement: request.engagement, language });
  const source = article.sourceLinks.map((l) => l.trim()).find((l) => l.length > 0) ?? null;

  return platforms.map((platform, i) => {
    const rules = PLATFORM_RULES[platform];
    const image = pickImage(rules, request.images);
    const hashtags = hashtagsFor(candidates, platform);
    const cta = pickCta(platform, language, article.headline);
    const link = sourceLine(rules, source, language);
    const fitted = VARIANTS.map((v) =>
      fitText(postBody(rules, article.headline, article.body[v]), platform, { withImage: image !== null, link, cta, hashtags }),
    );
    const [short, medium, long] = fitted;
    return {
      platform,
      texts: { short: short.text, medium: medium.text, long: long.text },
      counts: {
        short: { used: short.used, limit: short.limit },
        medium: { used: medium.used, limit: medium.limit },
        long: { used: long.used, limit: long.limit },
      },
      hashtags,
      cta,
      imageUrl: image?.url ?? null,
      imageSize: image?.size ?? null,
      postTime: times[i].postTime,
      postTimeReason: times[i].reason,
    };
  });
}

/** The headline on its own line above the body where the platform reads that way (unless the body opens with it). */
function postBody(rules: PlatformRules, headline: string, body: string): string {
  const title = tidyText(headline);
  const text = tidyText(body);
  if (!rules.headline || !title || text.startsWith(title)) return text;
  return text ? `${title}\n\n${text}` : title;
}

function sourceLine(rules: PlatformRules, url: string | null, language: UiLanguage): string {
  if (!url || rules.sourceLink === 'none' || !rules.clickableLinks) return '';
  return rules.sourceLink === 'labelled' ? `${SOURCE_LABEL[language]}: ${url}` : url;
}

/** The platform's preferred size, else any size there is. */
function pickImage(rules: PlatformRules, images: PackageImages | null): { url: string; size: ImageSize } | null {
  if (!images) return null;
  for (const size of [...rules.imageSizes, ...IMAGE_SIZES]) {
    const url = images.bySize[size];
    if (url) return { url, size };
  }
  return null;
}
