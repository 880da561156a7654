// The part of a failure that is for support, folded away: the code, the server's words, the request id.
import { Show } from 'solid-js';
import { t } from '../i18n';
import type { ShownError } from '../lib/errors';

export function ErrorDetails(props: { error: ShownError }) {
  return (
    <details class="error-details" data-testid="error-details">
      <summary>{t('run.details')}</summary>
      <p>{t('run.errorCode', { code: props.error.code })}</p>
      <Show when={props.error.message && props.error.message !== props.error.text}>
        <p>{props.error.message}</p>
      </Show>
      <Show when={props.error.requestId}>{(id) => <p>{t('common.requestId', { id: id() })}</p>}</Show>
    </details>
  );
}
