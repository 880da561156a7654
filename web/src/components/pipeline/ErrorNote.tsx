// A pipeline failure in the reader's language; the code, the server's words and the request id
// folded away under "details" for support.
import { Show, type JSX } from 'solid-js';
import { t } from '../../i18n';
import type { ShownError } from './text';
import './pipeline.css';

export function ErrorNote(props: { error: ShownError; children?: JSX.Element }) {
  return (
    <div class="pipeline-error" role="alert" data-error-code={props.error.code}>
      <p>{props.error.text}</p>
      <details class="pipeline-error-details">
        <summary>{t('run.details')}</summary>
        <p>{t('run.errorCode', { code: props.error.code })}</p>
        <Show when={props.error.message}>{(message) => <p>{message()}</p>}</Show>
        <Show when={props.error.requestId}>{(id) => <p>{t('common.requestId', { id: id() })}</p>}</Show>
      </details>
      <Show when={props.children}>
        <div class="pipeline-error-actions">{props.children}</div>
      </Show>
    </div>
  );
}
