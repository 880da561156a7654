// Login: the Telegram Login widget when the server has a bot, Telegram's OpenID Connect flow when
// configured, and — in local mode only — a clearly labelled demo login. The server says which.
import { useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { Brand } from '../components/Brand';
import { Button } from '../components/Button';
import { Icon, type IconName } from '../components/Icon';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { isDictKey, t, type DictKey } from '../i18n';
import { publicApi, read } from '../lib/client';
import { describeError, errorText as sharedErrorText } from '../lib/errors';
import { loadSession } from '../lib/session';
import './login.css';

const FEATURES: { icon: IconName; text: DictKey }[] = [
  { icon: 'feed', text: 'login.featureFeed' },
  { icon: 'top', text: 'login.featureTop' },
  { icon: 'sparkles', text: 'login.featureAi' },
];

const WIDGET_SCRIPT = 'https://telegram.org/js/telegram-widget.js?22';

/** A reason code from the server (…?error=TELEGRAM_AUTH_STALE) as a sentence people can act on. */
function errorText(code: string): string {
  const key = `login.error.${code}`;
  return isDictKey(key) ? t(key) : sharedErrorText(code);
}

/** Telegram's widget is a script that renders its own button next to itself. */
function TelegramWidget(props: { botUsername: string }) {
  let host!: HTMLDivElement;
  onMount(() => {
    const script = document.createElement('script');
    script.async = true;
    script.src = WIDGET_SCRIPT;
    script.dataset.telegramLogin = props.botUsername;
    script.dataset.size = 'large';
    script.dataset.radius = '10';
    script.dataset.authUrl = `${location.origin}/auth/telegram/callback`;
    script.dataset.requestAccess = 'write';
    host.appendChild(script);
    onCleanup(() => host.replaceChildren());
  });
  return <div class="telegram-widget" ref={host} data-testid="telegram-widget" />;
}

export default function LoginPage() {
  const [params] = useSearchParams<{ error?: string }>();
  const [config] = createResource(() => read(publicApi.auth.config.$get()));
  const [demoBusy, setDemoBusy] = createSignal(false);
  const [demoError, setDemoError] = createSignal<string | null>(null);

  const signInAsDemo = async () => {
    setDemoBusy(true);
    setDemoError(null);
    try {
      await read(publicApi.auth.demo.$post());
      // The guest guard sends a signed-in user on to ?next= (or the feed).
      await loadSession(true);
    } catch (error) {
      setDemoError(describeError(error).text);
    } finally {
      setDemoBusy(false);
    }
  };

  // Until the server says otherwise (and when it has no Telegram login), the Telegram button stays
  // in place, disabled, so the page does not jump.
  const telegramUnavailable = () => !config()?.botUsername && !config()?.oidcEnabled;

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
          <Show when={params.error}>
            {(code) => (
              <div class="error-banner" role="alert" data-testid="login-error">
                <div class="error-banner-text">
                  <strong>{t('login.error.title')}</strong>
                  <span>{errorText(code())}</span>
                </div>
              </div>
            )}
          </Show>
          <div class="auth-action">
            <Show when={config.error}>
              <p class="muted small" role="alert">
                {t('common.networkError')}
              </p>
            </Show>
            <Show when={config()?.botUsername}>{(bot) => <TelegramWidget botUsername={bot()} />}</Show>
            <Show when={config()?.oidcEnabled}>
              {/* A full-page navigation: the OIDC flow leaves the app and comes back to /auth/…/callback. */}
              <a class="btn btn-telegram" href="/auth/telegram/oidc/start" data-testid="login-oidc">
                <Icon name="telegram" />
                {t('login.button')}
              </a>
            </Show>
            <Show when={telegramUnavailable()}>
              <button type="button" class="btn btn-telegram" disabled aria-describedby="login-unavailable">
                <Icon name="telegram" />
                {t('login.button')}
              </button>
              <Show when={config()}>
                {/* Why the button is off, and what an operator sets to turn it on. */}
                <div class="login-off small" id="login-unavailable" data-testid="login-telegram-off">
                  <strong>{t('login.telegramOffTitle')}</strong>
                  <p class="muted">{t('login.telegramOff')}</p>
                </div>
              </Show>
            </Show>
            <Show when={config()?.demoEnabled}>
              <div class="demo-login" data-testid="demo-login">
                <Button variant="secondary" loading={demoBusy()} onClick={signInAsDemo}>
                  {t('login.demoButton')}
                </Button>
                <p class="muted small">
                  <Icon name="lock" size={14} /> {t('login.demoLabel')}
                </p>
                <Show when={demoError()}>
                  {(message) => (
                    <p class="small" role="alert">
                      {message()}
                    </p>
                  )}
                </Show>
              </div>
            </Show>
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
