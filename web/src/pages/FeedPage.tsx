// The feed of the user's channels (also the home page): filters, infinite scroll, media
// thumbnails, badges, metrics, the topic chip and a link to the original post.
import { A } from '@solidjs/router';
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { FeedItem } from '../../../db/queries/feed';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { t } from '../i18n';
import { apiFetch } from '../lib/api';
import { createApiResource } from '../lib/resource';

interface FeedResponse {
  items: FeedItem[];
  nextCursor: string | null;
}
interface ChannelOption {
  id: number;
  title: string;
}

const TYPES = ['text', 'photo', 'video', 'album', 'document', 'audio', 'voice', 'animation', 'poll', 'webpage'] as const;

export const formatCount = (n: number) => (n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)}M` : n >= 1000 ? `${(n / 1000).toFixed(1)}K` : String(n));
export const formatDate = (iso: string) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export function PostCard(props: { item: FeedItem }) {
  const item = () => props.item;
  return (
    <Card>
      <article class="feed-item" data-message-id={item().id}>
        <header style={{ display: 'flex', gap: '8px', 'align-items': 'center', 'flex-wrap': 'wrap' }}>
          <strong>{item().channel.title}</strong>
          <small class="muted">{formatDate(item().date)}</small>
          <Badge tone="info">{item().lang.toUpperCase()}</Badge>
          <Badge>{t(`feed.type.${item().type}` as never) || item().type}</Badge>
          <Show when={item().forwardedFrom}>
            <Badge tone="warning">{t('feed.forward')}</Badge>
          </Show>
        </header>
        <Show when={item().media.length}>
          <div style={{ display: 'flex', gap: '6px', margin: '8px 0', 'flex-wrap': 'wrap' }}>
            <For each={item().media.slice(0, 4)}>
              {(m) => (
                <Show when={m.kind === 'photo'} fallback={<Badge>{m.kind}</Badge>}>
                  <img src={m.url} alt="" loading="lazy" style={{ 'max-height': '140px', 'max-width': '220px', 'border-radius': '6px', 'object-fit': 'cover' }} />
                </Show>
              )}
            </For>
          </div>
        </Show>
        <p style={{ 'white-space': 'pre-wrap', margin: '8px 0' }}>{item().text}</p>
        <footer style={{ display: 'flex', gap: '12px', 'align-items': 'center', 'flex-wrap': 'wrap' }}>
          <small class="muted">
            {t('feed.metrics', {
              views: formatCount(item().metrics.views),
              forwards: formatCount(item().metrics.forwards),
              reactions: formatCount(item().metrics.reactions.total),
              comments: formatCount(item().metrics.comments),
            })}
          </small>
          <Show when={item().topic}>
            {(topic) => (
              <A href={`/topics/${topic().id}`} class="badge badge-success" title={t('feed.topicHint')}>
                {t('feed.topic')}: {topic().title}
              </A>
            )}
          </Show>
          <a href={item().url} target="_blank" rel="noopener noreferrer">
            {t('feed.original')}
          </a>
        </footer>
      </article>
    </Card>
  );
}

export default function FeedPage() {
  const [channels] = createApiResource<{ items: ChannelOption[] }>('/v1/channels/my');
  // The filter lists the user's channels; if they can't load, the feed still works unfiltered.
  const channelOptions = () => (channels.state === 'ready' ? (channels()?.items ?? []) : []);
  const [q, setQ] = createSignal('');
  const [channel, setChannel] = createSignal('');
  const [type, setType] = createSignal('');
  const [lang, setLang] = createSignal('');
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const [items, setItems] = createSignal<FeedItem[]>([]);
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [done, setDone] = createSignal(false);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  let generation = 0;

  const query = () => {
    const p = new URLSearchParams({ limit: '30' });
    if (q().trim()) p.set('q', q().trim());
    if (channel()) p.set('channel', channel());
    if (type()) p.set('type', type());
    if (lang()) p.set('lang', lang());
    if (from()) p.set('from', new Date(`${from()}T00:00:00`).toISOString());
    if (to()) p.set('to', new Date(new Date(`${to()}T00:00:00`).getTime() + 86_400_000).toISOString());
    return p;
  };

  async function loadMore() {
    if (loading() || done()) return;
    const mine = generation;
    setLoading(true);
    setError(null);
    try {
      const p = query();
      if (cursor()) p.set('cursor', cursor() as string);
      const page = await apiFetch<FeedResponse>(`/v1/feed?${p}`);
      if (mine !== generation) return;
      setItems((prev) => [...prev, ...page.items]);
      setCursor(page.nextCursor);
      setDone(!page.nextCursor);
    } catch (e) {
      if (mine === generation) setError(e);
    } finally {
      if (mine === generation) setLoading(false);
    }
  }

  // Any filter change starts again from the first page (debounced for typing).
  let debounce: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on([q, channel, type, lang, from, to], () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        generation++;
        setItems([]);
        setCursor(null);
        setDone(false);
        setLoading(false);
        void loadMore();
      }, 250);
    }),
  );

  let sentinel: HTMLDivElement | undefined;
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) void loadMore();
  }, { rootMargin: '600px' });
  createEffect(() => sentinel && observer.observe(sentinel));
  onCleanup(() => {
    observer.disconnect();
    clearTimeout(debounce);
  });

  return (
    <div class="page" data-page="feed">
      <PageHeader title={t('feed.title')} subtitle={t('feed.subtitle')} />
      <Card>
        <form class="feed-filters" style={{ display: 'flex', gap: '8px', 'flex-wrap': 'wrap', 'align-items': 'end' }} onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('feed.search')}
            <input type="search" value={q()} onInput={(e) => setQ(e.currentTarget.value)} placeholder={t('feed.searchPlaceholder')} />
          </label>
          <label>
            {t('feed.channel')}
            <select value={channel()} onChange={(e) => setChannel(e.currentTarget.value)}>
              <option value="">{t('feed.all')}</option>
              <For each={channelOptions()}>{(c) => <option value={c.id}>{c.title}</option>}</For>
            </select>
          </label>
          <label>
            {t('feed.typeLabel')}
            <select value={type()} onChange={(e) => setType(e.currentTarget.value)}>
              <option value="">{t('feed.all')}</option>
              <For each={TYPES}>{(ty) => <option value={ty}>{t(`feed.type.${ty}` as never) || ty}</option>}</For>
            </select>
          </label>
          <label>
            {t('feed.lang')}
            <select value={lang()} onChange={(e) => setLang(e.currentTarget.value)}>
              <option value="">{t('feed.all')}</option>
              <option value="ru">RU</option>
              <option value="en">EN</option>
              <option value="other">{t('feed.langOther')}</option>
            </select>
          </label>
          <label>
            {t('feed.from')}
            <input type="date" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} />
          </label>
          <label>
            {t('feed.to')}
            <input type="date" value={to()} onInput={(e) => setTo(e.currentTarget.value)} />
          </label>
        </form>
      </Card>
      <div style={{ display: 'grid', gap: '12px', 'margin-top': '12px' }}>
        <For each={items()}>{(item) => <PostCard item={item} />}</For>
      </div>
      <Show when={error()}>
        <ErrorBanner error={error()} onRetry={() => void loadMore()} />
      </Show>
      <Show when={loading()}>
        <Spinner label={t('common.loading')} />
      </Show>
      <Show when={done() && !items().length && !error()}>
        <Card>
          <EmptyState
            icon="feed"
            title={t('feed.emptyTitle')}
            action={
              <Button href="/subscriptions" variant="primary">
                {t('feed.toSubscriptions')}
              </Button>
            }
          >
            {t('feed.emptyText')}
          </EmptyState>
        </Card>
      </Show>
      <Show when={done() && items().length > 0}>
        <p class="muted" style={{ 'text-align': 'center' }}>{t('feed.end')}</p>
      </Show>
      <div ref={sentinel} aria-hidden="true" style={{ height: '1px' }} />
    </div>
  );
}
