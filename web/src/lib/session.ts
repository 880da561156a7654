// Who is signed in: GET /v1/me, loaded once at start. Any non-200 means signed out.
import { createSignal } from 'solid-js';
import type { PlanLimits, PlanName } from '../../../core/plans';
import type { CurrentUser } from '../../../edge/env';
import type { UserSettingsRow } from '../../../db/queries/settings';
import { ApiError, apiFetch, setUnauthorizedHandler } from './api';

// The /v1/me contract, from the server's own types (type-only imports: no server code is bundled).
export type SessionUser = CurrentUser;
export type UserSettings = UserSettingsRow;

export interface Me {
  user: SessionUser;
  plan: PlanName;
  limits: PlanLimits;
  settings: UserSettings;
  session: { expiresAt: string };
  /** Which parts run on local stand-ins, so pages can label them. */
  sandbox: { telegram: boolean; aiOffline: boolean };
}

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out';

const [status, setStatus] = createSignal<SessionStatus>('loading');
const [me, setMe] = createSignal<Me | null>(null);
export { me, status as sessionStatus };

let loading: Promise<Me | null> | null = null;

/** Loads the session once; later calls share the first request. Pass force after sign-in. */
export function loadSession(force = false): Promise<Me | null> {
  if (loading && !force) return loading;
  loading = apiFetch<Me>('/v1/me', { redirectOn401: false }).then(
    (value) => {
      setMe(value);
      setStatus('signed-in');
      return value;
    },
    (error: unknown) => {
      // 401/404 are the normal "no session / endpoint not there yet"; anything else is worth a log line.
      if (!(error instanceof ApiError) || ![401, 404].includes(error.status)) console.warn('session: /v1/me failed', error);
      markSignedOut();
      return null;
    },
  );
  return loading;
}

export function markSignedOut() {
  setMe(null);
  setStatus('signed-out');
}

export async function signOut() {
  try {
    await apiFetch('/auth/logout', { method: 'POST', redirectOn401: false });
  } catch (error) {
    // The cookie may already be gone; the local session ends either way.
    console.warn('session: logout request failed', error);
  }
  markSignedOut();
}

export function displayName(user: SessionUser): string {
  const full = [user.firstName, user.lastName].filter(Boolean).join(' ');
  return full || (user.username ? `@${user.username}` : user.id);
}

// A 401 from any API call ends the session; RequireAuth then routes to /login.
setUnauthorizedHandler(markSignedOut);
