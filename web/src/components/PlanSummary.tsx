// The signed-in user's plan and its limits, as returned by /v1/me.
import { For, Show } from 'solid-js';
import { formatNumber, t } from '../i18n';
import { me } from '../lib/session';
import { Badge } from './Badge';

// camelCase / snake_case limit names → "Channels per user" style labels until the server sends labels.
const humanize = (key: string) => {
  const words = key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function PlanSummary() {
  return (
    <Show when={me()} fallback={<p class="muted">{t('settings.planEmpty')}</p>}>
      {(session) => (
        <div class="plan-summary">
          <div class="plan-row">
            <span class="muted">{t('usage.planTitle')}</span>
            <Badge tone="info">{session().plan}</Badge>
          </div>
          <Show when={Object.keys(session().limits ?? {}).length > 0} fallback={<p class="muted">{t('usage.noLimits')}</p>}>
            <dl class="limits">
              <For each={Object.entries(session().limits)}>
                {([key, value]) => (
                  <div class="limit">
                    <dt>{humanize(key)}</dt>
                    <dd>{value === null ? t('usage.unlimited') : formatNumber(value)}</dd>
                  </div>
                )}
              </For>
            </dl>
          </Show>
        </div>
      )}
    </Show>
  );
}
