// A pipeline failure in the reader's language; the code, the server's words and the request id
// folded away under "details" for support (the same fold as every ErrorBanner).
import { Show, type JSX } from 'solid-js';
import type { ShownError } from '../../lib/errors';
import { ErrorDetails } from '../ErrorDetails';
import './pipeline.css';

export function ErrorNote(props: { error: ShownError; children?: JSX.Element }) {
  return (
    <div class="pipeline-error" role="alert" data-error-code={props.error.code}>
      <p>{props.error.text}</p>
      <ErrorDetails error={props.error} />
      <Show when={props.children}>
        <div class="pipeline-error-actions">{props.children}</div>
      </Show>
    </div>
  );
}
