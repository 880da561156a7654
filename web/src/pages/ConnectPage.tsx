// Connect a Telegram account by QR (onboarding). The QR flow itself lands with the MTProto work.
import { For } from 'solid-js';
import { Card } from '../components/Card';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { t, type DictKey } from '../i18n';

const STEPS: DictKey[] = ['connect.step1', 'connect.step2', 'connect.step3'];

export default function ConnectPage() {
  return (
    <div class="page" data-page="connect">
      <PageHeader title={t('connect.title')} subtitle={t('connect.subtitle')} />
      <Card>
        <div class="connect-grid">
          <ol class="steps">
            <For each={STEPS}>{(step) => <li>{t(step)}</li>}</For>
          </ol>
          <div class="qr-placeholder" role="img" aria-label={t('connect.qrPlaceholder')}>
            <Icon name="qr" size={48} />
            <span>{t('connect.qrPlaceholder')}</span>
          </div>
        </div>
        <p class="note">
          <Icon name="lock" size={16} />
          <span>{t('connect.privacy')}</span>
        </p>
      </Card>
    </div>
  );
}
