// Top stories and topics for a window: 24h / 7d, by post or by topic, with why each item ranks.
import { A, useSearchParams } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { ChannelRef } from '../../../db/queries/feed';
import type { TopMessage } from '../../../db/queries/ranking';
import { Async } from '../components/Async';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { t, type DictKey } from '../i18n';
import { createApiResource } from '../lib/resource';
import { formatCount, formatDate } from './FeedPage';

type Components = { popularity: number; trend: number; breadth: number; freshness: number };
interface TopTopic {
  kind: 'topic';
  score: number;
  components: Components;
  weights: Components;
  topic: {
    id: number;
    title: string;
    posts: number;
    distinctPosts: number;
    channels: ChannelRef[];
    firstSeenAt: string;
    lastSeenAt: string;
    origin: { messageId: number; channel: ChannelRef; date: string; url: string };
  };
}
type TopItem = TopTopic | (TopMessage & { weights: Components });
interface TopResponse {
  window: '24h' | '7d';
  by: 'message' | 'topic';
  computedAt: string;
  items: TopItem[];
}

const WINDOWS: { value: '24h' | '7d'; label: DictKey }[] = [
  { value: '24h', label: 'top.window24h' },
  { value: '7d', label: 'top.window7d' },
];
const KINDS: { value: 'topic' | 'message'; label: DictKey }[] = [
  { value: 'topic', label: 'top.byTopic' },
  { value: 'message', label: 'top.byMessage' },
];
const PARTS: (keyof Components)[] = ['popularity', 'trend', 'breadth', 'freshness'];

/** Bars of the score components, each labelled with its weight: why the item ranks. */
export function ScoreBreakdown(props: { components: Components; weights?: Components }) {
  return (
    <div class="score-breakdown" style={{ display: 'grid', 'grid-template-columns': 'max-content 1fr max-content', gap: '2px 8px', 'font-size': '12px' }}>
      <For each={PARTS}>
        {(part) => (
          <>
            <span class="muted">{t(`top.part.${part}` as DictKey)}</span>
            <span style={{ background: 'var(--surface-2, #eee)', 'border-radius': '3px', height: '8px', 'align-self': 'center' }}>
              <span style={{ display: 'block', height: '8px', 'border-radius': '3px', width: `${Math.round(props.components[part] * 100)}%`, background: 'var(--accent, #2b7de9)' }} />
            </span>
            <span class="muted">
              {Math.round(props.components[part] * 100)}
              <Show when={props.weights}>{(w) => ` × ${w()[part]}`}</Show>
            </span>
          </>
        )}
      </For>
    </div>
  );
}

export function MakeExclusive() {
  const [shown, setShown] = createSignal(false);
  return (
    <span>
      <Button size="sm" variant="primary" onClick={() => setShown(true)}>
        {t('topic.makeExclusive')}
      </Button>
      <Show when={shown()}>
        <small class="muted" role="status" style={{ 'margin-left': '8px' }}>
          {t('topic.comingSoon')}
        </small>
      </Show>
    </span>
  );
}

function TopicCard(props: { item: TopTopic; rank: number }) {
  const topic = () => props.item.topic;
  return (
    <Card>
      <article data-topic-id={topic().id}>
        <header style={{ display: 'flex', gap: '8px', 'align-items': 'baseline' }}>
          <span class="muted">#{props.rank}</span>
          <A href={`/topics/${topic().id}`}>
            <strong>{topic().title}</strong>
          </A>
        </header>
        <p class="muted" style={{ margin: '6px 0' }}>
          {t('top.topicStats', { channels: topic().channels.length, posts: topic().posts, distinct: topic().distinctPosts })}
          {' · '}
          {t('top.origin', { channel: topic().origin.channel.title, date: formatDate(topic().origin.date) })}{' '}
          <a href={topic().origin.url} target="_blank" rel="noopener noreferrer">
            {t('feed.original')}
          </a>
        </p>
        <div style={{ display: 'flex', gap: '4px', 'flex-wrap': 'wrap', margin: '6px 0' }}>
          <For each={topic().channels}>{(c) => <Badge>{c.title}</Badge>}</For>
        </div>
        <ScoreBreakdown components={props.item.components} weights={props.item.weights} />
        <footer style={{ display: 'flex', gap: '8px', 'margin-top': '8px' }}>
          <Button size="sm" href={`/topics/${topic().id}`}>
            {t('top.openTopic')}
          </Button>
          <MakeExclusive />
        </footer>
      </article>
    </Card>
  );
}

function MessageCard(props: { item: TopMessage & { weights: Components }; rank: number }) {
  const m = () => props.item.message;
  return (
    <Card>
      <article data-message-id={m().id}>
        <header style={{ display: 'flex', gap: '8px', 'align-items': 'baseline', 'flex-wrap': 'wrap' }}>
          <span class="muted">#{props.rank}</span>
          <strong>{m().channel.title}</strong>
          <small class="muted">{formatDate(m().date)}</small>
          <Badge tone="info">{m().lang.toUpperCase()}</Badge>
        </header>
        <p style={{ 'white-space': 'pre-wrap', margin: '6px 0' }}>{m().text.length > 400 ? `${m().text.slice(0, 400)}…` : m().text}</p>
        <p class="muted" style={{ margin: '4px 0' }}>
          {t('feed.metrics', { views: formatCount(m().metrics.views), forwards: formatCount(m().metrics.forwards), reactions: formatCount(m().metrics.reactions), comments: formatCount(m().metrics.comments) })}{' '}
          <a href={m().url} target="_blank" rel="noopener noreferrer">
            {t('feed.original')}
          </a>
          <Show when={m().topic}>
            {(topic) => (
              <>
                {' · '}
                <A href={`/topics/${topic().id}`}>{t('top.openTopic')}</A>
              </>
            )}
          </Show>
        </p>
        <ScoreBreakdown components={props.item.components} weights={props.item.weights} />
      </article>
    </Card>
  );
}

export default function TopPage() {
  const [params, setParams] = useSearchParams<{ window?: string; by?: string }>();
  const window = () => (params.window === '7d' ? '7d' : '24h');
  const by = () => (params.by === 'message' ? 'message' : 'topic');
  const [top, { refetch }] = createApiResource<TopResponse>(() => `/v1/top?window=${window()}&by=${by()}&limit=30`);
  return (
    <div class="page" data-page="top">
      <PageHeader
        title={t('top.title')}
        subtitle={t('top.subtitle')}
        actions={
          <div style={{ display: 'flex', gap: '8px', 'flex-wrap': 'wrap' }}>
            <div class="segmented" role="group" aria-label={t('top.windowLabel')}>
              <For each={WINDOWS}>
                {(w) => (
                  <button type="button" class="segmented-item" aria-pressed={window() === w.value} onClick={() => setParams({ window: w.value })}>
                    {t(w.label)}
                  </button>
                )}
              </For>
            </div>
            <div class="segmented" role="group" aria-label={t('top.byLabel')}>
              <For each={KINDS}>
                {(k) => (
                  <button type="button" class="segmented-item" aria-pressed={by() === k.value} onClick={() => setParams({ by: k.value })}>
                    {t(k.label)}
                  </button>
                )}
              </For>
            </div>
          </div>
        }
      />
      <Async of={top} onRetry={refetch}>
        {(data) => (
          <Show
            when={data().items.length}
            fallback={
              <Card>
                <EmptyState icon="top" title={t('top.emptyTitle')}>
                  {t('top.emptyText')}
                </EmptyState>
              </Card>
            }
          >
            <p class="muted">{t('top.computedAt', { date: formatDate(data().computedAt) })}</p>
            <div style={{ display: 'grid', gap: '12px' }}>
              <For each={data().items}>
                {(item, i) =>
                  item.kind === 'topic' ? <TopicCard item={item} rank={i() + 1} /> : <MessageCard item={item as TopMessage & { weights: Components }} rank={i() + 1} />
                }
              </For>
            </div>
          </Show>
        )}
      </Async>
    </div>
  );
}
