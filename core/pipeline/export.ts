// Package exports: a documented, versioned JSON shape, and CSV per RFC 4180 (one row per platform
// item, UTF-8 with a BOM so spreadsheet programs keep Cyrillic intact).
import { stringify } from 'csv-stringify/sync';
import type { PackageView } from './views';

export const EXPORT_FORMAT = 'tg-studio.packages';
/** Bumped when a field changes meaning or goes away; new fields may appear within a version. */
export const EXPORT_VERSION = 1;

export interface PackagesExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  packages: PackageView[];
}

export function exportJson(packages: PackageView[], exportedAt: Date): PackagesExport {
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: exportedAt.toISOString(), packages };
}

export const CSV_COLUMNS = [
  'package_id',
  'created_at',
  'engine',
  'headline',
  'platform',
  'post_time',
  'post_time_reason',
  'text_short',
  'text_medium',
  'text_long',
  'hashtags',
  'cta',
  'image_url',
  'source_links',
] as const;

export function exportCsv(packages: PackageView[]): string {
  const rows = packages.flatMap((p) =>
    p.items.map((item) => [
      p.id,
      p.createdAt,
      p.engine,
      p.editorResult.headline,
      item.platform,
      item.postTime,
      item.postTimeReason,
      item.texts.short,
      item.texts.medium,
      item.texts.long,
      item.hashtags.join(' '),
      item.cta,
      item.imageUrl ?? '',
      p.editorResult.sourceLinks.map((l) => l.url).join(' '),
    ]),
  );
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS], bom: true, record_delimiter: 'windows', quoted_string: false });
}

/** `tg-studio-2026-12-01-dollar-above-108.csv`: the date and a slug of the headline (ASCII-safe). */
export function exportFileName(params: { headline?: string; from?: string; to?: string; date: Date; format: 'json' | 'csv' }): string {
  const day = params.date.toISOString().slice(0, 10);
  const slug = params.headline ? slugOf(params.headline) : `packages-${params.from ?? 'all'}_${params.to ?? day}`;
  return `tg-studio-${day}-${slug || 'package'}.${params.format}`;
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o',
  п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

const SLUG_MAX = 48;

function slugOf(text: string): string {
  const slug = [...text.toLowerCase()]
    .map((ch) => CYRILLIC[ch] ?? ch)
    .join('')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= SLUG_MAX) return slug;
  // Cut at a word, never mid-word.
  const cut = slug.slice(0, SLUG_MAX + 1);
  return cut.slice(0, Math.max(cut.lastIndexOf('-'), 1)).replace(/-+$/, '');
}
