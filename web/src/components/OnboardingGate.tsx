// Onboarding: a user with no Telegram account yet is sent to "Connect by QR" instead of an empty feed.
import { Navigate } from '@solidjs/router';
import { Match, onMount, Switch, type JSX } from 'solid-js';
import { t } from '../i18n';
import { hasAccount, loadHasAccount } from '../lib/accounts';
import { Spinner } from './Spinner';

export function OnboardingGate(props: { children: JSX.Element }) {
  onMount(() => void loadHasAccount());
  return (
    <Switch fallback={<Spinner label={t('common.loading')} />}>
      <Match when={hasAccount() === false}>
        <Navigate href="/connect" />
      </Match>
      <Match when={hasAccount() === true}>{props.children}</Match>
    </Switch>
  );
}
