// One topic as the reader sees it: their channels' posts, the origin, copies and forwards, the
// timeline, and "Make exclusive" (the AI pipeline is not built yet: it says so).
import { A, useParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { TopicDetail } from '../../../db/queries/topics';
import { Async } from '../components/Async';
import { Badge } from '../components/Badge';
import { Card } from '../components/Card';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { t } from '../i18n';
import { createApiResource } from '../lib/resource';
import { formatCount, formatDate } from './FeedPage';
import { MakeExclusive } from './TopPage';

export default function TopicPage() {
  const params = useParams<{ id: string }>();
  const [topic, { refetch }] = createApiResource<TopicDetail>(() => `/v1/topics/${encodeURIComponent(params.id)}`);
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
          const maxPosts = () => Math.max(1, ...data().timeline.map((b) => b.posts));
          return (
            <>
              <PageHeader back={back} title={data().title || t('topic.subtitle', { id: data().id })} subtitle={t('top.topicStats', { channels: data().channels.length, posts: data().posts.length, distinct: data().posts.filter((p) => p.duplicateOf === null && !p.isForward).length })} actions={<MakeExclusive />} />
              <Card>
                <h2>{t('topic.origin')}</h2>
                <p>
                  {t('top.origin', { channel: data().origin.channel.title, date: formatDate(data().origin.date) })}{' '}
                  <a href={data().origin.url} target="_blank" rel="noopener noreferrer">
                    {t('feed.original')}
                  </a>
                </p>
                <h2>{t('topic.timeline')}</h2>
                <div style={{ display: 'flex', gap: '2px', 'align-items': 'end', height: '60px' }} aria-label={t('topic.timeline')}>
                  <For each={data().timeline}>
                    {(b) => <div title={`${formatDate(b.hour)}: ${b.posts}`} style={{ width: '10px', height: `${Math.max(4, (b.posts / maxPosts()) * 60)}px`, background: 'var(--accent, #2b7de9)', 'border-radius': '2px' }} />}
                  </For>
                </div>
                <div style={{ display: 'flex', gap: '4px', 'flex-wrap': 'wrap', 'margin-top': '8px' }}>
                  <For each={data().channels}>{(c) => <Badge>{t('topic.channelPosts', { channel: c.title, posts: c.posts })}</Badge>}</For>
                </div>
              </Card>
              <div style={{ display: 'grid', gap: '12px', 'margin-top': '12px' }}>
                <For each={data().posts}>
                  {(p) => (
                    <Card>
                      <article data-message-id={p.id}>
                        <header style={{ display: 'flex', gap: '8px', 'align-items': 'baseline', 'flex-wrap': 'wrap' }}>
                          <strong>{p.channel.title}</strong>
                          <small class="muted">{formatDate(p.date)}</small>
                          <Badge tone="info">{p.lang.toUpperCase()}</Badge>
                          <Show when={p.id === data().origin.messageId}>
                            <Badge tone="success">{t('topic.first')}</Badge>
                          </Show>
                          <Show when={p.isForward}>
                            <Badge tone="warning">{t('feed.forward')}</Badge>
                          </Show>
                          <Show when={p.duplicateOf !== null && !p.isForward}>
                            <Badge tone="warning">{t('topic.copy')}</Badge>
                          </Show>
                        </header>
                        <p style={{ 'white-space': 'pre-wrap', margin: '6px 0' }}>{p.text}</p>
                        <small class="muted">
                          {t('feed.metrics', { views: formatCount(p.metrics.views), forwards: formatCount(p.metrics.forwards), reactions: formatCount(p.metrics.reactions), comments: formatCount(p.metrics.comments) })}{' '}
                          <a href={p.url} target="_blank" rel="noopener noreferrer">
                            {t('feed.original')}
                          </a>
                        </small>
                      </article>
                    </Card>
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
