// What the pipeline's verbs need, whether a route or a queued job calls them.
import type { Logger } from '../../../core/log';
import type { Morphology } from '../../../core/text/morphology';
import { costOfCall } from '../../../core/pipeline/prices';
import type { AiCall } from '../../../core/pipeline/types';
import { insertUsage } from '../../../db/queries/pipeline';
import type { Db } from '../../../db/types';
import type { ObjectStorage } from '../../../storage/port';
import { AiOutputError, type AiPort } from '../../ports/ai';
import type { Queue } from '../../ports/queue';
import type { Metrics } from '../../metrics';

export interface PipelineContext {
  db: Db;
  ai: AiPort;
  storage: ObjectStorage;
  queue: Queue;
  log: Logger;
  /** Seconds since epoch (injectable in tests). */
  now(): number;
  /** Step durations and run outcomes (edge/metrics.ts); absent in tests that do not look. */
  metrics?: Metrics;
  /** The Russian dictionary for the Publisher's tags; absent (or failing to load), the ending rules guess. */
  morphology?: () => Promise<Morphology>;
}

/** Who the verb acts for: every read and write is scoped by this user. */
export interface Actor {
  id: string;
}

/** Writes one ai_usage row per call, priced by the dated table, in the caller's transaction. */
export async function recordCalls(tx: Db, params: { userId: string; runId: string | null; calls: AiCall[]; at: Date }): Promise<void> {
  await insertUsage(
    tx,
    params.calls.map((call) => ({
      userId: params.userId,
      runId: params.runId,
      ts: params.at,
      engine: call.engine,
      model: call.model,
      purpose: call.purpose,
      inputTokens: call.inputTokens,
      outputTokens: call.outputTokens,
      cachedTokens: call.cachedTokens,
      images: call.images,
      costUsd: costOfCall(call, params.at).toFixed(6),
    })),
  );
}

/**
 * Runs an AI step; when it fails after calls were paid for (an unusable answer), those calls are
 * still recorded before the failure goes on: usage stays exact on the failure path too.
 */
export async function paidOrRecorded<T>(ctx: PipelineContext, actor: Actor, runId: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AiOutputError && error.calls.length) {
      await recordCalls(ctx.db, { userId: actor.id, runId, calls: error.calls, at: new Date(ctx.now() * 1000) });
    }
    throw error;
  }
}
