// Whether the signed-in user has a Telegram account yet: decides onboarding. Loaded once per
// session and set by the Connect page when an account is connected.
import { createSignal } from 'solid-js';
import { api, read, type Answer } from './client';

export type AccountsResponse = Answer<typeof api.v1.accounts.$get>;
export type AccountView = AccountsResponse['accounts'][number];

const [hasAccount, setHasAccount] = createSignal<boolean | undefined>(undefined);
export { hasAccount };

let loading: Promise<boolean> | null = null;

export function loadHasAccount(): Promise<boolean> {
  loading ??= read(api.v1.accounts.$get()).then(
    (r) => {
      setHasAccount(r.accounts.length > 0);
      return r.accounts.length > 0;
    },
    () => {
      // Not knowing must not lock anyone out of the app: treat as "has one" and let pages explain.
      loading = null;
      setHasAccount(true);
      return true;
    },
  );
  return loading;
}

export function markAccounts(count: number) {
  loading = Promise.resolve(count > 0);
  setHasAccount(count > 0);
}
