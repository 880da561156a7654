// Parts every post card shares (feed, top, topic): its time, in the reader's locale and relative
// while recent, and its engagement figures with icons, labelled "simulated" on the sandbox.
import { createSignal, For, onCleanup, Show } from 'solid-js';
import { formatDateTime, locale, t, type DictKey } from '../i18n';
import { me } from '../lib/session';
import { Icon, type IconName } from './Icon';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// One clock for every relative time on the page, ticking once a minute.
const [clock, setClock] = createSignal(Date.now());
let ticking = 0;
let timer: ReturnType<typeof setInterval> | undefined;
function useClock() {
  if (ticking++ === 0) timer = setInterval(() => setClock(Date.now()), MINUTE);
  onCleanup(() => {
    if (--ticking === 0) clearInterval(timer);
  });
  return clock;
}

/** "5 мин. назад" within a day, else a compact date ("2 дек., 15:39"; the year only when it isn't this one). */
export function formatPostTime(iso: string, now: number): string {
  const date = new Date(iso);
  const age = now - date.getTime();
  if (age >= 0 && age < DAY) {
    if (age < MINUTE) return t('feed.justNow');
    const rtf = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto', style: 'short' });
    return age < HOUR ? rtf.format(-Math.floor(age / MINUTE), 'minute') : rtf.format(-Math.floor(age / HOUR), 'hour');
  }
  return formatShortDateTime(date, now);
}

export function formatShortDateTime(date: Date, now = Date.now()): string {
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale(), {
    day: 'numeric',
    month: 'short',
    year: sameYear ? undefined : 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

/** Hour of day in the locale ("15:00" / "03 PM"). */
export const formatHour = (date: Date) => new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' }).format(date);

/** A <time> showing the post's age or date, with the full date and time as its tooltip. */
export function PostTime(props: { date: string; class?: string }) {
  const now = useClock();
  return (
    <time class={`post-time ${props.class ?? ''}`} datetime={props.date} title={formatDateTime(props.date)}>
      {formatPostTime(props.date, now())}
    </time>
  );
}

/** 1234 → "1,2 тыс." / "1.2K". */
export const formatCount = (n: number) => new Intl.NumberFormat(locale(), { notation: 'compact', maximumFractionDigits: 1 }).format(n);

export interface PostMetricValues {
  views: number;
  forwards: number;
  reactions: number;
  comments: number;
}

const METRICS: { key: keyof PostMetricValues; icon: IconName; label: DictKey }[] = [
  { key: 'views', icon: 'eye', label: 'feed.metric.views' },
  { key: 'forwards', icon: 'forward', label: 'feed.metric.forwards' },
  { key: 'reactions', icon: 'heart', label: 'feed.metric.reactions' },
  { key: 'comments', icon: 'comment', label: 'feed.metric.comments' },
];

/** Views · forwards · reactions · comments; a "simulated" hint when the sandbox made them up. */
export function PostMetrics(props: { metrics: PostMetricValues }) {
  return (
    <div class="post-metrics" role="list" aria-label={t('feed.metricsLabel')}>
      <For each={METRICS}>
        {(m) => {
          const label = () => `${t(m.label)}: ${new Intl.NumberFormat(locale()).format(props.metrics[m.key])}`;
          return (
            <span class="post-metric" role="listitem" title={label()} aria-label={label()} data-metric={m.key}>
              <Icon name={m.icon} size={15} />
              <span aria-hidden="true">{formatCount(props.metrics[m.key])}</span>
            </span>
          );
        }}
      </For>
      <Show when={me()?.sandbox?.telegram}>
        <span class="post-simulated" title={t('feed.simulatedHint')} data-testid="simulated-metrics">
          {t('feed.simulated')}
        </span>
      </Show>
    </div>
  );
}
