// The media stored for the user's channels against the plan's limit: a bar, and what happens past it
// (new files keep only their metadata on the post; nothing stored is removed).
import type { UsageReport } from '../../../../edge/services/usage';
import { t } from '../../i18n';
import { formatBytes } from './bytes';
import './usage.css';

export function MediaQuotaBar(props: { quota: UsageReport['mediaStorage'] }) {
  const label = () => t('usage.limit.mediaBytesStored');
  return (
    <div class="quota" data-testid="quota-media">
      <div class="quota-head">
        <span>{label()}</span>
        <span class={props.quota.exceeded ? 'quota-exceeded' : 'muted'}>
          {formatBytes(props.quota.used)} / {formatBytes(props.quota.allowed)}
        </span>
      </div>
      <div class="quota-track" role="progressbar" aria-label={label()} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(props.quota.share * 100)}>
        <div class="quota-fill" classList={{ 'quota-fill-full': props.quota.share >= 0.9 }} style={{ width: `${props.quota.share * 100}%` }} />
      </div>
      <div class="quota-reset">{props.quota.exceeded ? t('usage.mediaFull') : t('usage.mediaNote')}</div>
    </div>
  );
}
