// One topic as the reader sees it: the origin, the hourly timeline and the channels in one card,
// then their channels' posts with copies and forwards marked (and linked to the post they repeat),
// and "Make exclusive" with the topic's latest run when there is a recent one.
import { A, useParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import { Async } from '../components/Async';
import { Badge } from '../components/Badge';
import { Card } from '../components/Card';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { MakeExclusive } from '../components/pipeline/MakeExclusive';
import { Spinner } from '../components/Spinner';
import { formatHour, formatPostTime, formatShortDateTime, PostMetrics, PostTime } from '../components/PostMeta';
import { count, formatDateTime, t } from '../i18n';
import { isRunActive, listTopicRuns } from '../lib/pipeline';
import { PostText } from '../components/PostText';
import { LIVE_MS, createLiveUpdates } from '../lib/live';
import { api, type Answer } from '../lib/client';
import { createApiQuery } from '../lib/resource';
import './posts.css';

const HOUR_MS = 3_600_000;
// Beyond this many hours the gaps are left out rather than drawn as hair-thin bars.
const MAX_FILLED_HOURS = 96;
const COUNTS_UP_TO_BARS = 24;
// A finished run older than this is history (it lives on the Packages page); the card offers a fresh start.
const RECENT_RUN_MS = 24 * HOUR_MS;

type TopicDetail = Answer<(typeof api.v1.topics)[':id']['$get']>;
type TopicPost = TopicDetail['posts'][number];
type Bucket = TopicDetail['timeline'][number];

/** The API lists only hours with posts; the chart wants every hour from the first to the last. */
export function fillHours(timeline: Bucket[]): Bucket[] {
  if (timeline.length < 2) return timeline;
  const first = Date.parse(timeline[0].hour);
  const last = Date.parse(timeline[timeline.length - 1].hour);
  const span = Math.round((last - first) / HOUR_MS) + 1;
  if (span > MAX_FILLED_HOURS) return timeline;
  const byHour = new Map(timeline.map((b) => [Date.parse(b.hour), b]));
  return Array.from({ length: span }, (_, i) => byHour.get(first + i * HOUR_MS) ?? { hour: new Date(first + i * HOUR_MS).toISOString(), posts: 0, channels: 0 });
}

function Timeline(props: { timeline: Bucket[] }) {
  const bars = () => fillHours(props.timeline);
  const max = () => Math.max(1, ...bars().map((b) => b.posts));
  const label = (b: Bucket) => t('topic.timelineHint', { time: formatShortDateTime(new Date(b.hour)), posts: count('posts', b.posts), channels: count('channels', b.channels) });
  const axis = () => {
    const list = bars();
    const first = new Date(list[0].hour);
    const last = new Date(list[list.length - 1].hour);
    const sameDay = first.toDateString() === last.toDateString();
    return { first: formatShortDateTime(first), last: sameDay ? formatHour(last) : formatShortDateTime(last) };
  };
  return (
    <div class="timeline">
      <div class="timeline-bars" role="list" aria-label={t('topic.timelineLabel')}>
        <For each={bars()}>
          {(b) => (
            <div class="timeline-bar" classList={{ 'timeline-bar-empty': b.posts === 0 }} role="listitem" title={label(b)} aria-label={label(b)}>
              <Show when={bars().length <= COUNTS_UP_TO_BARS && b.posts > 0}>
                <span class="timeline-bar-count" aria-hidden="true">
                  {b.posts}
                </span>
              </Show>
              <span class="timeline-bar-fill" style={{ height: `${b.posts ? Math.max(6, (b.posts / max()) * 78) : 2}px` }} />
            </div>
          )}
        </For>
      </div>
      <div class="timeline-axis" aria-hidden="true">
        <span>{axis().first}</span>
        <Show when={bars().length > 1}>
          <span>{axis().last}</span>
        </Show>
      </div>
    </div>
  );
}

function Overview(props: { topic: TopicDetail }) {
  const origin = () => props.topic.posts.find((p) => p.id === props.topic.origin.messageId);
  return (
    <Card class="topic-overview-card">
      <div class="topic-overview">
        <section class="overview-section">
          <h2 class="overview-title">{t('topic.origin')}</h2>
          <div class="origin-post">
            <strong>{props.topic.origin.channel.title}</strong>
            <span class="muted small" title={formatDateTime(props.topic.origin.date)}>
              {formatShortDateTime(new Date(props.topic.origin.date))}
            </span>
            <Show when={origin()}>{(p) => <p class="small">{p().text.length > 220 ? `${p().text.slice(0, 220)}…` : p().text}</p>}</Show>
            <a class="post-original small" href={props.topic.origin.url} target="_blank" rel="noopener noreferrer">
              {t('feed.original')}
              <Icon name="external" size={14} />
            </a>
          </div>
          <h2 class="overview-title">{t('topic.channels')}</h2>
          <div class="chip-row">
            <For each={props.topic.channels}>
              {(c) => (
                <span class="channel-chip" title={t('topic.channelPosts', { channel: c.title, posts: c.posts })}>
                  {c.title}
                  <span class="channel-chip-count">{c.posts}</span>
                </span>
              )}
            </For>
          </div>
        </section>
        <section class="overview-section">
          <h2 class="overview-title">{t('topic.timeline')}</h2>
          <Timeline timeline={props.topic.timeline} />
          <p class="muted small">
            {t('topic.span', { from: formatDateTime(props.topic.firstSeenAt), to: formatDateTime(props.topic.lastSeenAt) })}
          </p>
        </section>
      </div>
    </Card>
  );
}

/** "Make exclusive", or the topic's latest run while it runs or when it finished recently. */
function Exclusive(props: { topicId: number }) {
  const [runs] = createResource(() => props.topicId, (topicId) => listTopicRuns(topicId, 1));
  // Without the list the button still works (and the run it starts is followed as usual).
  createEffect(() => runs.error && console.warn('topic: could not load the topic\'s runs', runs.error));
  const latest = () => {
    const run = runs.state === 'ready' ? runs()?.items[0] : undefined;
    if (!run) return null;
    return isRunActive(run) || Date.now() - Date.parse(run.updatedAt) < RECENT_RUN_MS ? run : null;
  };
  return (
    <Card class="exclusive-card">
      <div class="exclusive-card-body">
        <p class="exclusive-card-text">
          <Icon name="sparkles" size={18} />
          <span>{t('topic.exclusiveText')}</span>
        </p>
        <Show when={!runs.loading} fallback={<Spinner size="sm" />}>
          <MakeExclusive topicId={props.topicId} run={latest()} size="md" />
        </Show>
      </div>
    </Card>
  );
}

/** "Copy of the Mash post (15:02)" / "Forwarded from …", linking to that post on this page. */
function Relation(props: { post: TopicPost; source: TopicPost | undefined; onShow: (id: number) => void }) {
  return (
    <Show when={props.source}>
      {(source) => (
        <p class="post-relation">
          <Icon name={props.post.isForward ? 'forward' : 'copy'} size={15} />
          <a
            href={`#post-${source().id}`}
            onClick={(e) => {
              e.preventDefault();
              props.onShow(source().id);
            }}
          >
            {t(props.post.isForward ? 'topic.forwardOf' : 'topic.copyOf', { channel: source().channel.title, time: formatPostTime(source().date, Date.now()) })}
          </a>
        </p>
      )}
    </Show>
  );
}

export default function TopicPage() {
  const params = useParams<{ id: string }>();
  // hc puts path parameters in as they are: encoded here.
  const topicParam = () => ({ id: encodeURIComponent(params.id) });
  const [topic, { refetch, mutate }] = createApiQuery(topicParam, (param) => api.v1.topics[':id'].$get({ param }));
  createLiveUpdates({
    key: () => api.v1.topics[':id'].$path({ param: topicParam() }),
    request: (options) => api.v1.topics[':id'].$get({ param: topicParam() }, options),
    current: () => (topic.state === 'ready' ? topic() : undefined),
    apply: (next) => mutate(() => next),
    intervalMs: LIVE_MS.topic,
  });
  const [highlighted, setHighlighted] = createSignal<number | null>(null);
  const show = (id: number) => {
    setHighlighted(id);
    document.getElementById(`post-${id}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };
  const back = (
    <A href="/top" class="back-link">
      <Icon name="arrowLeft" size={16} />
      {t('topic.back')}
    </A>
  );
  return (
    <div class="page" data-page="topic">
      <Async of={topic} onRetry={refetch}>
        {(data) => {
          const byId = () => new Map(data().posts.map((p) => [p.id, p]));
          const distinct = () => data().posts.filter((p) => p.duplicateOf === null && !p.isForward).length;
          return (
            <>
              <PageHeader
                back={back}
                title={data().title || t('topic.subtitle', { id: data().id })}
                subtitle={t('top.topicStatsCounted', { channels: count('channels', data().channels.length), posts: count('posts', data().posts.length), originals: count('originals', distinct()) })}
              />
              <Exclusive topicId={data().id} />
              <Overview topic={data()} />
              <h2 class="section-title">{t('topic.posts')}</h2>
              <div class="post-list">
                <For each={data().posts}>
                  {(p) => (
                    <article id={`post-${p.id}`} class="card post-card" classList={{ 'post-card-highlight': highlighted() === p.id }} data-message-id={p.id}>
                      <header class="post-head">
                        <strong class="post-channel">{p.channel.title}</strong>
                        <PostTime date={p.date} class="muted" />
                        <span class="post-badges">
                          <Badge tone="info">{p.lang === 'other' ? t('feed.langOther') : p.lang.toUpperCase()}</Badge>
                          <Show when={p.id === data().origin.messageId}>
                            <Badge tone="success">{t('topic.first')}</Badge>
                          </Show>
                          <Show when={p.isForward}>
                            <Badge tone="warning">{t('feed.forward')}</Badge>
                          </Show>
                          <Show when={p.duplicateOf !== null && !p.isForward}>
                            <Badge tone="warning">{t('topic.copy')}</Badge>
                          </Show>
                        </span>
                      </header>
                      <Relation post={p} source={p.duplicateOf === null ? undefined : byId().get(p.duplicateOf)} onShow={show} />
                      <PostText text={p.text} />
                      <footer class="post-foot">
                        <PostMetrics metrics={p.metrics} />
                        <a class="post-original small" href={p.url} target="_blank" rel="noopener noreferrer">
                          {t('feed.original')}
                          <Icon name="external" size={14} />
                        </a>
                      </footer>
                    </article>
                  )}
                </For>
              </div>
            </>
          );
        }}
      </Async>
    </div>
  );
}
