// Texts the pipeline screens share: an error code in the reader's language, plurals, platform and
// step names, and times in the user's time zone.
import { formatNumber, isDictKey, locale, t, type DictKey } from '../../i18n';
import { describeError, errorText as sharedErrorText, type ShownError } from '../../lib/errors';
import type { PipelineStep, Platform } from '../../lib/pipeline';
import { me } from '../../lib/session';

export type { ShownError } from '../../lib/errors';

/** A pipeline screen's wording for a code where it says more than the shared text. */
const pipelineWording = (code: string): string | undefined => {
  const key = `pipeline.error.${code}`;
  return isDictKey(key) ? t(key) : undefined;
};

export function errorText(code: string): string {
  return pipelineWording(code) ?? sharedErrorText(code);
}

export function showError(error: unknown): ShownError {
  return describeError(error, pipelineWording);
}

type PluralBase = 'pipeline.chars' | 'pipeline.words';

/** `pipeline.chars.one|few|many|other` by the locale's plural rules, with {n} filled in. */
export function plural(base: PluralBase, n: number): string {
  const key = `${base}.${new Intl.PluralRules(locale()).select(n)}`;
  return t(isDictKey(key) ? key : (`${base}.other` as DictKey), { n: formatNumber(n) });
}

const PLATFORM_NAMES: Record<Platform, DictKey> = {
  telegram: 'platform.telegram',
  vk: 'platform.vk',
  x: 'platform.x',
  instagram: 'platform.instagram',
  threads: 'platform.threads',
  linkedin: 'platform.linkedin',
};
const STEP_NAMES: Record<PipelineStep, DictKey> = {
  editor: 'run.step.editor',
  image_brief: 'run.step.image_brief',
  images: 'run.step.images',
  publisher: 'run.step.publisher',
};
export const platformName = (platform: Platform) => t(PLATFORM_NAMES[platform]);
export const stepName = (step: PipelineStep) => t(STEP_NAMES[step]);

/** Characters as people count them (an emoji is one, not two UTF-16 units). */
export const charCount = (text: string) => [...text].length;

/** The user's time zone from Settings, else the browser's. */
export function userTimeZone(): string | undefined {
  return me()?.settings.timeZone || undefined;
}

/** A date and time in the user's locale and time zone, with the zone's short name. */
export function formatInUserZone(iso: string, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  const zone = userTimeZone();
  try {
    return new Intl.DateTimeFormat(locale(), { ...options, timeZone: zone }).format(date);
  } catch (error) {
    // A zone this browser doesn't know (the server checks against its own list): the browser's zone.
    if (!(error instanceof RangeError)) throw error;
    return new Intl.DateTimeFormat(locale(), options).format(date);
  }
}
