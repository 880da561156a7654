// How the pipeline's failures reach people: one AppError per reason, with its code and status.
import { AppError } from '../../../core/errors';
import { AiOutputError, AiUnavailableError } from '../../ports/ai';

/** An AI failure as the API reports it (routes) and as a run stores it (jobs). */
export function aiFailure(error: unknown): AppError | null {
  if (error instanceof AiOutputError) {
    return new AppError('AI_OUTPUT_INVALID', `The AI engine's answer was unusable: ${error.problems.slice(0, 3).join('; ')}`);
  }
  if (error instanceof AiUnavailableError) {
    return new AppError('AI_UNAVAILABLE', 'The AI engine is unavailable; try again shortly', error.retryAfterSeconds ? { retryAfterSeconds: error.retryAfterSeconds } : undefined);
  }
  return null;
}

export class PromptFlaggedError extends AppError {
  constructor(readonly categories: string[]) {
    super('IMAGE_PROMPT_FLAGGED', `Moderation refused the image prompt (${categories.join(', ')})`, { categories });
  }
}
