// Followed channels. No channels API yet: explains what will be listed here.
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { t } from '../i18n';

export default function SubscriptionsPage() {
  return (
    <div class="page" data-page="subscriptions">
      <PageHeader title={t('subscriptions.title')} subtitle={t('subscriptions.subtitle')} />
      <Card>
        <EmptyState icon="subscriptions" title={t('subscriptions.emptyTitle')}>
          {t('subscriptions.emptyText')}
        </EmptyState>
      </Card>
    </div>
  );
}
