// Settings → Webhooks: endpoints (URL + events), the whsec_ secret shown once when made or
// rotated, "send a test event", enable/disable, and each endpoint's delivery log with status codes.
import { For, Show, createResource, createSignal, onCleanup } from 'solid-js';
import { formatDateTime, t } from '../../i18n';
import { ApiError } from '../../lib/api';
import { api, read, type Answer } from '../../lib/client';
import { createApiQuery } from '../../lib/resource';
import { Async } from '../Async';
import { Badge } from '../Badge';
import { Button } from '../Button';
import { ErrorBanner } from '../ErrorBanner';
import '../usage/usage.css';

type HookEvent = Answer<typeof api.v1.webhooks.$get>['events'][number];
const EVENTS: readonly HookEvent[] = ['package.ready', 'run.failed'];

function DeliveryLog(props: { id: string; version: number }) {
  // Refetched whenever the section acts (the version moves), e.g. after "send a test event".
  const [log, { refetch }] = createResource(() => ({ id: props.id, version: props.version }), ({ id }) => read(api.v1.webhooks[':id'].deliveries.$get({ param: { id }, query: { limit: '20' } })));
  // Deliveries are queued jobs: poll while the log is open.
  const timer = setInterval(() => void refetch(), 3000);
  onCleanup(() => clearInterval(timer));
  return (
    <Async of={log} onRetry={refetch}>
      {(l) => (
        <Show when={l().items.length} fallback={<p class="muted small">{t('hooks.logEmpty')}</p>}>
          <table class="data-table" data-testid="hook-deliveries">
            <thead>
              <tr>
                <th>{t('hooks.logWhen')}</th>
                <th>{t('hooks.logEvent')}</th>
                <th>{t('hooks.logStatus')}</th>
                <th>{t('hooks.logCode')}</th>
                <th>{t('hooks.logAttempts')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={l().items}>
                {(d) => (
                  <tr>
                    <td>{formatDateTime(d.createdAt)}</td>
                    <td>{d.eventType}</td>
                    <td>
                      <Badge tone={d.status === 'delivered' ? 'success' : d.status === 'failed' ? 'danger' : 'warning'}>{t(`hooks.delivery.${d.status}`)}</Badge>
                    </td>
                    <td>{d.lastStatusCode ?? d.lastError ?? '—'}</td>
                    <td>
                      {d.attempts}
                      <Show when={d.nextAttemptAt}>{(at) => <span class="muted small"> · {t('hooks.nextAttempt', { at: formatDateTime(at()) })}</span>}</Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      )}
    </Async>
  );
}

export function WebhooksSection() {
  const [hooks, { refetch }] = createApiQuery(() => api.v1.webhooks.$get());
  const [url, setUrl] = createSignal('');
  const [events, setEvents] = createSignal<HookEvent[]>([...EVENTS]);
  const [secret, setSecret] = createSignal<string | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const [open, setOpen] = createSignal<string | null>(null);
  const [version, setVersion] = createSignal(0);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await refetch();
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const refusal = () => {
    const e = error();
    const reason = e instanceof ApiError ? (e.details?.reason as string | undefined) : undefined;
    return reason ? t(`hooks.refused.${reason}` as 'hooks.refused.ADDRESS_NOT_PUBLIC') ?? reason : null;
  };

  const create = (event: SubmitEvent) => {
    event.preventDefault();
    void act(async () => {
      const made = await read(api.v1.webhooks.$post({ json: { url: url().trim(), events: events() } }));
      setSecret(made.secret);
      setUrl('');
    });
  };

  return (
    <div class="stack" data-testid="webhooks">
      <p class="muted small">{t('hooks.intro')}</p>
      <Show when={secret()}>
        {(s) => (
          <div class="note" data-testid="hook-secret">
            <div>{t('hooks.secretOnce')}</div>
            <div class="secret-box">{s()}</div>
          </div>
        )}
      </Show>
      <Show when={error()}>{(e) => <ErrorBanner error={e()} title={refusal() ?? undefined} />}</Show>
      <Async of={hooks} onRetry={refetch}>
        {(h) => (
          <Show when={h().items.length} fallback={<p class="muted">{t('hooks.empty')}</p>}>
            <ul class="hooks-list">
              <For each={h().items}>
                {(hook) => (
                  <li class="hook-item" data-testid="hook-item">
                    <div class="hook-head">
                      <code>{hook.url}</code>
                      <Badge tone={hook.isActive ? 'success' : 'danger'}>{hook.isActive ? t('hooks.active') : t('hooks.disabled')}</Badge>
                    </div>
                    <div class="muted small">
                      {hook.events.join(', ')}
                      <Show when={hook.disabledReason === 'GONE'}> · {t('hooks.disabledGone')}</Show>
                      <Show when={hook.rotatingUntil}>{(until) => <> · {t('hooks.rotating', { at: formatDateTime(until()) })}</>}</Show>
                    </div>
                    <div class="hook-actions">
                      <Button size="sm" disabled={busy() || !hook.isActive} onClick={() => act(() => read(api.v1.webhooks[':id'].test.$post({ param: { id: hook.id } })).then(() => setOpen(hook.id)))}>
                        {t('hooks.sendTest')}
                      </Button>
                      <Button size="sm" disabled={busy()} onClick={() => setOpen(open() === hook.id ? null : hook.id)}>
                        {t('hooks.showLog')}
                      </Button>
                      <Button size="sm" disabled={busy()} onClick={() => act(async () => setSecret((await read(api.v1.webhooks[':id']['rotate-secret'].$post({ param: { id: hook.id } }))).secret))}>
                        {t('hooks.rotate')}
                      </Button>
                      <Button size="sm" disabled={busy()} onClick={() => act(() => read(api.v1.webhooks[':id'].$patch({ param: { id: hook.id }, json: { isActive: !hook.isActive } })))}>
                        {hook.isActive ? t('hooks.disable') : t('hooks.enable')}
                      </Button>
                      <Button size="sm" variant="danger" disabled={busy()} onClick={() => act(() => read(api.v1.webhooks[':id'].$delete({ param: { id: hook.id } })))}>
                        {t('hooks.delete')}
                      </Button>
                    </div>
                    <Show when={open() === hook.id}>
                      <DeliveryLog id={hook.id} version={version()} />
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Async>
      <form class="hook-form" onSubmit={create} data-testid="hook-form">
        <label style={{ 'grid-column': 'span 2' }}>
          <span class="field-label">{t('hooks.url')}</span>
          <input name="url" type="url" required value={url()} placeholder="https://example.com/hooks/tg-studio" onInput={(e) => setUrl(e.currentTarget.value)} />
        </label>
        <fieldset>
          <legend class="field-label">{t('hooks.events')}</legend>
          <For each={EVENTS}>
            {(ev) => (
              <label class="small">
                <input type="checkbox" checked={events().includes(ev)} onChange={(e) => setEvents((list) => (e.currentTarget.checked ? [...new Set([...list, ev])] : list.filter((x) => x !== ev)))} /> {ev}
              </label>
            )}
          </For>
        </fieldset>
        <div>
          <Button type="submit" variant="primary" loading={busy()} disabled={events().length === 0}>
            {t('hooks.create')}
          </Button>
        </div>
      </form>
    </div>
  );
}
