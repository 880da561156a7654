import { Show } from 'solid-js';
import { t } from '../i18n';
import { describeError } from '../lib/errors';
import { Button } from './Button';
import { ErrorDetails } from './ErrorDetails';

/**
 * Shows a failed request the way people can act on it: a sentence in their language, a retry, and
 * the code and request id folded under "details". `override` words some codes for this screen.
 */
export function ErrorBanner(props: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  override?: (code: string, details?: Record<string, unknown>) => string | undefined;
}) {
  const shown = () => describeError(props.error, props.override);
  return (
    <div class="error-banner" role="alert" data-error-code={shown().code}>
      <div class="error-banner-text">
        <strong>{props.title ?? t('common.errorTitle')}</strong>
        <span>{shown().text}</span>
        <ErrorDetails error={shown()} />
      </div>
      <Show when={props.onRetry}>
        <Button size="sm" onClick={() => props.onRetry?.()}>
          {t('common.retry')}
        </Button>
      </Show>
    </div>
  );
}
