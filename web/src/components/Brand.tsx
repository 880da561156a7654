import { t } from '../i18n';
import { Icon } from './Icon';

/** Logo mark + product name, used in the sidebar and on the login page. */
export function Brand() {
  return (
    <span class="brand">
      <span class="brand-mark" aria-hidden="true">
        <Icon name="telegram" size={18} />
      </span>
      <span class="brand-name">{t('app.name')}</span>
    </span>
  );
}
