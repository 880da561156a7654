// Copies a text to the clipboard and says so ("Copied") for a moment, or that it could not.
import { createSignal, onCleanup } from 'solid-js';
import { formatNumber, t } from '../../i18n';
import { Icon } from '../Icon';
import './pipeline.css';

const CONFIRM_MS = 2000;

export function CopyButton(props: { text: string; label?: string; testId?: string }) {
  const [state, setState] = createSignal<'idle' | 'copied' | 'failed'>('idle');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const copy = async () => {
    clearTimeout(timer);
    try {
      if (!navigator.clipboard) throw new Error('Clipboard API is not available (insecure context?)');
      await navigator.clipboard.writeText(props.text);
      setState('copied');
    } catch (error) {
      console.warn('copy: clipboard write failed', error);
      setState('failed');
    }
    timer = setTimeout(() => setState('idle'), CONFIRM_MS);
  };
  const label = () => props.label ?? t('package.copy');
  return (
    <button
      type="button"
      class="btn btn-sm btn-ghost copy-button"
      classList={{ 'copy-button-done': state() === 'copied', 'copy-button-failed': state() === 'failed' }}
      data-testid={props.testId ?? 'copy'}
      data-state={state()}
      title={label()}
      onClick={() => void copy()}
    >
      <Icon name={state() === 'copied' ? 'check' : 'copy'} size={15} />
      <span aria-live="polite">{state() === 'copied' ? t('package.copied') : state() === 'failed' ? t('package.copyFailed') : label()}</span>
    </button>
  );
}

/** `used / limit` as the platform counts it; red once the text is over. */
export function CharCounter(props: { used: number; limit: number }) {
  const over = () => props.used > props.limit;
  return (
    <span
      class="char-counter"
      classList={{ 'char-counter-over': over() }}
      data-testid="char-counter"
      data-over={over() ? 'true' : 'false'}
      title={over() ? t('package.counterOver') : t('package.counterHint', { used: formatNumber(props.used), limit: formatNumber(props.limit) })}
    >
      {formatNumber(props.used)} / {formatNumber(props.limit)}
    </span>
  );
}
