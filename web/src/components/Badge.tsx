import type { JSX } from 'solid-js';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** A short status label, e.g. an account's state or a channel's visibility. */
export function Badge(props: { tone?: BadgeTone; children: JSX.Element }) {
  return <span class={`badge badge-${props.tone ?? 'neutral'}`}>{props.children}</span>;
}
