import { Show, type JSX } from 'solid-js';
import { Button } from './Button';
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

/**
 * A list's empty state: with filters on, "nothing matches" and a reset; without, what will appear
 * and the way to get it.
 */
export function ListEmptyState(props: {
  icon: IconName;
  filtered: boolean;
  empty: { title: string; text: string; actionLabel: string; actionHref: string };
  filteredOut: { title: string; text: string; resetLabel: string; onReset: () => void };
}) {
  return (
    <Show
      when={props.filtered}
      fallback={
        <EmptyState
          icon={props.icon}
          title={props.empty.title}
          action={
            <Button href={props.empty.actionHref} variant="primary">
              {props.empty.actionLabel}
            </Button>
          }
        >
          {props.empty.text}
        </EmptyState>
      }
    >
      <EmptyState
        icon={props.icon}
        title={props.filteredOut.title}
        action={
          <Button variant="secondary" onClick={() => props.filteredOut.onReset()}>
            {props.filteredOut.resetLabel}
          </Button>
        }
      >
        {props.filteredOut.text}
      </EmptyState>
    </Show>
  );
}
