// AI usage (tokens, cost) and plan quotas. The plan comes from /v1/me; usage awaits /v1/usage.
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { PlanSummary } from '../components/PlanSummary';
import { t } from '../i18n';

export default function UsagePage() {
  return (
    <div class="page" data-page="usage">
      <PageHeader title={t('usage.title')} subtitle={t('usage.subtitle')} />
      <div class="grid-2">
        <Card title={t('usage.limitsTitle')}>
          <PlanSummary />
        </Card>
        <Card>
          <EmptyState icon="usage" title={t('usage.emptyTitle')}>
            {t('usage.emptyText')}
          </EmptyState>
        </Card>
      </div>
    </div>
  );
}
