// Labels parts of the product that run on local stand-ins (sandbox Telegram, offline AI engine).
import { Show } from 'solid-js';
import { t } from '../i18n';
import { me } from '../lib/session';
import { Badge } from './Badge';

export function SandboxBadges() {
  return (
    <div class="sandbox-badges">
      <Show when={me()?.sandbox?.telegram}>
        <span title={t('header.sandboxTelegramHint')}>
          <Badge tone="warning">{t('header.sandboxTelegram')}</Badge>
        </span>
      </Show>
      <Show when={me()?.sandbox?.aiOffline}>
        <span title={t('header.aiOfflineHint')}>
          <Badge tone="warning">{t('header.aiOffline')}</Badge>
        </span>
      </Show>
    </div>
  );
}
