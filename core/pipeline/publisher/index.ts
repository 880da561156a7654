// The Publisher: platform rules, fitting, hashtags, CTAs and post times, composed by buildPackageItems.
export { buildPackageItems, type BuildPackageRequest, type PackageArticle, type PackageImages } from './build';
export { codePointLength, threadsLength, utf16Length, xWeightedLength, type CountText } from './count';
export { ctaWordings, pickCta } from './cta';
export { composePost, fitText, tidyText, type BodyCut, type FitOptions, type FittedText } from './fit';
export { VALID_HASHTAG, hashtagsFor, pickHashtags, rankHashtagCandidates, type HashtagCandidate, type HashtagInput } from './hashtags';
export {
  POST_TIME_POLICY,
  planPostTimes,
  type HourEngagement,
  type HourOfWeekEngagement,
  type PlannedPostTime,
  type PostTimeRequest,
} from './post-time';
export { PLATFORM_RULES, textLimit, type HashtagRule, type PlatformRules } from './rules';
export { hourOfWeek, zoneOffsetMinutes } from './zoned-time';
