// Top stories and topics for a window: 24h / 7d, by post or by topic, with why each item ranks.
import { A, useSearchParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { ChannelRef } from '../../../db/queries/feed';
import type { TopMessage } from '../../../db/queries/ranking';
import { Async } from '../components/Async';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { MakeExclusive } from '../components/pipeline/MakeExclusive';
import { formatShortDateTime, PostMetrics, PostTime } from '../components/PostMeta';
import { formatDateTime, t, type DictKey } from '../i18n';
import { createApiResource } from '../lib/resource';
import './posts.css';

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
    <div class="score-breakdown">
      <For each={PARTS}>
        {(part) => (
          <>
            <span>{t(`top.part.${part}` as DictKey)}</span>
            <span class="score-track">
              <span class="score-fill" style={{ width: `${Math.round(props.components[part] * 100)}%` }} />
            </span>
            <span class="score-value">
              {Math.round(props.components[part] * 100)}
              <Show when={props.weights}>{(w) => ` × ${w()[part]}`}</Show>
            </span>
          </>
        )}
      </For>
    </div>
  );
}

function TopicCard(props: { item: TopTopic; rank: number }) {
  const topic = () => props.item.topic;
  return (
    <article class="card post-card" data-topic-id={topic().id}>
      <header class="post-head post-head-topic">
        <span class="post-rank">#{props.rank}</span>
        <A href={`/topics/${topic().id}`} class="topic-card-title">
          {topic().title}
        </A>
      </header>
      <p class="muted small">
        {t('top.topicStats', { channels: topic().channels.length, posts: topic().posts, distinct: topic().distinctPosts })}
        {' · '}
        <span title={formatDateTime(topic().origin.date)}>
          {t('top.origin', { channel: topic().origin.channel.title, date: formatShortDateTime(new Date(topic().origin.date)) })}
        </span>{' '}
        <a class="post-original" href={topic().origin.url} target="_blank" rel="noopener noreferrer">
          {t('feed.original')}
          <Icon name="external" size={14} />
        </a>
      </p>
      <div class="chip-row">
        <For each={topic().channels}>{(c) => <Badge>{c.title}</Badge>}</For>
      </div>
      <ScoreBreakdown components={props.item.components} weights={props.item.weights} />
      <footer class="post-actions">
        <Button size="sm" variant="primary" href={`/topics/${topic().id}`}>
          {t('top.openTopic')}
        </Button>
        <MakeExclusive topicId={topic().id} />
      </footer>
    </article>
  );
}

function MessageCard(props: { item: TopMessage & { weights: Components }; rank: number }) {
  const m = () => props.item.message;
  return (
    <article class="card post-card" data-message-id={m().id}>
      <header class="post-head">
        <span class="post-rank">#{props.rank}</span>
        <strong class="post-channel">{m().channel.title}</strong>
        <PostTime date={m().date} class="muted" />
        <Badge tone="info">{m().lang === 'other' ? t('feed.langOther') : m().lang.toUpperCase()}</Badge>
      </header>
      <p class="post-text">{m().text.length > 400 ? `${m().text.slice(0, 400)}…` : m().text}</p>
      <footer class="post-foot">
        <PostMetrics metrics={m().metrics} />
        <span class="post-links">
          <Show when={m().topic}>
            {(topic) => (
              <A href={`/topics/${topic().id}`} class="topic-chip" title={t('feed.topicHint')}>
                <Icon name="topic" size={14} />
                <span class="topic-chip-text">{t('top.openTopic')}</span>
              </A>
            )}
          </Show>
          <a class="post-original" href={m().url} target="_blank" rel="noopener noreferrer">
            {t('feed.original')}
            <Icon name="external" size={14} />
          </a>
        </span>
      </footer>
      <ScoreBreakdown components={props.item.components} weights={props.item.weights} />
    </article>
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
          <>
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
          </>
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
            <p class="muted small" title={formatDateTime(data().computedAt)}>
              {t('top.computedAt', { date: formatShortDateTime(new Date(data().computedAt)) })}
            </p>
            <div class="post-list">
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
