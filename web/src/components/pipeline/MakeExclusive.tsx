// "Make exclusive": pick the platforms (all by default, remembered in this browser), start a run on
// the topic, then follow it live — steps, progress, the error with Retry, or the link to the package.
import { A } from '@solidjs/router';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import { t } from '../../i18n';
import { isRunActive, PLATFORMS, retryRun, startRun, type Platform, type RunView } from '../../lib/pipeline';
import { Button } from '../Button';
import { Icon } from '../Icon';
import { ErrorNote } from './ErrorNote';
import { PlatformIcon } from './PlatformIcon';
import { RunProgress } from './RunProgress';
import { createRunPolling } from './runPolling';
import { errorText, platformName, showError, type ShownError } from './text';
import './pipeline.css';

const STORAGE_KEY = 'tgs.exclusive.platforms';

function savedPlatforms(): Platform[] {
  const raw = localStorage.getItem(STORAGE_KEY);
  if (!raw) return [...PLATFORMS];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    // A hand-edited or foreign value: forget it and start from all platforms.
    console.warn('make-exclusive: ignoring the saved platforms', error);
    localStorage.removeItem(STORAGE_KEY);
    return [...PLATFORMS];
  }
  const saved: unknown[] = Array.isArray(parsed) ? parsed : [];
  const list = PLATFORMS.filter((p) => saved.includes(p));
  return list.length ? list : [...PLATFORMS];
}

function PlatformPicker(props: { chosen: Platform[]; onChange: (next: Platform[]) => void }) {
  const toggle = (platform: Platform, on: boolean) =>
    props.onChange(PLATFORMS.filter((p) => (p === platform ? on : props.chosen.includes(p))));
  return (
    <fieldset class="platform-picker">
      <legend class="platform-picker-legend">
        {t('exclusive.platforms')}
        <Show when={props.chosen.length < PLATFORMS.length}>
          <button type="button" class="link-button" onClick={() => props.onChange([...PLATFORMS])}>
            {t('exclusive.selectAll')}
          </button>
        </Show>
      </legend>
      <For each={PLATFORMS}>
        {(platform) => (
          <label class="platform-option" data-platform={platform}>
            <input type="checkbox" checked={props.chosen.includes(platform)} onChange={(e) => toggle(platform, e.currentTarget.checked)} />
            <PlatformIcon platform={platform} />
            <span>{platformName(platform)}</span>
          </label>
        )}
      </For>
    </fieldset>
  );
}

/**
 * The button, the platform panel and the live run, in place. `run` is a run the page already knows
 * about (the topic's latest); a run started here replaces it.
 */
export function MakeExclusive(props: { topicId: number; run?: RunView | null; size?: 'sm' | 'md' }) {
  const [picking, setPicking] = createSignal(false);
  const [own, setOwn] = createSignal<RunView | null>(null);
  const run = () => own() ?? props.run ?? null;
  const polling = createRunPolling(run, setOwn);

  const [chosen, setChosen] = createSignal<Platform[]>(savedPlatforms());
  const [starting, setStarting] = createSignal(false);
  // Failures are kept raw and put into words when shown, so a language switch re-words them.
  const [startError, setStartError] = createSignal<unknown>(null);
  const [retrying, setRetrying] = createSignal(false);
  const [retryError, setRetryError] = createSignal<unknown>(null);
  let opener: HTMLButtonElement | undefined;
  let starter: HTMLButtonElement | undefined;

  const choose = (next: Platform[]) => {
    setChosen(next);
    if (next.length) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  };
  const open = () => {
    setStartError(null);
    setPicking(true);
  };
  const close = () => {
    setPicking(false);
    queueMicrotask(() => opener?.focus());
  };
  const start = async () => {
    if (!chosen().length || starting()) return;
    setStarting(true);
    setStartError(null);
    try {
      setOwn(await startRun({ topicId: props.topicId, platforms: chosen() }));
      setRetryError(null);
      setPicking(false);
    } catch (error) {
      setStartError(error);
    } finally {
      setStarting(false);
    }
    // The button was disabled while starting, which dropped the focus; give it back (Escape works again).
    if (picking()) queueMicrotask(() => starter?.focus());
  };
  const retry = async (current: RunView) => {
    setRetrying(true);
    setRetryError(null);
    try {
      setOwn(await retryRun(current.id));
    } catch (error) {
      setRetryError(error);
    } finally {
      setRetrying(false);
    }
  };
  const runError = (current: RunView): ShownError => {
    const code = current.error?.code ?? 'UNKNOWN';
    return { text: errorText(code), code, message: current.error?.message };
  };

  return (
    <div class="exclusive" classList={{ 'exclusive-open': picking() || run() !== null }} data-topic-id={props.topicId}>
      <Switch
        fallback={
          <Button size={props.size ?? 'sm'} variant="secondary" data-testid="make-exclusive" onClick={open} ref={(el: HTMLButtonElement) => (opener = el)}>
            <Icon name="sparkles" size={16} />
            {t('topic.makeExclusive')}
          </Button>
        }
      >
        <Match when={picking()}>
          <form
            class="exclusive-panel"
            ref={(el) => queueMicrotask(() => el.querySelector('input')?.focus())}
            aria-label={t('topic.makeExclusive')}
            onSubmit={(e) => {
              e.preventDefault();
              void start();
            }}
            onKeyDown={(e) => e.key === 'Escape' && close()}
          >
            <p class="exclusive-title">
              <Icon name="sparkles" size={16} />
              {t('topic.makeExclusive')}
            </p>
            <p class="muted small">{t('exclusive.panelText')}</p>
            <PlatformPicker chosen={chosen()} onChange={choose} />
            <Show when={!chosen().length}>
              <p class="exclusive-problem" role="alert">
                {t('exclusive.pickOne')}
              </p>
            </Show>
            <Show when={startError()}>{(error) => <ErrorNote error={showError(error())} />}</Show>
            <div class="exclusive-actions">
              <Button type="submit" size="sm" variant="primary" loading={starting()} disabled={!chosen().length} data-testid="make-exclusive-start" ref={(el: HTMLButtonElement) => (starter = el)}>
                {t('exclusive.start')}
              </Button>
              <Button size="sm" variant="ghost" onClick={close}>
                {t('exclusive.cancel')}
              </Button>
            </div>
          </form>
        </Match>
        <Match when={run()}>
          {(current) => (
            <div class="exclusive-run">
              <RunProgress run={current()} />
              <Show when={polling.trouble()}>
                <p class="muted small" role="status">
                  {t('run.pollTrouble')}
                </p>
              </Show>
              <Show when={polling.stopped()}>{(error) => <ErrorNote error={showError(error())} />}</Show>
              <Show when={current().status === 'failed'}>
                <ErrorNote error={runError(current())}>
                  <Button size="sm" variant="primary" loading={retrying()} data-testid="run-retry" onClick={() => void retry(current())}>
                    <Icon name="reset" size={16} />
                    {t('common.retry')}
                  </Button>
                </ErrorNote>
                <Show when={retryError()}>{(error) => <ErrorNote error={showError(error())} />}</Show>
              </Show>
              <div class="exclusive-actions">
                <Show when={current().status === 'succeeded' && current().packageId}>
                  {(packageId) => (
                    <A class="btn btn-primary btn-sm" href={`/packages/${encodeURIComponent(packageId())}`} data-testid="open-package">
                      <Icon name="packages" size={16} />
                      {t('run.openPackage')}
                    </A>
                  )}
                </Show>
                <Show when={!isRunActive(current())}>
                  <Button size="sm" variant="ghost" data-testid="make-another" onClick={open} ref={(el: HTMLButtonElement) => (opener = el)}>
                    <Icon name="sparkles" size={16} />
                    {t('exclusive.another')}
                  </Button>
                </Show>
              </div>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
