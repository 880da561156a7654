// A breakdown (by purpose or by model) as horizontal bars of cost, with tokens and images beside.
import { For } from 'solid-js';
import type { UsageTotals } from '../../../../db/queries/usage';
import { formatCurrency, formatNumber, t } from '../../i18n';

export type BreakdownRow = UsageTotals & { label: string };

export function BreakdownBars(props: { rows: BreakdownRow[]; testId?: string }) {
  const maxCost = () => Math.max(...props.rows.map((r) => r.costUsd), 0);
  const maxTokens = () => Math.max(...props.rows.map((r) => r.inputTokens + r.outputTokens), 0);
  // Bars by cost; when nothing cost money (the offline engine), by tokens.
  const share = (r: BreakdownRow) => (maxCost() > 0 ? r.costUsd / maxCost() : maxTokens() > 0 ? (r.inputTokens + r.outputTokens) / maxTokens() : 0);
  return (
    <ul class="usage-breakdown" data-testid={props.testId}>
      <For each={props.rows}>
        {(row) => (
          <li class="usage-breakdown-row">
            <div class="usage-breakdown-head">
              <span class="usage-breakdown-label">{row.label}</span>
              <span class="usage-breakdown-cost">{formatCurrency(row.costUsd, 'USD')}</span>
            </div>
            <svg class="usage-breakdown-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true">
              <rect class="usage-breakdown-track" x="0" y="0" width="100" height="6" rx="3" />
              <rect class="usage-breakdown-fill" x="0" y="0" width={Math.max(share(row) * 100, row.calls > 0 ? 1 : 0)} height="6" rx="3" />
            </svg>
            <div class="muted small">
              {t('usage.breakdown.line', {
                calls: formatNumber(row.calls),
                input: formatNumber(row.inputTokens),
                cached: formatNumber(row.cachedTokens),
                output: formatNumber(row.outputTokens),
                images: formatNumber(row.images),
              })}
            </div>
          </li>
        )}
      </For>
    </ul>
  );
}
