// Login: the Telegram SSO entry. The shell explains the product; the widget is wired by the auth work.
import { For } from 'solid-js';
import { Brand } from '../components/Brand';
import { Icon, type IconName } from '../components/Icon';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { t, type DictKey } from '../i18n';

const FEATURES: { icon: IconName; text: DictKey }[] = [
  { icon: 'feed', text: 'login.featureFeed' },
  { icon: 'top', text: 'login.featureTop' },
  { icon: 'sparkles', text: 'login.featureAi' },
];

export default function LoginPage() {
  return (
    <div class="auth-layout" data-page="login">
      <div class="auth-topbar">
        <Brand />
        <LanguageSwitch />
      </div>
      <main class="auth-main">
        <section class="auth-card">
          <h1 class="auth-title">{t('login.title')}</h1>
          <p class="auth-subtitle">{t('login.subtitle')}</p>
          <div class="auth-action">
            <button type="button" class="btn btn-telegram" disabled aria-describedby="login-unavailable">
              <Icon name="telegram" />
              {t('login.button')}
            </button>
            <p class="muted small" id="login-unavailable">
              {t('login.unavailable')}
            </p>
          </div>
          <p class="auth-hint">
            <Icon name="lock" size={16} />
            <span>{t('login.hint')}</span>
          </p>
        </section>
        <section class="auth-features" aria-label={t('login.features')}>
          <h2 class="auth-features-title">{t('login.features')}</h2>
          <ul>
            <For each={FEATURES}>
              {(f) => (
                <li>
                  <span class="feature-icon">
                    <Icon name={f.icon} />
                  </span>
                  {t(f.text)}
                </li>
              )}
            </For>
          </ul>
        </section>
      </main>
    </div>
  );
}
