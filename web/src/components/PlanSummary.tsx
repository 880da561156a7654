// The signed-in user's plan and its limits, as returned by /v1/me.
import { For, Show } from 'solid-js';
import { formatCurrency, formatNumber, isDictKey, t } from '../i18n';
import { me } from '../lib/session';
import { Badge } from './Badge';

// Limits the dictionaries know get a label (`usage.limit.<name>`); a new one shows its humanised name
// until a key is added.
const limitLabel = (key: string) => {
  const dictKey = `usage.limit.${key}`;
  if (isDictKey(dictKey)) return t(dictKey);
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const limitValue = (key: string, value: number) => {
  if (key.endsWith('Bytes')) return t('usage.megabytes', { n: formatNumber(Math.round(value / 1024 / 1024)) });
  if (key.includes('Usd')) return formatCurrency(value, 'USD');
  return formatNumber(value);
};

export function PlanSummary() {
  return (
    <Show when={me()} fallback={<p class="muted">{t('settings.planEmpty')}</p>}>
      {(session) => (
        <div class="plan-summary">
          <div class="plan-row">
            <span class="muted">{t('usage.planTitle')}</span>
            <Badge tone="info">{t(`usage.plan.${session().plan}`)}</Badge>
          </div>
          <dl class="limits">
            <For each={Object.entries(session().limits)}>
              {([key, value]) => (
                <div class="limit">
                  <dt>{limitLabel(key)}</dt>
                  <dd>{limitValue(key, value)}</dd>
                </div>
              )}
            </For>
          </dl>
        </div>
      )}
    </Show>
  );
}
