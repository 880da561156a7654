// AI usage over a window: a daily chart of cost and tokens (the user's calendar days), the
// breakdown by purpose and by model, the plan's 30-day quotas with when room comes back, the media
// stored against the plan's limit, and the rows as CSV.
import { For, Show, createSignal } from 'solid-js';
import { Async } from '../components/Async';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { BreakdownBars } from '../components/usage/Breakdown';
import { DailyChart } from '../components/usage/DailyChart';
import { MediaQuotaBar } from '../components/usage/MediaQuota';
import { formatCurrency, formatDateTime, formatNumber, isDictKey, t } from '../i18n';
import { api, type Answer } from '../lib/client';
import { createApiQuery } from '../lib/resource';

type Usage = Answer<typeof api.v1.usage.$get>;
type Quota = Usage['quotas']['generations'];

const WINDOWS = ['24h', '7d', '30d', '90d'] as const;
const money = (n: number) => formatCurrency(n, 'USD');
const purposeLabel = (p: string) => {
  const key = `usage.purpose.${p}`;
  return isDictKey(key) ? t(key) : p;
};

function QuotaBar(props: { label: string; quota: Quota; format: (n: number) => string; testId: string }) {
  return (
    <div class="quota" data-testid={props.testId}>
      <div class="quota-head">
        <span>{props.label}</span>
        <span class={props.quota.exceeded ? 'quota-exceeded' : 'muted'}>
          {props.format(props.quota.used)} / {props.format(props.quota.limit)}
        </span>
      </div>
      <div class="quota-track" role="progressbar" aria-label={props.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(props.quota.share * 100)}>
        <div class="quota-fill" classList={{ 'quota-fill-full': props.quota.share >= 0.9 }} style={{ width: `${props.quota.share * 100}%` }} />
      </div>
      <div class="quota-reset">
        <Show when={props.quota.resetsAt} fallback={t('usage.resetNone')}>
          {(at) => (props.quota.exceeded ? t('usage.resetBlocked', { at: formatDateTime(at()) }) : t('usage.resetNext', { at: formatDateTime(at()) }))}
        </Show>
      </div>
    </div>
  );
}

export default function UsagePage() {
  const [window, setWindow] = createSignal<(typeof WINDOWS)[number]>('30d');
  const [usage, { refetch }] = createApiQuery(window, (w) => api.v1.usage.$get({ query: { window: w } }));
  return (
    <div class="page" data-page="usage">
      <PageHeader
        title={t('usage.title')}
        subtitle={t('usage.subtitle')}
        actions={
          <>
            <div class="segmented" role="group" aria-label={t('usage.windowLabel')}>
              <For each={WINDOWS}>
                {(w) => (
                  <button type="button" class="segmented-item" aria-pressed={window() === w} onClick={() => setWindow(w)}>
                    {t(`usage.window.${w}`)}
                  </button>
                )}
              </For>
            </div>
            <a class="btn btn-secondary" href={api.v1.usage.export.$path({ query: { window: window() } })} download="">
              {t('usage.exportCsv')}
            </a>
          </>
        }
      />
      <Async of={usage} onRetry={refetch}>
        {(u) => (
          <div class="stack">
            <Card title={t('usage.dailyTitle')} actions={<span class="muted small">{t('usage.timeZone', { zone: u().timeZone })}</span>}>
              <Show
                when={u().totals.calls > 0}
                fallback={
                  <EmptyState icon="usage" title={t('usage.emptyTitle')}>
                    {t('usage.emptyText')}
                  </EmptyState>
                }
              >
                <DailyChart points={u().daily} />
              </Show>
            </Card>
            <div class="grid-2">
              <Card title={t('usage.quotasTitle')} actions={<Button href="/settings#plans" variant="ghost" size="sm">{t('usage.changePlan')}</Button>}>
                <QuotaBar testId="quota-generations" label={t('usage.limit.generationsPer30d')} quota={u().quotas.generations} format={formatNumber} />
                <QuotaBar testId="quota-images" label={t('usage.limit.imagesPer30d')} quota={u().quotas.images} format={formatNumber} />
                <QuotaBar testId="quota-cost" label={t('usage.limit.aiCostUsdPer30d')} quota={u().quotas.aiCostUsd} format={money} />
                <MediaQuotaBar quota={u().mediaStorage} />
              </Card>
              <Card title={t('usage.totalsTitle')}>
                <dl class="limits">
                  <div class="limit"><dt>{t('usage.calls')}</dt><dd>{formatNumber(u().totals.calls)}</dd></div>
                  <div class="limit"><dt>{t('usage.tokensIn')}</dt><dd>{formatNumber(u().totals.inputTokens)}</dd></div>
                  <div class="limit"><dt>{t('usage.tokensCached')}</dt><dd>{formatNumber(u().totals.cachedTokens)}</dd></div>
                  <div class="limit"><dt>{t('usage.tokensOut')}</dt><dd>{formatNumber(u().totals.outputTokens)}</dd></div>
                  <div class="limit"><dt>{t('usage.images')}</dt><dd>{formatNumber(u().totals.images)}</dd></div>
                  <div class="limit"><dt>{t('usage.cost')}</dt><dd data-testid="usage-total-cost">{money(u().totals.costUsd)}</dd></div>
                </dl>
              </Card>
            </div>
            <Show when={u().totals.calls > 0}>
              <div class="grid-2">
                <Card title={t('usage.byPurposeTitle')}>
                  <BreakdownBars testId="usage-by-purpose" rows={u().byPurpose.map((r) => ({ ...r, label: purposeLabel(r.purpose) }))} />
                </Card>
                <Card title={t('usage.byModelTitle')}>
                  <BreakdownBars testId="usage-by-model" rows={u().byModel.map((r) => ({ ...r, label: r.model }))} />
                </Card>
              </div>
            </Show>
          </div>
        )}
      </Async>
    </div>
  );
}
