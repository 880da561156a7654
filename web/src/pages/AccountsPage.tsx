// Connected MTProto sessions. No accounts API yet: explains what will be listed here.
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { t } from '../i18n';

export default function AccountsPage() {
  return (
    <div class="page" data-page="accounts">
      <PageHeader
        title={t('accounts.title')}
        subtitle={t('accounts.subtitle')}
        actions={
          <Button href="/connect" variant="primary">
            <Icon name="qr" size={18} />
            {t('accounts.scanQr')}
          </Button>
        }
      />
      <Card>
        <EmptyState icon="accounts" title={t('accounts.emptyTitle')}>
          {t('accounts.emptyText')}
        </EmptyState>
      </Card>
    </div>
  );
}
