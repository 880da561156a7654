// Job handlers by topic: thin — validate the payload, call the same functions the API uses.
// The AI pipeline's steps register here as they are built.
import type { JobHandlers } from '../ports/queue';

export function createJobHandlers(): JobHandlers {
  return {};
}
