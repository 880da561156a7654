// AI usage (calls, tokens, images, cost) over a window, and the plan's 30-day quotas.
import { For, Show, createSignal } from 'solid-js';
import type { UsageReport } from '../../../edge/services/usage';
import { Async } from '../components/Async';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { PlanSummary } from '../components/PlanSummary';
import { formatCurrency, formatNumber, t } from '../i18n';
import { createApiResource } from '../lib/resource';

type Usage = UsageReport;
type Totals = Usage['totals'];
type Quota = Usage['quotas']['generations'];

const WINDOWS = ['24h', '7d', '30d', '90d'] as const;
const money = (n: number) => formatCurrency(n, 'USD');

function QuotaBar(props: { label: string; quota: Quota; format: (n: number) => string }) {
  return (
    <div class="quota">
      <div class="quota-head">
        <span>{props.label}</span>
        <span class={props.quota.exceeded ? 'quota-exceeded' : 'muted'}>
          {props.format(props.quota.used)} / {props.format(props.quota.limit)}
        </span>
      </div>
      <div class="quota-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(props.quota.share * 100)}>
        <div class="quota-fill" classList={{ 'quota-fill-full': props.quota.share >= 0.9 }} style={{ width: `${props.quota.share * 100}%` }} />
      </div>
    </div>
  );
}

function Breakdown(props: { rows: (Totals & { label: string })[] }) {
  return (
    <table class="data-table">
      <thead>
        <tr>
          <th />
          <th>{t('usage.calls')}</th>
          <th>{t('usage.tokensIn')}</th>
          <th>{t('usage.tokensOut')}</th>
          <th>{t('usage.images')}</th>
          <th>{t('usage.cost')}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>
          {(row) => (
            <tr>
              <td>{row.label}</td>
              <td>{formatNumber(row.calls)}</td>
              <td>{formatNumber(row.inputTokens)}</td>
              <td>{formatNumber(row.outputTokens)}</td>
              <td>{formatNumber(row.images)}</td>
              <td>{money(row.costUsd)}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

export default function UsagePage() {
  const [window, setWindow] = createSignal<(typeof WINDOWS)[number]>('30d');
  const [usage, { refetch }] = createApiResource<Usage>(() => `/v1/usage?window=${window()}`);
  return (
    <div class="page" data-page="usage">
      <PageHeader
        title={t('usage.title')}
        subtitle={t('usage.subtitle')}
        actions={
          <div class="segmented" role="group" aria-label={t('usage.windowLabel')}>
            <For each={WINDOWS}>
              {(w) => (
                <button type="button" class="segmented-item" aria-pressed={window() === w} onClick={() => setWindow(w)}>
                  {t(`usage.window.${w}`)}
                </button>
              )}
            </For>
          </div>
        }
      />
      <Async of={usage} onRetry={refetch}>
        {(u) => (
          <div class="stack">
            <div class="grid-2">
              <Card title={t('usage.quotasTitle')}>
                <QuotaBar label={t('usage.limit.generationsPer30d')} quota={u().quotas.generations} format={formatNumber} />
                <QuotaBar label={t('usage.limit.imagesPer30d')} quota={u().quotas.images} format={formatNumber} />
                <QuotaBar label={t('usage.limit.aiCostUsdPer30d')} quota={u().quotas.aiCostUsd} format={money} />
              </Card>
              <Card title={t('usage.totalsTitle')}>
                <dl class="limits">
                  <div class="limit"><dt>{t('usage.calls')}</dt><dd>{formatNumber(u().totals.calls)}</dd></div>
                  <div class="limit"><dt>{t('usage.tokensIn')}</dt><dd>{formatNumber(u().totals.inputTokens)}</dd></div>
                  <div class="limit"><dt>{t('usage.tokensOut')}</dt><dd>{formatNumber(u().totals.outputTokens)}</dd></div>
                  <div class="limit"><dt>{t('usage.images')}</dt><dd>{formatNumber(u().totals.images)}</dd></div>
                  <div class="limit"><dt>{t('usage.cost')}</dt><dd>{money(u().totals.costUsd)}</dd></div>
                </dl>
              </Card>
            </div>
            <Show
              when={u().totals.calls > 0}
              fallback={
                <Card>
                  <EmptyState icon="usage" title={t('usage.emptyTitle')}>
                    {t('usage.emptyText')}
                  </EmptyState>
                </Card>
              }
            >
              <Card title={t('usage.byModelTitle')}>
                <Breakdown rows={u().byModel.map((r) => ({ ...r, label: r.model }))} />
              </Card>
              <Card title={t('usage.byPurposeTitle')}>
                <Breakdown rows={u().byPurpose.map((r) => ({ ...r, label: r.purpose }))} />
              </Card>
              <Card title={t('usage.dailyTitle')}>
                <Breakdown rows={u().daily.map((r) => ({ ...r, label: r.day }))} />
              </Card>
            </Show>
            <Card title={t('usage.limitsTitle')}>
              <PlanSummary />
            </Card>
          </div>
        )}
      </Async>
    </div>
  );
}
