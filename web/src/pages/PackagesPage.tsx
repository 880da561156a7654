// Publication packages per platform, with preview and export. No packages API yet.
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { t } from '../i18n';

export default function PackagesPage() {
  return (
    <div class="page" data-page="packages">
      <PageHeader
        title={t('packages.title')}
        subtitle={t('packages.subtitle')}
        actions={
          // Export needs at least one package; enabled once the list has items.
          <>
            <Button disabled>
              <Icon name="download" size={18} />
              {t('packages.exportJson')}
            </Button>
            <Button disabled>
              <Icon name="download" size={18} />
              {t('packages.exportCsv')}
            </Button>
          </>
        }
      />
      <Card>
        <EmptyState
          icon="packages"
          title={t('packages.emptyTitle')}
          action={
            <Button href="/top" variant="primary">
              {t('packages.toTop')}
            </Button>
          }
        >
          {t('packages.emptyText')}
        </EmptyState>
      </Card>
    </div>
  );
}
