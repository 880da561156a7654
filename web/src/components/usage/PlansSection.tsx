// Settings → Plans: the user's plan, every plan's limits side by side, and how a plan changes
// (there is no billing: the operator switches it). Every "change plan" message links here.
import { For, Show } from 'solid-js';
import type { PlanLimits } from '../../../../core/plans';
import { formatCurrency, formatNumber, t } from '../../i18n';
import { api } from '../../lib/client';
import { createApiQuery } from '../../lib/resource';
import { Async } from '../Async';
import { Badge } from '../Badge';
import { formatBytes } from './bytes';
import './usage.css';

const ROWS: (keyof PlanLimits)[] = ['channels', 'accounts', 'generationsPer30d', 'imagesPer30d', 'aiCostUsdPer30d', 'mediaMaxBytes', 'mediaBytesStored'];

const value = (key: keyof PlanLimits, n: number) =>
  key === 'mediaMaxBytes' || key === 'mediaBytesStored' ? formatBytes(n) : key === 'aiCostUsdPer30d' ? formatCurrency(n, 'USD') : formatNumber(n);

export function PlansSection() {
  const [plans, { refetch }] = createApiQuery(() => api.v1.plans.$get());
  return (
    <Async of={plans} onRetry={refetch}>
      {(p) => (
        <div class="stack" data-testid="plans">
          <div class="plan-row">
            <span class="muted">{t('usage.planTitle')}</span>
            <Badge tone="info">{t(`usage.plan.${p().current}`)}</Badge>
          </div>
          <table class="data-table plans-table">
            <thead>
              <tr>
                <th />
                <For each={p().plans}>
                  {(plan) => (
                    <th>
                      {t(`usage.plan.${plan.name}`)}
                      <Show when={plan.name === p().current}> ✓</Show>
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={ROWS}>
                {(key) => (
                  <tr>
                    <td>{t(`usage.limit.${key}`)}</td>
                    <For each={p().plans}>{(plan) => <td>{value(key, plan.limits[key])}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <p class="note">{t('plans.howToChange')}</p>
          <p class="muted small">
            {t('plans.operatorCommand')} <code>npm run set-plan -- @username pro</code>
          </p>
        </div>
      )}
    </Async>
  );
}
