import { Show } from 'solid-js';
import { t } from '../i18n';
import { ApiError, NETWORK_ERROR } from '../lib/api';
import { Button } from './Button';

/** Shows a failed request the way people can act on it: message, request id, retry. */
export function ErrorBanner(props: { error: unknown; title?: string; onRetry?: () => void }) {
  const message = () => {
    const e = props.error;
    if (e instanceof ApiError && e.code === NETWORK_ERROR) return t('common.networkError');
    return e instanceof Error ? e.message : String(e);
  };
  const requestId = () => (props.error instanceof ApiError ? props.error.requestId : undefined);
  return (
    <div class="error-banner" role="alert">
      <div class="error-banner-text">
        <strong>{props.title ?? t('common.errorTitle')}</strong>
        <span>{message()}</span>
        <Show when={requestId()}>
          {(id) => <small class="muted">{t('common.requestId', { id: id() })}</small>}
        </Show>
      </div>
      <Show when={props.onRetry}>
        <Button size="sm" onClick={() => props.onRetry?.()}>
          {t('common.retry')}
        </Button>
      </Show>
    </div>
  );
}
