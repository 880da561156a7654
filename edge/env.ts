import type { Logger } from '../core/log';
import type { PlanName } from '../core/plans';
import type { SessionClaims } from './auth/session-token';
import type { Services } from './services';

/** The signed-in user as loaded once by the auth middleware. */
export interface CurrentUser {
  id: string;
  tgId: number;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  photoUrl: string | null;
  role: 'user' | 'admin';
  plan: PlanName;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    services: Services;
    user: CurrentUser;
    session: SessionClaims;
  };
}
