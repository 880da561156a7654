import { Button } from '../components/Button';
import { EmptyState } from '../components/EmptyState';
import { t } from '../i18n';

export default function NotFoundPage() {
  return (
    <div class="page" data-page="not-found">
      <EmptyState
        icon="inbox"
        title={t('notFound.title')}
        action={
          <Button href="/feed" variant="primary">
            {t('notFound.back')}
          </Button>
        }
      >
        {t('notFound.text')}
      </EmptyState>
    </div>
  );
}
