// Connect a Telegram account by QR (also the onboarding screen). Opens a QR login, polls it while
// the QR is shown (the picture changes as Telegram rotates the token), asks for the 2FA password
// when the account has one, and explains expired and failed attempts with a retry.
import { createSignal, For, Match, onCleanup, onMount, Show, Switch, type JSX } from 'solid-js';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { ErrorBanner } from '../components/ErrorBanner';
import { errorText as sharedErrorText } from '../lib/errors';
import { Icon } from '../components/Icon';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { isDictKey, t, type DictKey } from '../i18n';
import { ApiError } from '../lib/api';
import { api, read, type Answer } from '../lib/client';
import { markAccounts } from '../lib/accounts';
import './accounts.css';

type QrLoginView = Answer<(typeof api.v1.auth.qr)[':loginId']['$get']>;
type LoginParam = { loginId: string };

const STEPS: DictKey[] = ['connect.step1', 'connect.step2', 'connect.step3'];
const POLL_MS = 1500;

/** This screen's wording for a code, else the shared text of every API code. */
function errorText(code: string | undefined): string | null {
  if (!code) return null;
  const key = `connect.error.${code}`;
  return isDictKey(key) ? t(key) : sharedErrorText(code);
}

/** An attempt that ended without an account: what happened, and a way to start again. */
function Outcome(props: { state: string; title: string; text: string; onRetry: () => void; children?: JSX.Element }) {
  return (
    <div class="connect-state" data-state={props.state}>
      <h2>{props.title}</h2>
      <p>{props.text}</p>
      <div class="connect-actions">
        <Button variant="primary" onClick={() => props.onRetry()}>
          {t('connect.retry')}
        </Button>
        {props.children}
      </div>
    </div>
  );
}

export default function ConnectPage() {
  const [login, setLogin] = createSignal<QrLoginView | null>(null);
  const [startError, setStartError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const [password, setPassword] = createSignal('');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  const show = (view: QrLoginView) => {
    setLogin(view);
    if (view.status === 'AUTHORIZED') markAccounts(1);
    schedulePoll();
  };

  function schedulePoll() {
    clearTimeout(timer);
    const current = login();
    if (disposed || !current || (current.status !== 'PENDING' && current.status !== 'PASSWORD_NEEDED')) return;
    timer = setTimeout(async () => {
      try {
        show(await read(api.v1.auth.qr[':loginId'].$get({ param: { loginId: current.login_id } })));
      } catch {
        schedulePoll(); // A missed poll is retried; the attempt itself lives on the server.
      }
    }, POLL_MS);
  }

  async function start() {
    clearTimeout(timer);
    setStartError(null);
    setLogin(null);
    setPassword('');
    try {
      show(await read(api.v1.auth.qr.$post()));
    } catch (error) {
      setStartError(error);
    }
  }

  async function act(step: (param: LoginParam) => Promise<QrLoginView>) {
    const current = login();
    if (!current) return;
    setBusy(true);
    try {
      show(await step({ loginId: current.login_id }));
    } catch (error) {
      setStartError(error);
    } finally {
      setBusy(false);
    }
  }

  onMount(() => void start());
  onCleanup(() => {
    disposed = true;
    clearTimeout(timer);
  });

  const accountName = () => {
    const account = login()?.account;
    return account?.username ? `@${account.username}` : (account?.first_name ?? account?.phone_masked ?? '');
  };

  return (
    <div class="page" data-page="connect">
      <PageHeader
        title={t('connect.title')}
        subtitle={t('connect.subtitle')}
        actions={
          <Show when={login()?.gateway === 'sandbox'}>
            <span title={t('connect.sandboxHint')} data-testid="sandbox-badge">
              <Badge tone="warning">{t('connect.sandbox')}</Badge>
            </span>
          </Show>
        }
      />
      <Show when={startError()}>
        {(error) => (
          <ErrorBanner
            error={error()}
            title={errorText(error() instanceof ApiError ? (error() as ApiError).code : undefined) ?? t('connect.failedTitle')}
            onRetry={() => void start()}
          />
        )}
      </Show>
      <Card>
        <Switch>
          <Match when={!login() && !startError()}>
            <Spinner label={t('connect.starting')} />
          </Match>
          <Match when={login()?.status === 'PENDING'}>
            <div class="connect-grid">
              <ol class="steps">
                <For each={STEPS}>{(step) => <li>{t(step)}</li>}</For>
              </ol>
              <div class="qr-frame" data-state="pending">
                <Show
                  when={login()?.qr_png_b64}
                  fallback={
                    <div class="qr-placeholder" role="img" aria-label={t('connect.qrPlaceholder')}>
                      <Icon name="qr" size={48} />
                      <span>{t('connect.qrPlaceholder')}</span>
                    </div>
                  }
                >
                  {(png) => <img class="qr-image" src={`data:image/png;base64,${png()}`} alt={t('connect.qrAlt')} />}
                </Show>
                <span class="qr-caption">{t('connect.waiting')} {t('connect.qrRefreshes')}</span>
                <Show when={login()?.gateway === 'sandbox'}>
                  <Button size="sm" loading={busy()} onClick={() => void act((param) => read(api.v1.auth.qr[':loginId'].scan.$post({ param })))}>
                    {t('connect.scanNow')}
                  </Button>
                </Show>
              </div>
            </div>
          </Match>
          <Match when={login()?.status === 'PASSWORD_NEEDED'}>
            <div class="connect-state" data-state="password">
              <h2>{t('connect.passwordTitle')}</h2>
              <p>{t('connect.passwordText')}</p>
              <Show when={login()?.password_hint}>{(hint) => <p>{t('connect.passwordHint', { hint: hint() })}</p>}</Show>
              <form
                class="password-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (password()) void act((param) => read(api.v1.auth.qr[':loginId'].password.$post({ param, json: { password: password() } }))).then(() => setPassword(''));
                }}
              >
                <label for="tg-password">{t('connect.passwordLabel')}</label>
                <input
                  id="tg-password"
                  type="password"
                  autocomplete="current-password"
                  value={password()}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                  required
                />
                <Show when={login()?.password_invalid}>
                  <span class="form-error" role="alert">
                    {t('connect.passwordWrong')}
                  </span>
                </Show>
                <div class="connect-actions">
                  <Button type="submit" variant="primary" loading={busy()}>
                    {t('connect.passwordSubmit')}
                  </Button>
                </div>
              </form>
            </div>
          </Match>
          <Match when={login()?.status === 'AUTHORIZED'}>
            <div class="connect-state" data-state="authorized">
              <h2>
                <Icon name="check" size={20} /> {t('connect.doneTitle')}
              </h2>
              <p>{t('connect.doneText', { name: accountName() })}</p>
              <div class="connect-actions">
                <Button href="/subscriptions" variant="primary">
                  {t('connect.toSubscriptions')}
                </Button>
                <Button href="/accounts">{t('connect.toAccounts')}</Button>
              </div>
            </div>
          </Match>
          <Match when={login()?.status === 'EXPIRED'}>
            <Outcome state="expired" title={t('connect.expiredTitle')} text={t('connect.expiredText')} onRetry={() => void start()} />
          </Match>
          <Match when={login()?.status === 'FAILED'}>
            <Outcome
              state="failed"
              title={t('connect.failedTitle')}
              text={errorText(login()?.error?.code) ?? login()?.error?.message ?? ''}
              onRetry={() => void start()}
            >
              <Show when={login()?.error?.code === 'ACCOUNT_LIMIT_REACHED'}>
                <Button href="/accounts">{t('connect.toAccounts')}</Button>
              </Show>
            </Outcome>
          </Match>
        </Switch>
        <p class="note">
          <Icon name="lock" size={16} />
          <span>{t('connect.privacy')}</span>
        </p>
      </Card>
    </div>
  );
}
