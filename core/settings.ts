// A user's preferences: interface language, the tone generated posts are written in, and the time
// zone that post times are planned in.
export const UI_LANGUAGES = ['ru', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const TONES = ['neutral', 'formal', 'friendly', 'energetic', 'analytical', 'ironic'] as const;
export type Tone = (typeof TONES)[number];

const ZONE_SHAPE = /^(UTC|[A-Za-z][A-Za-z_-]*(\/[A-Za-z0-9_+-]+){1,2})$/;

/** An IANA zone name the runtime knows ("Europe/Moscow", "UTC"); offsets and abbreviations are refused. */
export function isIanaTimeZone(zone: string): boolean {
  if (!ZONE_SHAPE.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
