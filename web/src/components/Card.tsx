import { Show, type JSX } from 'solid-js';

/** A white surface with an optional title row (title left, actions right). */
export function Card(props: { title?: JSX.Element; actions?: JSX.Element; class?: string; children: JSX.Element }) {
  return (
    <section class={`card ${props.class ?? ''}`}>
      <Show when={props.title || props.actions}>
        <header class="card-header">
          <h2 class="card-title">{props.title}</h2>
          <div class="card-actions">{props.actions}</div>
        </header>
      </Show>
      <div class="card-body">{props.children}</div>
    </section>
  );
}
