// The current locale (Russian by default, persisted per browser) and t() over the dictionaries.
// Russian ships with the first page; English is loaded when it is chosen (it keeps the first page
// within its JS budget).
import { createSignal } from 'solid-js';
import { ru, type Dict, type DictKey } from './ru';

export type { DictKey } from './ru';
export type Locale = 'ru' | 'en';
export const LOCALES: readonly Locale[] = ['ru', 'en'];

const [dictionaries, setDictionaries] = createSignal<Partial<Record<Locale, Dict>>>({ ru });
const STORAGE_KEY = 'tgs.locale';

async function loadDictionary(next: Locale): Promise<void> {
  if (dictionaries()[next]) return;
  const { en } = await import('./en');
  setDictionaries((loaded) => ({ ...loaded, en }));
}

function initialLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return saved === 'en' || saved === 'ru' ? saved : 'ru';
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
export { locale };
void loadDictionary(locale());

export async function setLocale(next: Locale) {
  localStorage.setItem(STORAGE_KEY, next);
  await loadDictionary(next);
  setLocaleSignal(next);
  document.documentElement.lang = next;
}

/** Reactive: reading t() inside JSX re-renders when the locale changes. */
export function t(key: DictKey, params?: Record<string, string | number>): string {
  // Until the chosen dictionary has loaded (a moment after start), Russian stands in.
  const text = (dictionaries()[locale()] ?? ru)[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** For keys built at run time (e.g. `usage.limit.${name}`): narrows a string to a known key. */
export function isDictKey(key: string): key is DictKey {
  return key in ru;
}

/** Locale-aware formatting helpers, so pages don't hard-code 'ru-RU'. */
export const formatNumber = (n: number) => new Intl.NumberFormat(locale()).format(n);
export const formatCurrency = (n: number, currency: string) =>
  new Intl.NumberFormat(locale(), { style: 'currency', currency, maximumFractionDigits: 2 }).format(n);
export const formatDateTime = (d: Date | string) =>
  new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(d));
/** A calendar day ("2026-11-02") as the locale writes it: short "02.11" / "11/02", or long
 *  "2 ноября 2026 г." / "November 2, 2026". The day is a date, not an instant: no zone shifts it. */
export const formatDay = (day: string, style: 'short' | 'long' = 'short') =>
  new Intl.DateTimeFormat(locale(), { ...(style === 'short' ? { day: '2-digit', month: '2-digit' } : { dateStyle: 'long' }), timeZone: 'UTC' } as Intl.DateTimeFormatOptions).format(
    new Date(`${day}T00:00:00Z`),
  );

export type Counted = 'channels' | 'posts' | 'originals' | 'subscribers' | 'newPosts';

/** "1 channel", "3 канала": `count.<noun>.one|few|many|other` by the locale's plural rules. */
export function count(noun: Counted, n: number): string {
  const form = new Intl.PluralRules(locale()).select(n);
  const key = `count.${noun}.${form}`;
  return t(isDictKey(key) ? key : (`count.${noun}.other` as DictKey), { n: formatNumber(n) });
}

/** A 0…1 score in the reader's locale: ru "0,35", en "0.35". */
export const formatScore = (n: number, digits = 2) =>
  new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
