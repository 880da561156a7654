// Settings: interface language works now (browser-local); content settings arrive with the settings API.
import { Card } from '../components/Card';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageHeader } from '../components/PageHeader';
import { PlanSummary } from '../components/PlanSummary';
import { t } from '../i18n';

export default function SettingsPage() {
  return (
    <div class="page" data-page="settings">
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <div class="stack">
        <Card title={t('settings.interface')}>
          <div class="field-row">
            <div>
              <div class="field-label">{t('settings.interfaceLanguage')}</div>
              <div class="muted small">{t('settings.interfaceLanguageHint')}</div>
            </div>
            <LanguageSwitch />
          </div>
        </Card>
        <Card title={t('settings.content')}>
          <p class="muted">{t('settings.contentEmpty')}</p>
        </Card>
        <Card title={t('settings.plan')}>
          <PlanSummary />
        </Card>
      </div>
    </div>
  );
}
