// Renders a resource's three states (loading, error, ready) the same way on every page.
import { Match, Switch, type Accessor, type JSX, type Resource } from 'solid-js';
import { t } from '../i18n';
import { ErrorBanner } from './ErrorBanner';
import { Spinner } from './Spinner';

/** Children get an accessor (as with <Show>), so a refetch updates the view in place. */
export function Async<T>(props: { of: Resource<T>; onRetry?: () => void; children: (value: Accessor<T>) => JSX.Element }) {
  const ready = () => props.of.state === 'ready' || props.of.state === 'refreshing';
  return (
    <Switch fallback={<Spinner label={t('common.loading')} />}>
      <Match when={props.of.error}>
        <ErrorBanner error={props.of.error} onRetry={props.onRetry} />
      </Match>
      <Match when={ready()}>{props.children(() => props.of() as T)}</Match>
    </Switch>
  );
}
