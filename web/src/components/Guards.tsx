// Route guards over the session: pages for signed-in users, and pages only for guests.
import { Navigate, useLocation } from '@solidjs/router';
import { Match, Switch, type JSX } from 'solid-js';
import { t } from '../i18n';
import { sessionStatus } from '../lib/session';
import { Spinner } from './Spinner';

const FullPageSpinner = () => (
  <div class="fullpage-center">
    <Spinner label={t('common.loading')} />
  </div>
);

/** Signed-out visitors go to /login?next=<where they were going>. */
export function RequireAuth(props: { children?: JSX.Element }) {
  const location = useLocation();
  const next = () => encodeURIComponent(location.pathname + location.search);
  return (
    <Switch fallback={<FullPageSpinner />}>
      <Match when={sessionStatus() === 'signed-out'}>
        <Navigate href={`/login?next=${next()}`} />
      </Match>
      <Match when={sessionStatus() === 'signed-in'}>{props.children}</Match>
    </Switch>
  );
}

/** Signed-in users who open /login go on to the app (or to ?next=). */
export function GuestOnly(props: { children?: JSX.Element }) {
  const location = useLocation();
  const next = () => {
    const n = new URLSearchParams(location.search).get('next');
    // Only same-app paths: never redirect to another origin.
    return n && n.startsWith('/') && !n.startsWith('//') ? n : '/feed';
  };
  return (
    <Switch fallback={<FullPageSpinner />}>
      <Match when={sessionStatus() === 'signed-in'}>
        <Navigate href={next()} />
      </Match>
      <Match when={sessionStatus() === 'signed-out'}>{props.children}</Match>
    </Switch>
  );
}
