import { Show } from 'solid-js';

/** A loading indicator; with a label it becomes a centred block for whole sections. */
export function Spinner(props: { size?: 'sm' | 'md'; label?: string }) {
  return (
    <Show when={props.label} fallback={<span class={`spinner spinner-${props.size ?? 'md'}`} aria-hidden="true" />}>
      <div class="spinner-block" role="status" aria-live="polite">
        <span class={`spinner spinner-${props.size ?? 'md'}`} aria-hidden="true" />
        <span>{props.label}</span>
      </div>
    </Show>
  );
}
