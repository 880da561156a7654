// One topic: its posts across channels and the "Make exclusive" pipeline start. No topic API yet.
import { A, useParams } from '@solidjs/router';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { t } from '../i18n';

export default function TopicPage() {
  const params = useParams<{ id: string }>();
  return (
    <div class="page" data-page="topic">
      <PageHeader
        back={
          <A href="/top" class="back-link">
            <Icon name="arrowLeft" size={16} />
            {t('topic.back')}
          </A>
        }
        title={t('topic.title')}
        subtitle={t('topic.subtitle', { id: params.id })}
      />
      <Card>
        <EmptyState icon="topic" title={t('topic.emptyTitle')}>
          {t('topic.emptyText')}
        </EmptyState>
      </Card>
    </div>
  );
}
