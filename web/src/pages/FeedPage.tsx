// The feed of the user's channels (also the home page). No feed API yet.
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { t } from '../i18n';

export default function FeedPage() {
  return (
    <div class="page" data-page="feed">
      <PageHeader title={t('feed.title')} subtitle={t('feed.subtitle')} />
      <Card>
        <EmptyState
          icon="feed"
          title={t('feed.emptyTitle')}
          action={
            <Button href="/subscriptions" variant="primary">
              {t('feed.toSubscriptions')}
            </Button>
          }
        >
          {t('feed.emptyText')}
        </EmptyState>
      </Card>
    </div>
  );
}
