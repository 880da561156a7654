import { Show, type JSX } from 'solid-js';

/** The title block at the top of every page, with room for page-level actions. */
export function PageHeader(props: { title: JSX.Element; subtitle?: JSX.Element; actions?: JSX.Element; back?: JSX.Element }) {
  return (
    <header class="page-header">
      <div class="page-header-text">
        <Show when={props.back}>
          <div class="page-back">{props.back}</div>
        </Show>
        <h1 class="page-title">{props.title}</h1>
        <Show when={props.subtitle}>
          <p class="page-subtitle">{props.subtitle}</p>
        </Show>
      </div>
      <Show when={props.actions}>
        <div class="page-actions">{props.actions}</div>
      </Show>
    </header>
  );
}
