// Small marks of the six platforms (drawn here, in each platform's colour), so a list of them reads
// at a glance. With `labelled` the mark names itself (for icon-only lists).
import { Match, Show, Switch } from 'solid-js';
import type { Platform } from '../../lib/pipeline';
import { platformName } from './text';
import './pipeline.css';

const COLORS: Record<Platform, string> = {
  telegram: '#229ed9',
  vk: '#0077ff',
  x: '#0f1419',
  instagram: '#d62976',
  threads: '#101010',
  linkedin: '#0a66c2',
};

export function PlatformIcon(props: { platform: Platform; size?: number; labelled?: boolean }) {
  const label = () => (props.labelled ? platformName(props.platform) : undefined);
  return (
    <svg
      class="platform-icon"
      width={props.size ?? 18}
      height={props.size ?? 18}
      viewBox="0 0 24 24"
      role={props.labelled ? 'img' : undefined}
      aria-label={label()}
      aria-hidden={props.labelled ? undefined : 'true'}
      data-platform={props.platform}
    >
      <Mark platform={props.platform} color={COLORS[props.platform]} />
      <Show when={label()}>{(text) => <title>{text()}</title>}</Show>
    </svg>
  );
}

function Mark(props: { platform: Platform; color: string }) {
  const letters = (text: string, size: number) => (
    <text x="12" y="12" dy=".35em" text-anchor="middle" font-size={String(size)} font-weight="700" font-family="system-ui, sans-serif" fill="#fff">
      {text}
    </text>
  );
  return (
    <Switch>
      <Match when={props.platform === 'telegram'}>
        <circle cx="12" cy="12" r="12" fill={props.color} />
        <path d="M5.6 11.7l11.2-4.4c.6-.2 1 .1.9.9l-1.9 9c-.1.6-.5.8-1.1.5l-2.9-2.2-1.4 1.4c-.2.2-.3.3-.6.3l.2-3 5.4-4.9c.2-.2 0-.3-.3-.1l-6.7 4.2-2.8-.9c-.7-.2-.7-.6 0-.8z" fill="#fff" />
      </Match>
      <Match when={props.platform === 'x'}>
        <rect width="24" height="24" rx="6" fill={props.color} />
        <path d="M7 6.5l10 11M17 6.5l-10 11" stroke="#fff" stroke-width="2" stroke-linecap="round" />
      </Match>
      <Match when={props.platform === 'instagram'}>
        <rect width="24" height="24" rx="7" fill={props.color} />
        <rect x="6" y="6" width="12" height="12" rx="3.6" fill="none" stroke="#fff" stroke-width="1.8" />
        <circle cx="12" cy="12" r="2.9" fill="none" stroke="#fff" stroke-width="1.8" />
        <circle cx="15.6" cy="8.4" r="1" fill="#fff" />
      </Match>
      <Match when={props.platform === 'vk'}>
        <rect width="24" height="24" rx="7" fill={props.color} />
        {letters('VK', 10)}
      </Match>
      <Match when={props.platform === 'threads'}>
        <rect width="24" height="24" rx="7" fill={props.color} />
        {letters('@', 15)}
      </Match>
      <Match when={props.platform === 'linkedin'}>
        <rect width="24" height="24" rx="5" fill={props.color} />
        {letters('in', 12)}
      </Match>
    </Switch>
  );
}
