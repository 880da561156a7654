// Which picture sizes a set of platforms needs: each platform's preferred size from the one rules
// table (publisher/rules.ts), each size once, in the order of the platforms.
import type { ImageSize, Platform } from './platforms';
import { PLATFORM_RULES } from './publisher/rules';

export const DEFAULT_IMAGE_SIZE: ImageSize = '1536x1024';

export function preferredImageSize(platform: Platform): ImageSize {
  return PLATFORM_RULES[platform].imageSizes[0];
}

/** The sizes the platforms need, each once; landscape when no platform is given. */
export function sizesFor(platforms: readonly Platform[]): { size: ImageSize; platforms: Platform[] }[] {
  const out: { size: ImageSize; platforms: Platform[] }[] = [];
  for (const platform of platforms) {
    const size = preferredImageSize(platform);
    const entry = out.find((e) => e.size === size);
    if (entry) entry.platforms.push(platform);
    else out.push({ size, platforms: [platform] });
  }
  return out.length ? out : [{ size: DEFAULT_IMAGE_SIZE, platforms: [] }];
}
