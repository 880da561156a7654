// Who is signed in: GET /v1/me, loaded once at start. Any non-200 means signed out.
import { createSignal } from 'solid-js';
import { ApiError, setUnauthorizedHandler } from './api';
import { api, publicApi, read, type Answer } from './client';

/** The /v1/me answer: the user, plan and limits, settings, and which parts run on local stand-ins. */
export type Me = Answer<typeof api.v1.me.$get>;
export type SessionUser = Me['user'];
export type UserSettings = Me['settings'];

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out';

const [status, setStatus] = createSignal<SessionStatus>('loading');
const [me, setMe] = createSignal<Me | null>(null);
export { me, status as sessionStatus };

let loading: Promise<Me | null> | null = null;

/** Loads the session once; later calls share the first request. Pass force after sign-in. */
export function loadSession(force = false): Promise<Me | null> {
  if (loading && !force) return loading;
  loading = read(publicApi.v1.me.$get()).then(
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
    await read(publicApi.auth.logout.$post());
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
