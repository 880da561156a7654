// Byte counts for people: MB below a gigabyte, GB (one decimal) from there.
import { formatNumber, t } from '../../i18n';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export function formatBytes(n: number): string {
  if (n >= GiB) return t('usage.gigabytes', { n: formatNumber(Math.round((n / GiB) * 10) / 10) });
  return t('usage.megabytes', { n: formatNumber(n >= MiB ? Math.round(n / MiB) : Math.round((n / MiB) * 10) / 10) });
}
