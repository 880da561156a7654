// The AI port: text (Editor, Image Brief), images and moderation behind one interface. Adapters:
// the OpenAI SDK (any OpenAI-compatible server) and the offline engine (the default without a key).
// Every answer carries the calls it took, so the step that uses it records them in ai_usage.
import type {
  AiAnswer,
  EditorDraft,
  EditorRequest,
  ImageBriefDraft,
  ImageBriefRequest,
  ImageRequest,
  ModerationVerdict,
} from '../../core/pipeline/types';
import type { AiEngine } from '../../core/pipeline/platforms';

export interface AiPort {
  readonly engine: AiEngine;
  /** The Editor: an original article from the posts (a second call with `rewrite` set rephrases). */
  writeArticle(request: EditorRequest): Promise<AiAnswer<EditorDraft>>;
  /** The Image Brief: `request.count` briefs for the article. */
  briefImages(request: ImageBriefRequest): Promise<AiAnswer<ImageBriefDraft[]>>;
  moderate(text: string): Promise<AiAnswer<ModerationVerdict>>;
  /** One PNG for the brief. */
  generateImage(request: ImageRequest): Promise<AiAnswer<{ png: Uint8Array }>>;
}

/**
 * The engine answered, but not with something usable even after the one corrective retry (or it
 * refused). Not retried by the queue: the same input gives the same failure.
 */
export class AiOutputError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
    /** The calls that were paid for on the way (they are still recorded). */
    readonly calls: AiAnswer<unknown>['calls'],
  ) {
    super(message);
    this.name = 'AiOutputError';
  }
}

/** The engine could not be reached (timeouts, 5xx after retries, 429 after retries): retried later. */
export class AiUnavailableError extends Error {
  constructor(message: string, readonly retryAfterSeconds?: number) {
    super(message);
    this.name = 'AiUnavailableError';
  }
}
