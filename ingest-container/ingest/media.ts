// Media of a batch → storage, before the batch's transaction: content-addressed by SHA-256, so a
// retried batch or a file shared by several posts is stored once. Files over the plan's size
// limit keep only their metadata on the post (reason `too_large`), and so do files that would take
// the channel's reader past the plan's `mediaBytesStored` (reason `quota`): the bytes stored for a
// user are read once per account pass (MediaBudget) and added to as files are stored, never
// summed per file.
import type { Logger } from '../../core/log';
import type { NormalisedPost } from '../../core/messages';
import type { Db } from '../../db/types';
import type { IngestMetrics } from '../metrics';
import type { ChannelHandle, GatewayMessage, TelegramSession } from '../gateway/port';
import { TelegramFailure } from '../gateway/port';
import { contentKey, formatOf, sha256Hex, type ObjectStorage as MediaStorage } from '../../storage/port';
import { mediaByHash, type StoredMedia } from '../../db/queries/messages';
import { mediaStoreVerdict, type PlanLimits } from '../../core/plans';

/** Bytes stored for the user whose account reads the channel, kept current during a pass. */
export interface MediaBudget {
  usedBytes: number;
}

export interface MediaContext {
  db: Db;
  storage: MediaStorage;
  log: Logger;
  limits: Pick<PlanLimits, 'mediaMaxBytes' | 'mediaBytesStored'>;
  budget: MediaBudget;
  metrics: IngestMetrics;
  /** Wraps each Telegram call: pacing and retries of transient failures. */
  call<T>(run: () => Promise<T>): Promise<T>;
}

export async function storePostMedia(
  context: MediaContext,
  session: TelegramSession,
  handle: ChannelHandle,
  post: NormalisedPost,
  sources: Map<number, GatewayMessage>,
): Promise<StoredMedia[]> {
  const stored: StoredMedia[] = [];
  for (const item of post.media) {
    const before = mediaStoreVerdict(context.limits, context.budget.usedBytes, item.size);
    if (!before.store) {
      context.metrics.mediaSkipped.inc({ reason: before.reason });
      continue;
    }
    const source = sources.get(item.sourceMsgId);
    if (!source) continue;
    const maxBytes = context.limits.mediaMaxBytes;
    const download = await downloadOrSkip(context, () => session.downloadMedia(handle, source, maxBytes), post.msgId);
    if (!download) continue;
    context.metrics.mediaBytes.inc({}, download.bytes.length);
    // The real size decides (Telegram's may be missing or differ).
    const after = mediaStoreVerdict(context.limits, context.budget.usedBytes, download.bytes.length);
    if (!after.store) {
      context.metrics.mediaSkipped.inc({ reason: after.reason });
      continue;
    }
    const hash = await sha256Hex(download.bytes);
    const format = formatOf(download.mimeType, download.fileName ?? item.fileName);
    const known = await mediaByHash(context.db, hash);
    if (known) context.metrics.mediaDedupHits.inc();
    const storageKey = known?.storageKey ?? contentKey(hash, format);
    const url = known?.url ?? (await context.storage.put(storageKey, download.bytes, download.mimeType));
    // Counted per asset row, a deduplicated file too (db/queries/media.ts).
    context.budget.usedBytes += download.bytes.length;
    stored.push({
      position: item.position,
      kind: item.kind,
      url,
      storageKey,
      size: download.bytes.length,
      format,
      hash,
      width: item.width,
      height: item.height,
    });
  }
  return stored;
}

/**
 * A file Telegram keeps failing to hand over (after retries) is skipped, so one broken file never
 * stalls its channel; waits and revoked sessions still stop the batch.
 */
async function downloadOrSkip<T>(context: MediaContext, run: () => Promise<T>, msgId: number): Promise<T | null> {
  try {
    return await context.call(run);
  } catch (error) {
    if (error instanceof TelegramFailure && error.reason !== 'TRANSIENT') throw error;
    context.metrics.mediaSkipped.inc({ reason: 'download_failed' });
    context.log.warn('media download failed; the post keeps its metadata only', { msgId, error });
    return null;
  }
}
