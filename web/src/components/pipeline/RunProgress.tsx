// A run as it goes: its status, a progress bar and the four steps (done, running, pending, failed).
import { For, Match, Show, Switch } from 'solid-js';
import { formatDateTime, formatNumber, t, type DictKey } from '../../i18n';
import { PIPELINE_STEPS, type PipelineStep, type RunView } from '../../lib/pipeline';
import { Badge } from '../Badge';
import { Icon } from '../Icon';
import { Spinner } from '../Spinner';
import { formatShortDateTime } from '../PostMeta';
import { stepName } from './text';
import './pipeline.css';

export type StepState = 'done' | 'running' | 'pending' | 'failed';

export function stepState(run: RunView, step: PipelineStep): StepState {
  if (run.stepsDone.includes(step)) return 'done';
  if (run.step === step) return run.status === 'failed' ? 'failed' : run.status === 'running' ? 'running' : 'pending';
  return 'pending';
}

const STATUS: Record<RunView['status'], DictKey> = {
  queued: 'run.status.queued',
  running: 'run.status.running',
  succeeded: 'run.status.succeeded',
  failed: 'run.status.failed',
};
const STATE: Record<StepState, DictKey> = {
  done: 'run.stepState.done',
  running: 'run.stepState.running',
  pending: 'run.stepState.pending',
  failed: 'run.stepState.failed',
};

function StepMark(props: { state: StepState }) {
  return (
    <span class="run-step-mark" aria-hidden="true">
      <Switch>
        <Match when={props.state === 'running'}>
          <Spinner size="sm" />
        </Match>
        <Match when={props.state === 'done'}>
          <Icon name="check" size={14} />
        </Match>
        <Match when={props.state === 'failed'}>
          <Icon name="close" size={14} />
        </Match>
      </Switch>
    </span>
  );
}

export function RunProgress(props: { run: RunView }) {
  const progress = () => (props.run.status === 'succeeded' ? 100 : Math.max(0, Math.min(100, Math.round(props.run.progress))));
  return (
    <div class="run-progress" data-testid="run-progress" data-status={props.run.status} data-run-id={props.run.id}>
      <div class="run-head" role="status">
        <strong class="run-status">{t(STATUS[props.run.status])}</strong>
        <span class="run-percent">{formatNumber(progress())}%</span>
        <Show when={props.run.engine === 'offline'}>
          <span title={t('header.aiOfflineHint')}>
            <Badge tone="warning">{t('engine.offline')}</Badge>
          </span>
        </Show>
        <span class="run-time muted small" title={formatDateTime(props.run.finishedAt ?? props.run.createdAt)}>
          {t(props.run.finishedAt ? 'run.finishedAt' : 'run.startedAt', { time: formatShortDateTime(new Date(props.run.finishedAt ?? props.run.createdAt)) })}
        </span>
      </div>
      <div
        class="run-bar"
        classList={{ 'run-bar-failed': props.run.status === 'failed', 'run-bar-done': props.run.status === 'succeeded' }}
        role="progressbar"
        aria-label={t('run.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress()}
      >
        <span class="run-bar-fill" style={{ width: `${progress()}%` }} />
      </div>
      <ol class="run-steps">
        <For each={PIPELINE_STEPS}>
          {(step) => {
            const state = () => stepState(props.run, step);
            return (
              <li class="run-step" data-step={step} data-state={state()}>
                <StepMark state={state()} />
                <span class="run-step-text">
                  <span class="run-step-name">{stepName(step)}</span>
                  <span class="run-step-state">{t(STATE[state()])}</span>
                </span>
              </li>
            );
          }}
        </For>
      </ol>
    </div>
  );
}
