// Followed channels: add one by any link form, see each channel's status (public/private,
// readable or why not, last read, posts stored), and remove it. Errors are explained in plain words.
import { createSignal, For, Show } from 'solid-js';
import { Async } from '../components/Async';
import { Badge, type BadgeTone } from '../components/Badge';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { ErrorDetails } from '../components/ErrorDetails';
import { describeError, type ShownError } from '../lib/errors';
import { PageHeader } from '../components/PageHeader';
import { count, formatDateTime, isDictKey, t } from '../i18n';
import { api, read, type Answer } from '../lib/client';
import { LIVE_MS, createLiveUpdates } from '../lib/live';
import { createApiQuery } from '../lib/resource';
import './subscriptions.css';

type Channel = Answer<typeof api.v1.channels.my.$get>['items'][number];

const SYNC_TONE: Record<Channel['syncState'], BadgeTone> = { pending: 'info', ok: 'success', paused: 'warning', no_reader: 'warning', error: 'danger' };

/** The subscribe form's wording where it says more than the shared error texts. */
function subscribeWording(code: string, details?: Record<string, unknown>): string | undefined {
  const key = `subscriptions.error.${code}`;
  return isDictKey(key) ? t(key, { max: String(details?.max ?? '') }) : undefined;
}

function channelLink(channel: Channel): string | null {
  if (channel.username) return `https://t.me/${channel.username}`;
  return channel.inviteHash ? `https://t.me/+${channel.inviteHash}` : null;
}

function ChannelRow(props: { channel: Channel; onRemove: (id: number) => Promise<void> }) {
  const [removing, setRemoving] = createSignal(false);
  const c = () => props.channel;
  const reason = () => {
    const key = `subscriptions.reason.${c().inaccessibleReason ?? ''}`;
    return isDictKey(key) ? t(key) : (c().inaccessibleReason ?? '');
  };
  return (
    <li class="subscription">
      <div class="subscription-main">
        <div class="subscription-title">
          <strong>{c().title}</strong>
          <Show when={channelLink(c())}>
            {(href) => (
              <a class="muted" href={href()} target="_blank" rel="noreferrer noopener">
                {c().username ? `@${c().username}` : t('subscriptions.inviteLink')}
              </a>
            )}
          </Show>
        </div>
        <div class="subscription-badges">
          <Badge tone={c().visibility === 'private' ? 'info' : 'neutral'}>{t(`subscriptions.visibility.${c().visibility}`)}</Badge>
          <Show when={c().accessible} fallback={<Badge tone="danger">{t('subscriptions.inaccessible')}</Badge>}>
            <Badge tone={SYNC_TONE[c().syncState]}>{t(`subscriptions.sync.${c().syncState}`)}</Badge>
          </Show>
          <Show when={c().simulatedMetrics}>
            <Badge tone="warning">{t('subscriptions.simulated')}</Badge>
          </Show>
        </div>
        <div class="subscription-meta muted">
          <span>{count('posts', c().messageCount)}</span>
          <span>{c().lastParsedAt ? t('subscriptions.lastParsed', { at: formatDateTime(c().lastParsedAt!) }) : t('subscriptions.neverParsed')}</span>
          <Show when={c().participantsCount}>{(n) => <span>{count('subscribers', n())}</span>}</Show>
        </div>
        <Show when={!c().accessible}>
          <p class="subscription-problem">{reason()}</p>
        </Show>
        <Show when={c().accessible && c().lastError}>
          <p class="subscription-problem">{t('subscriptions.lastError', { error: c().lastError! })}</p>
        </Show>
      </div>
      <Button
        size="sm"
        variant="ghost"
        loading={removing()}
        aria-label={t('subscriptions.remove')}
        onClick={async () => {
          setRemoving(true);
          try {
            await props.onRemove(c().id);
          } finally {
            setRemoving(false);
          }
        }}
      >
        {t('subscriptions.remove')}
      </Button>
    </li>
  );
}

export default function SubscriptionsPage() {
  const [list, { refetch, mutate }] = createApiQuery(() => api.v1.channels.my.$get());
  // Sync statuses and post counts move on their own while channels are read.
  createLiveUpdates({
    key: () => api.v1.channels.my.$path(),
    request: (options) => api.v1.channels.my.$get(undefined, options),
    current: () => (list.state === 'ready' ? list() : undefined),
    apply: (next) => mutate(() => next),
    intervalMs: LIVE_MS.subscriptions,
  });
  const [input, setInput] = createSignal('');
  const [adding, setAdding] = createSignal(false);
  const [addError, setAddError] = createSignal<ShownError | null>(null);
  const [addNote, setAddNote] = createSignal<string | null>(null);
  const [actionError, setActionError] = createSignal<unknown>(null);

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    if (!input().trim()) return;
    setAdding(true);
    setAddError(null);
    setAddNote(null);
    try {
      const answer = await read(api.v1.channels.subscribe.$post({ json: { channel: input().trim() } }));
      // Following a channel twice is not an error, but it must not look like nothing happened.
      if (!answer.created) setAddNote(t('subscriptions.already', { title: answer.channel?.title ?? input().trim() }));
      setInput('');
      await refetch();
    } catch (error) {
      setAddError(describeError(error, subscribeWording));
    } finally {
      setAdding(false);
    }
  };

  const remove = async (channelId: number) => {
    setActionError(null);
    try {
      await read(api.v1.channels.unsubscribe.$delete({ json: { channelId } }));
      await refetch();
    } catch (error) {
      setActionError(error);
    }
  };

  return (
    <div class="page" data-page="subscriptions">
      <PageHeader title={t('subscriptions.title')} subtitle={t('subscriptions.subtitle')} />
      <Card>
        <form class="subscribe-form" onSubmit={add}>
          <label class="field-label" for="channel-input">
            {t('subscriptions.addLabel')}
          </label>
          <div class="subscribe-row">
            <input
              id="channel-input"
              class="text-input"
              name="channel"
              autocomplete="off"
              placeholder={t('subscriptions.placeholder')}
              value={input()}
              onInput={(e) => setInput(e.currentTarget.value)}
            />
            <Button type="submit" variant="primary" loading={adding()} disabled={!input().trim()}>
              {t('subscriptions.add')}
            </Button>
          </div>
          <small class="muted">{t('subscriptions.formsHint')}</small>
          <Show when={addError()}>
            {(shown) => (
              <div class="subscription-problem" role="alert" data-error-code={shown().code}>
                <p>{shown().text}</p>
                <ErrorDetails error={shown()} />
              </div>
            )}
          </Show>
          <Show when={addNote()}>
            <p class="subscription-note" role="status" data-testid="already-following">
              {addNote()}
            </p>
          </Show>
        </form>
      </Card>
      <Show when={actionError()}>
        <ErrorBanner error={actionError()} />
      </Show>
      <Card>
        <Async of={list} onRetry={refetch}>
          {(data) => (
            <Show
              when={data().items.length}
              fallback={
                <EmptyState icon="subscriptions" title={t('subscriptions.emptyTitle')}>
                  {t('subscriptions.emptyText')}
                </EmptyState>
              }
            >
              <p class="muted subscriptions-count">{t('subscriptions.count', { used: data().limit.used, max: data().limit.channels })}</p>
              <ul class="subscriptions">
                <For each={data().items}>{(channel) => <ChannelRow channel={channel} onRemove={remove} />}</For>
              </ul>
              <Show when={data().simulatedMetrics}>
                <p class="note">{t('subscriptions.simulatedNote')}</p>
              </Show>
            </Show>
          )}
        </Async>
      </Card>
    </div>
  );
}
