// Settings → Rules: "when a topic of my channels reaches score ≥ X (24h or 7d) with at least N
// channels [and these words], make an exclusive for these platforms". Create, pause, resume,
// delete; a paused rule says why; the log shows what fired and the package it made.
import { For, Show, createSignal } from 'solid-js';
import { PLATFORMS, type Platform } from '../../lib/pipeline';
import { formatDateTime, t } from '../../i18n';
import { api, read } from '../../lib/client';
import { createApiQuery } from '../../lib/resource';
import { Async } from '../Async';
import { Badge } from '../Badge';
import { Button } from '../Button';
import { ErrorBanner } from '../ErrorBanner';
import '../usage/usage.css';

/** A stored pause reason as words: BY_USER, or QUOTA_EXCEEDED:<limit>:<retryAt>. */
function pauseReason(reason: string | null): string {
  if (!reason || reason === 'BY_USER') return t('rules.pausedByUser');
  const [code, limit, ...at] = reason.split(':');
  if (code === 'QUOTA_EXCEEDED') return t('rules.pausedByQuota', { limit: limit in LIMIT_KEYS ? t(LIMIT_KEYS[limit as keyof typeof LIMIT_KEYS]) : limit, at: formatDateTime(at.join(':')) });
  return reason;
}
const LIMIT_KEYS = { generationsPer30d: 'usage.limit.generationsPer30d', imagesPer30d: 'usage.limit.imagesPer30d', aiCostUsdPer30d: 'usage.limit.aiCostUsdPer30d' } as const;

export function RulesSection() {
  const [rules, { refetch }] = createApiQuery(() => api.v1.rules.$get());
  const [log, logControls] = createApiQuery(() => api.v1.rules.log.$get({ query: { limit: '20' } }));
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const [name, setName] = createSignal('');
  const [window, setWindow] = createSignal<'24h' | '7d'>('24h');
  const [minScore, setMinScore] = createSignal('0.5');
  const [minChannels, setMinChannels] = createSignal('2');
  const [keywords, setKeywords] = createSignal('');
  const [platforms, setPlatforms] = createSignal<Platform[]>(['telegram']);
  const [evaluated, setEvaluated] = createSignal<string | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await Promise.all([refetch(), logControls.refetch()]);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const create = (event: SubmitEvent) => {
    event.preventDefault();
    void act(async () => {
      await read(api.v1.rules.$post({
        json: {
          name: name().trim() || t('rules.defaultName'),
          window: window(),
          minScore: Number(minScore()),
          minChannels: Number(minChannels()),
          keywords: keywords().split(',').map((k) => k.trim()).filter(Boolean),
          platforms: platforms(),
        },
      }));
      setName('');
      setKeywords('');
    });
  };

  const togglePlatform = (p: Platform, on: boolean) => setPlatforms((list) => (on ? [...new Set([...list, p])] : list.filter((x) => x !== p)));

  return (
    <div class="stack" data-testid="rules">
      <p class="muted small">{t('rules.intro')}</p>
      <Show when={error()}>{(e) => <ErrorBanner error={e()} />}</Show>
      <Async of={rules} onRetry={refetch}>
        {(r) => (
          <Show when={r().items.length} fallback={<p class="muted">{t('rules.empty')}</p>}>
            <ul class="rules-list">
              <For each={r().items}>
                {(rule) => (
                  <li class="rule-item" data-testid="rule-item">
                    <div class="rule-head">
                      <strong>{rule.name}</strong>
                      <Badge tone={rule.status === 'active' ? 'success' : 'warning'}>{t(`rules.status.${rule.status}`)}</Badge>
                    </div>
                    <div class="muted small">
                      {t('rules.summary', { score: rule.minScore, window: t(`usage.window.${rule.window}`), channels: rule.minChannels, platforms: rule.platforms.join(', ') })}
                      <Show when={rule.keywords.length}> · {t('rules.words', { words: rule.keywords.join(', ') })}</Show>
                    </div>
                    <Show when={rule.status === 'paused'}>
                      <div class="small" classList={{ 'quota-exceeded': rule.pausedReason?.startsWith('QUOTA_EXCEEDED') }} data-testid="rule-paused-reason">
                        {pauseReason(rule.pausedReason)}
                      </div>
                    </Show>
                    <div class="rule-actions">
                      <Button size="sm" disabled={busy()} onClick={() => act(() => read(api.v1.rules[':id'].$patch({ param: { id: rule.id }, json: { status: rule.status === 'active' ? 'paused' : 'active' } })))}>
                        {rule.status === 'active' ? t('rules.pause') : t('rules.resume')}
                      </Button>
                      <Button size="sm" variant="danger" disabled={busy()} onClick={() => act(() => read(api.v1.rules[':id'].$delete({ param: { id: rule.id } })))}>
                        {t('rules.delete')}
                      </Button>
                    </div>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Async>

      <form class="rule-form" onSubmit={create} data-testid="rule-form">
        <label>
          <span class="field-label">{t('rules.name')}</span>
          <input name="name" value={name()} placeholder={t('rules.defaultName')} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          <span class="field-label">{t('rules.window')}</span>
          <select name="window" value={window()} onChange={(e) => setWindow(e.currentTarget.value as '24h' | '7d')}>
            <option value="24h">{t('usage.window.24h')}</option>
            <option value="7d">{t('usage.window.7d')}</option>
          </select>
        </label>
        <label>
          <span class="field-label">{t('rules.minScore')}</span>
          <input name="minScore" type="number" min="0" max="10" step="0.05" value={minScore()} onInput={(e) => setMinScore(e.currentTarget.value)} />
        </label>
        <label>
          <span class="field-label">{t('rules.minChannels')}</span>
          <input name="minChannels" type="number" min="1" max="1000" step="1" value={minChannels()} onInput={(e) => setMinChannels(e.currentTarget.value)} />
        </label>
        <label>
          <span class="field-label">{t('rules.keywords')}</span>
          <input name="keywords" value={keywords()} placeholder={t('rules.keywordsHint')} onInput={(e) => setKeywords(e.currentTarget.value)} />
        </label>
        <fieldset>
          <legend class="field-label">{t('rules.platforms')}</legend>
          <For each={PLATFORMS}>
            {(p) => (
              <label class="small">
                <input type="checkbox" name={`platform-${p}`} checked={platforms().includes(p)} onChange={(e) => togglePlatform(p, e.currentTarget.checked)} /> {p}
              </label>
            )}
          </For>
        </fieldset>
        <div class="rule-actions">
          <Button type="submit" variant="primary" loading={busy()} disabled={platforms().length === 0}>
            {t('rules.create')}
          </Button>
          <Button
            type="button"
            disabled={busy()}
            onClick={() =>
              act(async () => {
                const report = await read(api.v1.rules.evaluate.$post());
                setEvaluated(t('rules.evaluated', { fired: report.fired.length, paused: report.paused.length }));
              })
            }
          >
            {t('rules.evaluateNow')}
          </Button>
          <Show when={evaluated()}>{(text) => <span class="muted small" role="status">{text()}</span>}</Show>
        </div>
      </form>

      <h3 class="field-label">{t('rules.logTitle')}</h3>
      <Async of={log} onRetry={logControls.refetch}>
        {(l) => (
          <Show when={l().items.length} fallback={<p class="muted small">{t('rules.logEmpty')}</p>}>
            <table class="data-table rules-log" data-testid="rules-log">
              <thead>
                <tr>
                  <th>{t('rules.logWhen')}</th>
                  <th>{t('rules.logRule')}</th>
                  <th>{t('rules.logTopic')}</th>
                  <th>{t('rules.logResult')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={l().items}>
                  {(f) => (
                    <tr>
                      <td>{formatDateTime(f.firedAt)}</td>
                      <td>{f.ruleName}</td>
                      <td>
                        <a href={`/topics/${f.topicId}`}>{f.topicTitle}</a> <span class="muted small">({f.score.toFixed(2)})</span>
                      </td>
                      <td>
                        <Show when={f.packageId} fallback={<span class="muted">{f.runStatus ? t(`rules.run.${f.runStatus === 'succeeded' || f.runStatus === 'failed' ? f.runStatus : 'running'}`) : '—'}</span>}>
                          {(id) => <a href={`/packages/${id()}`}>{t('rules.openPackage')}</a>}
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Async>
    </div>
  );
}
