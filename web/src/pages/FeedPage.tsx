// The feed of the user's channels (also the home page): filters kept in the URL (so a filtered
// feed can be shared and reloaded), infinite scroll, media, badges, metrics, the topic chip and a
// link to the original post.
import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { ListEmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { Icon } from '../components/Icon';
import { MediaThumbs } from '../components/MediaThumbs';
import { PostMetrics, PostTime } from '../components/PostMeta';
import { PageHeader } from '../components/PageHeader';
import { PostText } from '../components/PostText';
import { Spinner } from '../components/Spinner';
import { count, isDictKey, t } from '../i18n';
import type { InferRequestType } from 'hono/client';
import { api, read, readIfChanged, type Answer } from '../lib/client';
import { LIVE_MS } from '../lib/live';
import { createPoller } from '../lib/poll';
import { createApiQuery } from '../lib/resource';
import './posts.css';

type FeedQuery = InferRequestType<typeof api.v1.feed.$get>['query'];
type NewPosts = Answer<typeof api.v1.feed.new.$get>;
type ChannelOption = Pick<Answer<typeof api.v1.channels.my.$get>['items'][number], 'id' | 'title'>;
type FeedParams = { q?: string; channel?: string; type?: string; lang?: string; from?: string; to?: string };

const TYPES = ['text', 'photo', 'video', 'album', 'document', 'audio', 'voice', 'animation', 'poll', 'webpage'] as const;
const LANGS = ['ru', 'en', 'other'] as const;
const DATE = /^\d{4}-\d\d-\d\d$/;
const SEARCH_DEBOUNCE_MS = 300;

const typeLabel = (type: string) => {
  const key = `feed.type.${type}`;
  return isDictKey(key) ? t(key) : type;
};
const langLabel = (lang: string) => (lang === 'other' ? t('feed.langOther') : lang.toUpperCase());

const TYPES_KEY = 'tgs.feedTypes';

/** Which message types the reader's feed holds at all: one tiny request per type, once per session. */
async function probeTypes(): Promise<readonly string[]> {
  const saved = sessionStorage.getItem(TYPES_KEY);
  if (saved) return JSON.parse(saved) as string[];
  const found = await Promise.all(TYPES.map(async (ty) => ((await read(api.v1.feed.$get({ query: { type: ty, limit: '1' } }))).items.length ? ty : null)));
  const present = found.filter((ty): ty is (typeof TYPES)[number] => ty !== null);
  if (present.length) sessionStorage.setItem(TYPES_KEY, JSON.stringify(present));
  return present.length ? present : TYPES;
}

/** Local midnight of a YYYY-MM-DD, plus `days`, as an ISO instant. */
const dayStart = (day: string, days = 0) => {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + days);
  return d.toISOString();
};

/** A feed item; `highlights` are the server's match ranges in `text` (empty without a search). */
type ShownItem = Answer<typeof api.v1.feed.$get>['items'][number];

export function PostCard(props: { item: ShownItem; query?: string }) {
  const item = () => props.item;
  return (
    <article class="card post-card" data-message-id={item().id}>
      <header class="post-head">
        <strong class="post-channel">{item().channel.title}</strong>
        <PostTime date={item().date} class="muted" />
        <span class="post-badges">
          <Badge tone="info">{langLabel(item().lang)}</Badge>
          <Show when={item().type !== 'text'}>
            <Badge>{typeLabel(item().type)}</Badge>
          </Show>
          <Show when={item().forwardedFrom}>
            <Badge tone="warning">{t('feed.forward')}</Badge>
          </Show>
        </span>
      </header>
      <MediaThumbs media={item().media} />
      <Show when={item().text}>
        <PostText text={item().text} query={props.query} highlights={item().highlights} />
      </Show>
      <footer class="post-foot">
        <PostMetrics metrics={{ ...item().metrics, reactions: item().metrics.reactions.total }} />
        <span class="post-links">
          <Show when={item().topic}>
            {(topic) => (
              <A href={`/topics/${topic().id}`} class="topic-chip" title={t('feed.topicHint')}>
                <Icon name="topic" size={14} />
                <span class="topic-chip-text">{topic().title}</span>
              </A>
            )}
          </Show>
          <a class="post-original" href={item().url} target="_blank" rel="noopener noreferrer">
            {t('feed.original')}
            <Icon name="external" size={14} />
          </a>
        </span>
      </footer>
    </article>
  );
}

/** A dropdown of checkboxes over the user's channels; none checked means all. */
function ChannelPicker(props: { options: ChannelOption[]; selected: number[]; onChange: (ids: number[]) => void }) {
  let details: HTMLDetailsElement | undefined;
  const summary = () => {
    if (!props.options.length) return t('feed.channelsNone');
    if (!props.selected.length) return t('feed.channelsAll');
    if (props.selected.length === 1) return props.options.find((o) => o.id === props.selected[0])?.title ?? t('feed.channelsSome', { n: 1 });
    return t('feed.channelsSome', { n: props.selected.length });
  };
  const toggle = (id: number, on: boolean) => props.onChange(on ? [...props.selected, id] : props.selected.filter((x) => x !== id));
  // Close on a click elsewhere, as a select would.
  const outside = (e: MouseEvent) => details && !details.contains(e.target as Node) && (details.open = false);
  document.addEventListener('click', outside);
  onCleanup(() => document.removeEventListener('click', outside));
  return (
    <details class="picker" ref={details}>
      <summary class="filter-control picker-summary" aria-label={t('feed.channel')}>
        <span class="picker-value">{summary()}</span>
        <Icon name="chevronDown" size={16} />
      </summary>
      <div class="picker-menu" role="group" aria-label={t('feed.channel')}>
        <For each={props.options}>
          {(o) => (
            <label class="picker-option">
              <input type="checkbox" checked={props.selected.includes(o.id)} onChange={(e) => toggle(o.id, e.currentTarget.checked)} />
              <span>{o.title}</span>
            </label>
          )}
        </For>
        <Show when={props.selected.length}>
          <button type="button" class="btn btn-sm btn-ghost picker-clear" onClick={() => props.onChange([])}>
            {t('feed.channelsAll')}
          </button>
        </Show>
      </div>
    </details>
  );
}

export default function FeedPage() {
  const [params, setParams] = useSearchParams<FeedParams>();
  const [channels] = createApiQuery(() => api.v1.channels.my.$get());
  // The filter lists the user's channels; if they can't load, the feed still works unfiltered.
  const channelOptions = () => (channels.state === 'ready' ? (channels()?.items ?? []) : []);
  const selectedChannels = createMemo(() => (params.channel ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0));
  const from = () => (DATE.test(params.from ?? '') ? params.from! : '');
  const to = () => (DATE.test(params.to ?? '') ? params.to! : '');
  const datesInvalid = () => Boolean(from() && to() && from() > to());
  const filtered = () => Boolean(params.q || selectedChannels().length || params.type || params.lang || from() || to());

  // The search box is typed into locally and reaches the URL (and the API) after a pause.
  const [search, setSearch] = createSignal(params.q ?? '');
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const onSearch = (value: string) => {
    setSearch(value);
    clearTimeout(debounce);
    debounce = setTimeout(() => setParams({ q: value.trim() || undefined }, { replace: true }), SEARCH_DEBOUNCE_MS);
  };
  createEffect(on(() => params.q, (q) => (q ?? '') !== search().trim() && setSearch(q ?? ''), { defer: true }));
  const set = (patch: Partial<Record<keyof FeedParams, string | undefined>>) => setParams(patch, { replace: true });
  const reset = () => {
    clearTimeout(debounce);
    setSearch('');
    setParams({ q: undefined, channel: undefined, type: undefined, lang: undefined, from: undefined, to: undefined }, { replace: true });
  };

  const query = createMemo(
    (): FeedQuery => {
      const q: FeedQuery = { limit: '30' };
      if (params.q?.trim()) q.q = params.q.trim();
      if (selectedChannels().length) q.channel = selectedChannels().join(',');
      if (params.type) q.type = params.type;
      if (params.lang) q.lang = params.lang;
      if (from()) q.from = dayStart(from());
      if (to()) q.to = dayStart(to(), 1);
      return q;
    },
    undefined,
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );

  const [items, setItems] = createSignal<ShownItem[]>([]);
  // How many posts arrived after `head` (GET /v1/feed/new, a count and a 304 while nothing changes).
  const [arrived, setArrived] = createSignal<NewPosts>({ count: 0, more: false });
  let head: number | undefined;
  let pollEtag: string | null = null;
  const [cursor, setCursor] = createSignal<string | null>(null);
  const [done, setDone] = createSignal(false);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  let generation = 0;

  async function loadMore() {
    if (loading() || done() || datesInvalid()) return;
    const mine = generation;
    setLoading(true);
    setError(null);
    try {
      const page = await read(api.v1.feed.$get({ query: { ...query(), ...(cursor() ? { cursor: cursor() as string } : {}) } }));
      if (mine !== generation) return;
      if (!cursor()) head = page.head;
      setItems((prev) => [...prev, ...page.items]);
      setCursor(page.nextCursor);
      setDone(!page.nextCursor);
    } catch (e) {
      if (mine === generation) setError(e);
    } finally {
      if (mine === generation) setLoading(false);
    }
  }

  // Any filter change starts again from the first page.
  createEffect(
    on(query, () => {
      generation++;
      head = undefined;
      pollEtag = null;
      setArrived({ count: 0, more: false });
      setItems([]);
      setCursor(null);
      setDone(false);
      setLoading(false);
      void loadMore();
    }),
  );

  const newer = (a: ShownItem, b: ShownItem | undefined) => !b || a.date > b.date || (a.date === b.date && a.id > b.id);
  /** The feed's filters as /v1/feed/new takes them (no dates: new posts are the newest). */
  const newQuery = () => {
    const { limit: _limit, from: _from, to: _to, cursor: _cursor, ...filters } = query();
    return { ...filters, after: String(head ?? 0) };
  };
  const live = createPoller({
    intervalMs: LIVE_MS.feed,
    // A feed that ends in the past (`to`) gets no new posts; one without a head has nothing to ask.
    enabled: () => (done() || items().length > 0) && head !== undefined && !to() && !datesInvalid(),
    tick: async (signal) => {
      const mine = generation;
      const answer = await readIfChanged((options) => api.v1.feed.new.$get({ query: newQuery() }, options), pollEtag, { signal });
      if (!answer.changed || mine !== generation) return;
      pollEtag = answer.etag;
      if (!answer.data.count) return;
      // An empty list has no place to keep: the posts simply appear.
      if (!items().length) return void bringIn();
      setArrived(answer.data);
    },
  });

  /** Loads what arrived since `head` and puts it at the top of the list. */
  async function fetchArrived(): Promise<ShownItem[]> {
    const mine = generation;
    const page = await read(api.v1.feed.$get({ query: { ...query(), limit: String(Math.min(100, Math.max(30, arrived().count))) } }));
    if (mine !== generation) return [];
    head = page.head ?? head;
    pollEtag = null;
    const top = items()[0];
    const known = new Set(items().map((i) => i.id));
    return page.items.filter((i) => !known.has(i.id) && newer(i, top));
  }

  /** Brings the new posts in at the top; a reader who scrolled down stays on the same post. */
  let list: HTMLDivElement | undefined;
  async function bringIn() {
    let fresh: ShownItem[];
    try {
      fresh = await fetchArrived();
    } catch (e) {
      setError(e);
      return;
    }
    const anchor = window.scrollY > 100 ? [...(list?.children ?? [])].find((el) => el.getBoundingClientRect().bottom > 0) : undefined;
    const before = anchor?.getBoundingClientRect().top ?? 0;
    setItems((prev) => [...fresh, ...prev]);
    setArrived({ count: 0, more: false });
    if (anchor) window.scrollBy(0, anchor.getBoundingClientRect().top - before);
    else window.scrollTo({ top: 0 });
    live.now();
  }

  // The filter offers the types the reader's channels hold (probed once per session), and the chosen one.
  const [presentTypes, setPresentTypes] = createSignal<readonly string[]>(TYPES);
  void probeTypes().then(setPresentTypes, () => undefined);
  const typeOptions = () => TYPES.filter((ty) => presentTypes().includes(ty) || params.type === ty);

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
      <form class="card filter-bar" role="search" aria-label={t('feed.filters')} onSubmit={(e) => e.preventDefault()}>
        <label class="filter filter-search">
          <span class="filter-label">{t('feed.search')}</span>
          <span class="filter-input-icon">
            <Icon name="search" size={16} />
            <input class="filter-control" type="search" name="q" value={search()} onInput={(e) => onSearch(e.currentTarget.value)} placeholder={t('feed.searchPlaceholder')} />
          </span>
        </label>
        <div class="filter filter-channels">
          <span class="filter-label">{t('feed.channel')}</span>
          <ChannelPicker options={channelOptions()} selected={selectedChannels()} onChange={(ids) => set({ channel: ids.length ? ids.join(',') : undefined })} />
        </div>
        <label class="filter">
          <span class="filter-label">{t('feed.typeLabel')}</span>
          <select class="filter-control" name="type" value={params.type ?? ''} onChange={(e) => set({ type: e.currentTarget.value || undefined })}>
            <option value="">{t('feed.typesAll')}</option>
            <For each={typeOptions()}>{(ty) => <option value={ty}>{typeLabel(ty)}</option>}</For>
          </select>
        </label>
        <label class="filter">
          <span class="filter-label">{t('feed.lang')}</span>
          <select class="filter-control" name="lang" value={params.lang ?? ''} onChange={(e) => set({ lang: e.currentTarget.value || undefined })}>
            <option value="">{t('feed.langsAll')}</option>
            <For each={LANGS}>{(l) => <option value={l}>{langLabel(l)}</option>}</For>
          </select>
        </label>
        <label class="filter filter-date">
          <span class="filter-label">{t('feed.from')}</span>
          <input class="filter-control" type="date" name="from" value={from()} max={to() || undefined} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
        </label>
        <label class="filter filter-date">
          <span class="filter-label">{t('feed.to')}</span>
          <input class="filter-control" type="date" name="to" value={to()} min={from() || undefined} onChange={(e) => set({ to: e.currentTarget.value || undefined })} />
        </label>
        <div class="filter filter-reset">
          <Button size="sm" variant="ghost" disabled={!filtered() && !search()} onClick={reset}>
            <Icon name="reset" size={16} />
            {t('feed.reset')}
          </Button>
        </div>
        <Show when={datesInvalid()}>
          <p class="filter-problem" role="alert">
            {t('feed.datesInvalid')}
          </p>
        </Show>
      </form>
      <Show when={arrived().count}>
        <button type="button" class="btn btn-primary btn-sm new-posts" data-testid="new-posts" title={t('live.newPostsHint')} onClick={() => void bringIn()}>
          <Icon name="chevronDown" size={16} />
          {arrived().more ? t('count.newPosts.many', { n: `${arrived().count}+` }) : count('newPosts', arrived().count)}
        </button>
      </Show>
      <Show when={live.trouble()}>
        <p class="muted live-trouble" role="status">
          {t('live.trouble')}
        </p>
      </Show>
      <div class="post-list" ref={list}>
        <For each={items()}>{(item) => <PostCard item={item} query={params.q} />}</For>
      </div>
      <Show when={error()}>
        <ErrorBanner error={error()} onRetry={() => void loadMore()} />
      </Show>
      <Show when={loading()}>
        <Spinner label={t('common.loading')} />
      </Show>
      <Show when={done() && !items().length && !error()}>
        <Card>
          <ListEmptyState
            icon="feed"
            filtered={filtered()}
            empty={{ title: t('feed.emptyTitle'), text: t('feed.emptyText'), actionLabel: t('feed.toSubscriptions'), actionHref: '/subscriptions' }}
            filteredOut={{ title: t('feed.emptyFilteredTitle'), text: t('feed.emptyFilteredText'), resetLabel: t('feed.reset'), onReset: reset }}
          />
        </Card>
      </Show>
      <Show when={done() && items().length > 0}>
        <p class="muted feed-end">{t('feed.end')}</p>
      </Show>
      <div ref={sentinel} aria-hidden="true" style={{ height: '1px' }} />
    </div>
  );
}
