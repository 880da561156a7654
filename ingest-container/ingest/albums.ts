// A history page can end in the middle of an album. The cut album's members are left for the
// next page (which starts right after the kept ones), so an album is always stored whole.
import type { GatewayMessage } from '../gateway/port';

const groupOf = (m: GatewayMessage | undefined) => (m?.groupedId === undefined || m.groupedId === null ? null : m.groupedId.toString());

/** Drops the album the page's last element belongs to, when the page was full (more may follow). */
function withoutCutAlbum(page: GatewayMessage[], pageWasFull: boolean): GatewayMessage[] {
  const group = pageWasFull ? groupOf(page.at(-1)) : null;
  if (!group) return page;
  const kept = page.filter((m) => groupOf(m) !== group);
  return kept.length ? kept : page;
}

/** Oldest-first page (history): the newest album may continue on the next page. */
export const withoutTrailingAlbum = withoutCutAlbum;
/** Newest-first page (latest posts): the oldest album may have older members not on the page. */
export const withoutLeadingAlbum = withoutCutAlbum;
