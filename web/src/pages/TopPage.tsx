// Top stories and topics for a window (?window=24h|7d). No ranking API yet.
import { useSearchParams } from '@solidjs/router';
import { For } from 'solid-js';
import { Card } from '../components/Card';
import { EmptyState } from '../components/EmptyState';
import { PageHeader } from '../components/PageHeader';
import { t, type DictKey } from '../i18n';

const WINDOWS: { value: '24h' | '7d'; label: DictKey }[] = [
  { value: '24h', label: 'top.window24h' },
  { value: '7d', label: 'top.window7d' },
];

export default function TopPage() {
  const [params, setParams] = useSearchParams<{ window?: string }>();
  const current = () => (params.window === '7d' ? '7d' : '24h');
  return (
    <div class="page" data-page="top">
      <PageHeader
        title={t('top.title')}
        subtitle={t('top.subtitle')}
        actions={
          <div class="segmented" role="group" aria-label={t('top.windowLabel')}>
            <For each={WINDOWS}>
              {(w) => (
                <button type="button" class="segmented-item" aria-pressed={current() === w.value} onClick={() => setParams({ window: w.value })}>
                  {t(w.label)}
                </button>
              )}
            </For>
          </div>
        }
      />
      <Card>
        <EmptyState icon="top" title={t('top.emptyTitle')}>
          {t('top.emptyText')}
        </EmptyState>
      </Card>
    </div>
  );
}
