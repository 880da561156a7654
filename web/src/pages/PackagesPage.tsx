// The user's packages, newest first: headline, date, platforms, thumbnail and engine, filtered by a
// date range kept in the URL; export of the whole range as JSON or CSV; "show more" by cursor.
import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { ListEmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { ExportLinks } from '../components/pipeline/ExportLinks';
import { PlatformIcon } from '../components/pipeline/PlatformIcon';
import { formatDateTime, t } from '../i18n';
import { listPackages, packagesExportUrl, type DateRange, type PackageSummary } from '../lib/pipeline';
import './posts.css';
import './packages.css';

const DATE = /^\d{4}-\d\d-\d\d$/;
const PAGE_SIZE = 20;

function PackageRow(props: { item: PackageSummary }) {
  return (
    <A href={`/packages/${encodeURIComponent(props.item.id)}`} class="card package-row" data-testid="package-row" data-package-id={props.item.id}>
      <span class="package-thumb" aria-hidden="true">
        <Show when={props.item.imageUrl} fallback={<Icon name="packages" size={24} />}>
          {(url) => <img src={url()} alt="" loading="lazy" />}
        </Show>
      </span>
      <span class="package-row-main">
        <strong class="package-row-title">{props.item.headline}</strong>
        <span class="package-row-meta">
          <time datetime={props.item.createdAt}>{formatDateTime(props.item.createdAt)}</time>
          <Show when={props.item.engine === 'offline'}>
            <span title={t('header.aiOfflineHint')}>
              <Badge tone="warning">{t('engine.offline')}</Badge>
            </span>
          </Show>
        </span>
        <span class="package-row-platforms" role="list" aria-label={t('exclusive.platforms')}>
          <For each={props.item.platforms}>
            {(platform) => (
              <span role="listitem" class="platform-chip">
                <PlatformIcon platform={platform} size={20} labelled />
              </span>
            )}
          </For>
        </span>
      </span>
    </A>
  );
}

export default function PackagesPage() {
  const [params, setParams] = useSearchParams<{ from?: string; to?: string }>();
  const from = () => (DATE.test(params.from ?? '') ? params.from! : '');
  const to = () => (DATE.test(params.to ?? '') ? params.to! : '');
  const datesInvalid = () => Boolean(from() && to() && from() > to());
  const filtered = () => Boolean(from() || to());
  const range = createMemo<DateRange>((): DateRange => ({ from: from() || undefined, to: to() || undefined }), { from: undefined, to: undefined }, {
    equals: (a, b) => a.from === b.from && a.to === b.to,
  });

  const [items, setItems] = createSignal<PackageSummary[]>([]);
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
      const page = await listPackages({ ...range(), limit: PAGE_SIZE, cursor: cursor() });
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

  createEffect(
    on(range, () => {
      generation++;
      setItems([]);
      setCursor(null);
      setDone(false);
      setLoading(false);
      void loadMore();
    }),
  );

  const set = (patch: { from?: string; to?: string }) => setParams(patch, { replace: true });
  const reset = () => setParams({ from: undefined, to: undefined }, { replace: true });

  return (
    <div class="page" data-page="packages">
      <PageHeader
        title={t('packages.title')}
        subtitle={t('packages.subtitle')}
        actions={<ExportLinks json={packagesExportUrl('json', range())} csv={packagesExportUrl('csv', range())} title={t('packages.exportHint')} disabled={datesInvalid()} />}
      />
      <form class="card filter-bar packages-filter" aria-label={t('packages.filterLabel')} onSubmit={(e) => e.preventDefault()}>
        <label class="filter filter-date">
          <span class="filter-label">{t('packages.from')}</span>
          <input class="filter-control" type="date" name="from" value={from()} max={to() || undefined} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
        </label>
        <label class="filter filter-date">
          <span class="filter-label">{t('packages.to')}</span>
          <input class="filter-control" type="date" name="to" value={to()} min={from() || undefined} onChange={(e) => set({ to: e.currentTarget.value || undefined })} />
        </label>
        <div class="filter filter-reset">
          <Button size="sm" variant="ghost" disabled={!filtered()} onClick={reset}>
            <Icon name="reset" size={16} />
            {t('packages.reset')}
          </Button>
        </div>
        <Show when={datesInvalid()}>
          <p class="filter-problem" role="alert">
            {t('packages.datesInvalid')}
          </p>
        </Show>
      </form>
      <div class="package-list">
        <For each={items()}>{(item) => <PackageRow item={item} />}</For>
      </div>
      <Show when={error()}>
        <ErrorBanner error={error()} onRetry={() => void loadMore()} />
      </Show>
      <Show when={loading()}>
        <Spinner label={t('common.loading')} />
      </Show>
      <Show when={!loading() && !done() && !error() && items().length > 0}>
        <div class="package-more">
          <Button onClick={() => void loadMore()} data-testid="packages-more">
            {t('packages.loadMore')}
          </Button>
        </div>
      </Show>
      <Show when={done() && !items().length && !error()}>
        <Card>
          <ListEmptyState
            icon="packages"
            filtered={filtered()}
            empty={{ title: t('packages.emptyTitle'), text: t('packages.emptyText'), actionLabel: t('packages.toTop'), actionHref: '/top' }}
            filteredOut={{ title: t('packages.emptyFilteredTitle'), text: t('packages.emptyFilteredText'), resetLabel: t('packages.reset'), onReset: reset }}
          />
        </Card>
      </Show>
    </div>
  );
}
