// Connected Telegram accounts: status (active / needs re-login / Telegram pause / disabled), last
// sync, channel count, and removal with confirmation (the session is ended at Telegram too).
import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { Async } from '../components/Async';
import { Badge, type BadgeTone } from '../components/Badge';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { formatDateTime, formatNumber, t } from '../i18n';
import { api, read } from '../lib/client';
import { markAccounts, type AccountView } from '../lib/accounts';
import { createApiQuery } from '../lib/resource';
import { me } from '../lib/session';
import './accounts.css';

const tone: Record<AccountView['status'], BadgeTone> = {
  active: 'success',
  needs_relogin: 'warning',
  flood_wait: 'warning',
  disabled: 'danger',
};

function statusLabel(account: AccountView): string {
  if (account.status === 'flood_wait') return t('accounts.status.flood_wait', { until: formatDateTime(account.flood_wait_until!) });
  return t(`accounts.status.${account.status}`);
}

const displayName = (a: AccountView) => (a.username ? `@${a.username}` : (a.first_name ?? a.phone_masked ?? String(a.tg_user_id)));

function AccountItem(props: { account: AccountView; onRemoved: () => void }) {
  const [confirming, setConfirming] = createSignal(false);
  const [removing, setRemoving] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);

  async function remove() {
    setRemoving(true);
    setError(null);
    try {
      await read(api.v1.accounts[':id'].$delete({ param: { id: props.account.id } }));
      props.onRemoved();
    } catch (e) {
      setError(e);
    } finally {
      setRemoving(false);
      setConfirming(false);
    }
  }

  return (
    <li class="account-item" data-account-id={props.account.id}>
      <div class="account-head">
        <span class="account-name">
          <Icon name="telegram" size={18} />
          {displayName(props.account)}
          <Badge tone={tone[props.account.status]}>{statusLabel(props.account)}</Badge>
          <Show when={props.account.is_sandbox}>
            <Badge tone="warning">{t('accounts.sandbox')}</Badge>
          </Show>
        </span>
        <div class="connect-actions">
          <Show when={props.account.status === 'needs_relogin'}>
            <Button href="/connect" size="sm" variant="primary">
              {t('accounts.reconnect')}
            </Button>
          </Show>
          <Button size="sm" variant="danger" onClick={() => setConfirming(true)} disabled={confirming()}>
            {t('accounts.remove')}
          </Button>
        </div>
      </div>
      <dl class="account-facts">
        <div>
          <dt>{t('accounts.phone')}</dt>
          <dd>{props.account.phone_masked ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('accounts.lastSync')}</dt>
          <dd>{props.account.last_synced_at ? formatDateTime(props.account.last_synced_at) : t('accounts.neverSynced')}</dd>
        </div>
        <div>
          <dt>{t('accounts.channels')}</dt>
          <dd>{formatNumber(props.account.channel_count)}</dd>
        </div>
      </dl>
      <Show when={confirming()}>
        <div class="account-confirm" role="alertdialog" aria-label={t('accounts.remove')}>
          <span>{t('accounts.removeConfirm', { name: displayName(props.account) })}</span>
          <div class="connect-actions">
            <Button size="sm" variant="danger" loading={removing()} onClick={() => void remove()}>
              {t('accounts.removeYes')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
              {t('accounts.cancel')}
            </Button>
          </div>
        </div>
      </Show>
      <Show when={error()}>{(e) => <ErrorBanner error={e()} />}</Show>
    </li>
  );
}

export default function AccountsPage() {
  const [data, { refetch }] = createApiQuery(() => api.v1.accounts.$get());
  // A reconnect fits in the plan (it reuses the slot); a new account does not once the plan is full.
  const full = () => {
    const limit = me()?.limits.accounts;
    const accounts = data.state === 'ready' ? data()?.accounts : undefined;
    return Boolean(limit && accounts && accounts.length >= limit && !accounts.some((a) => a.status === 'needs_relogin'));
  };
  const afterRemoval = async () => {
    const fresh = await refetch();
    if (fresh) markAccounts(fresh.accounts.length);
  };
  return (
    <div class="page" data-page="accounts">
      <PageHeader
        title={t('accounts.title')}
        subtitle={t('accounts.subtitle')}
        actions={
          <Show
            when={!full()}
            fallback={
              <button type="button" class="btn btn-primary" disabled aria-describedby="accounts-full" data-testid="connect-disabled">
                <Icon name="qr" size={18} />
                {t('accounts.scanQr')}
              </button>
            }
          >
            <Button href="/connect" variant="primary">
              <Icon name="qr" size={18} />
              {t('accounts.scanQr')}
            </Button>
          </Show>
        }
      />
      <Show when={full()}>
        {/* The plan has no room for another account: say so, and where to make room. */}
        <p class="note accounts-full" id="accounts-full" role="status">
          {t('accounts.limitReached', { max: me()?.limits.accounts ?? 1 })} <A href="/settings">{t('accounts.toPlans')}</A>
        </p>
      </Show>
      <Card>
        <Async of={data} onRetry={() => void refetch()}>
          {(value) => (
            <Show
              when={value().accounts.length > 0}
              fallback={
                <EmptyState icon="accounts" title={t('accounts.emptyTitle')}>
                  {t('accounts.emptyText')}
                </EmptyState>
              }
            >
              <ul class="account-list">
                <For each={value().accounts}>{(account) => <AccountItem account={account} onRemoved={() => void afterRemoval()} />}</For>
              </ul>
            </Show>
          )}
        </Async>
      </Card>
    </div>
  );
}
