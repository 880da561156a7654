import { Show, type JSX } from 'solid-js';
import { Icon, type IconName } from './Icon';

/** What a page shows when it has nothing yet: what will appear here and how to get there. */
export function EmptyState(props: { icon?: IconName; title: JSX.Element; children?: JSX.Element; action?: JSX.Element }) {
  return (
    <div class="empty-state">
      <div class="empty-icon" aria-hidden="true">
        <Icon name={props.icon ?? 'inbox'} size={28} />
      </div>
      <h2 class="empty-title">{props.title}</h2>
      <Show when={props.children}>
        <p class="empty-text">{props.children}</p>
      </Show>
      <Show when={props.action}>
        <div class="empty-action">{props.action}</div>
      </Show>
    </div>
  );
}
