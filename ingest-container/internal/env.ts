import type { Logger } from '../../core/log';

export interface InternalEnv {
  Variables: {
    log: Logger;
    /** The request body as signed; handlers parse it from here. */
    rawBody: string;
  };
}
