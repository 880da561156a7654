// Top stories and topics for a window: 24h / 7d, by post or by topic, with why each item ranks.
import { A, useSearchParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { RankExplanation, WindowExplanation } from '../../../core/ranking/explain';
import { Async } from '../components/Async';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { MakeExclusive } from '../components/pipeline/MakeExclusive';
import { formatShortDateTime, PostMetrics, PostTime } from '../components/PostMeta';
import { count, formatDateTime, formatScore, locale, t, type DictKey } from '../i18n';
import { LIVE_MS, createLiveUpdates } from '../lib/live';
import type { InferRequestType } from 'hono/client';
import { api, type Answer } from '../lib/client';
import { createApiQuery } from '../lib/resource';
import './posts.css';

type TopAnswer = Answer<typeof api.v1.top.$get>;
type TopItem = TopAnswer['items'][number];
type TopTopic = Extract<TopItem, { kind: 'topic' }>;
type TopMessageItem = Extract<TopItem, { kind: 'message' }>;
type Components = TopItem['components'];
type TopQuery = InferRequestType<typeof api.v1.top.$get>['query'];

const WINDOWS: { value: '24h' | '7d'; label: DictKey }[] = [
  { value: '24h', label: 'top.window24h' },
  { value: '7d', label: 'top.window7d' },
];
const KINDS: { value: 'topic' | 'message'; label: DictKey }[] = [
  { value: 'topic', label: 'top.byTopic' },
  { value: 'message', label: 'top.byMessage' },
];
const PARTS: (keyof Components)[] = ['popularity', 'trend', 'breadth', 'freshness'];

/**
 * Why an item ranks: its total score, the server's sentence (e.g. "12 channels in 3 hours, rising
 * fast") and the bars of its parts, each with its weight and a plain-words tooltip: what the part
 * measures in this window (said once per list) and its points, value × weight.
 */
export function ScoreBreakdown(props: { components: Components; window: WindowExplanation; score?: number; explanation?: RankExplanation | null }) {
  const explained = (part: keyof Components) => props.explanation?.components.find((c) => c.name === part);
  const meaning = (part: keyof Components) => props.window.parts[part];
  const hint = (part: keyof Components) => {
    const points = explained(part);
    const sum = points ? ` ${formatScore(points.value)} × ${formatScore(points.weight)} = ${formatScore(points.points)}` : '';
    return `${meaning(part).label[locale()]}: ${meaning(part).about[locale()]}.${sum}`;
  };
  return (
    <div class="score-explain" data-testid="score-explain">
      <Show when={props.score !== undefined || props.explanation}>
        <p class="score-summary">
          <Show when={props.score !== undefined}>
            <strong class="score-total" title={t('top.totalHint')}>
              {t('top.total', { score: formatScore(props.score ?? 0) })}
            </strong>
          </Show>
          <Show when={props.explanation?.sentence[locale()]}>{(text) => <span class="score-sentence">{text()}</span>}</Show>
        </p>
      </Show>
      <div class="score-breakdown">
        <For each={PARTS}>
          {(part) => (
            <>
              <span title={hint(part)}>{meaning(part).label[locale()]}</span>
              <span class="score-track" title={hint(part)}>
                <span class="score-fill" style={{ width: `${Math.round(props.components[part] * 100)}%` }} />
              </span>
              <span class="score-value" title={hint(part)}>
                {t('top.partValue', { value: formatScore(props.components[part]), weight: formatScore(props.window.weights[part]) })}
              </span>
            </>
          )}
        </For>
      </div>
    </div>
  );
}

function TopicCard(props: { item: TopTopic; rank: number; explain: WindowExplanation }) {
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
        {t('top.topicStatsCounted', { channels: count('channels', topic().channels.length), posts: count('posts', topic().posts), originals: count('originals', topic().distinctPosts) })}
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
      <ScoreBreakdown components={props.item.components} window={props.explain} score={props.item.score} explanation={props.item.explanation} />
      <footer class="post-actions">
        <Button size="sm" variant="primary" href={`/topics/${topic().id}`}>
          {t('top.openTopic')}
        </Button>
        <MakeExclusive topicId={topic().id} />
      </footer>
    </article>
  );
}

function MessageCard(props: { item: TopMessageItem; rank: number; explain: WindowExplanation }) {
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
      <ScoreBreakdown components={props.item.components} window={props.explain} score={props.item.score} explanation={props.item.explanation} />
    </article>
  );
}

export default function TopPage() {
  const [params, setParams] = useSearchParams<{ window?: string; by?: string; single?: string }>();
  const window = () => (params.window === '7d' ? '7d' : '24h');
  const by = () => (params.by === 'message' ? 'message' : 'topic');
  const single = () => params.single === '1';
  const query = (): TopQuery => ({ window: window(), by: by(), limit: '30', ...(single() ? { single: '1' } : {}) });
  const path = () => api.v1.top.$path({ query: query() });
  const [top, { refetch, mutate }] = createApiQuery(query, (q) => api.v1.top.$get({ query: q }));
  // A new ranking computation shows up on its own; unchanged answers cost a 304.
  createLiveUpdates({
    key: path,
    request: (options) => api.v1.top.$get({ query: query() }, options),
    current: () => (top.state === 'ready' ? top() : undefined),
    apply: (next) => mutate(() => next),
    intervalMs: LIVE_MS.top,
  });
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
            <Show when={by() === 'topic'}>
              <label class="toggle">
                <input type="checkbox" checked={single()} onChange={(e) => setParams({ single: e.currentTarget.checked ? '1' : undefined })} />
                {t('top.singleChannel')}
              </label>
            </Show>
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
            <p class="muted small" data-testid="weights-note">
              {data().explain.weightsNote[locale()]}
            </p>
            <div class="post-list">
              <For each={data().items}>
                {(item, i) =>
                  item.kind === 'topic' ? <TopicCard item={item} rank={i() + 1} explain={data().explain} /> : <MessageCard item={item} rank={i() + 1} explain={data().explain} />
                }
              </For>
            </div>
          </Show>
        )}
      </Async>
    </div>
  );
}
