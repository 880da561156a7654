// One button for the whole app; with `href` it renders a router link styled the same way.
import { A } from '@solidjs/router';
import { Show, splitProps, type JSX } from 'solid-js';
import { Spinner } from './Spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

interface Common {
  variant?: ButtonVariant;
  size?: 'sm' | 'md';
  children: JSX.Element;
}

type ButtonProps = Common & JSX.ButtonHTMLAttributes<HTMLButtonElement> & { href?: undefined; loading?: boolean };
type LinkProps = Common & { href: string; class?: string; 'aria-label'?: string };

const classes = (p: Common & { class?: string }) =>
  ['btn', `btn-${p.variant ?? 'secondary'}`, p.size === 'sm' ? 'btn-sm' : '', p.class ?? ''].filter(Boolean).join(' ');

export function Button(props: ButtonProps | LinkProps) {
  if (props.href !== undefined) {
    const p = props as LinkProps;
    return (
      <A href={p.href} class={classes(p)} aria-label={p['aria-label']}>
        {p.children}
      </A>
    );
  }
  const [local, rest] = splitProps(props as ButtonProps, ['variant', 'size', 'class', 'children', 'loading', 'disabled']);
  return (
    <button type="button" {...rest} class={classes(local)} disabled={local.disabled || local.loading} aria-busy={local.loading || undefined}>
      <Show when={local.loading}>
        <Spinner size="sm" />
      </Show>
      {local.children}
    </button>
  );
}
