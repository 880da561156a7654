// Settings: language, writing tone and time zone (saved on the server, checked there as an IANA
// zone), the browser-local interface language, plans (#plans: where every "change plan" message
// points), rules (#rules) and webhooks (#webhooks).
import { createResource, createSignal, For, onMount, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { ErrorBanner } from '../components/ErrorBanner';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageHeader } from '../components/PageHeader';
import { RulesSection } from '../components/rules/RulesSection';
import { WebhooksSection } from '../components/rules/WebhooksSection';
import { PlansSection } from '../components/usage/PlansSection';
import { Spinner } from '../components/Spinner';
import { TimeZonePicker } from '../components/TimeZonePicker';
import { isDictKey, setLocale, t } from '../i18n';
import { api, read, type Answer } from '../lib/client';
import { loadSession } from '../lib/session';
import './settings.css';

type Settings = Omit<Answer<typeof api.v1.settings.$get>['settings'], 'updatedAt'>;
/** The option the select shows, typed as one of the server's values. */
const pick = <T extends string>(options: readonly T[], value: string): T | undefined => options.find((o) => o === value);

const label = (key: string, fallback: string) => (isDictKey(key) ? t(key) : fallback);

export default function SettingsPage() {
  const [data, { refetch }] = createResource(() => read(api.v1.settings.$get()));
  const [draft, setDraft] = createStore<Partial<Settings>>({});
  const [saving, setSaving] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  const [saveError, setSaveError] = createSignal<unknown>(null);

  const value = <K extends keyof Settings>(key: K): Settings[K] | undefined => draft[key] ?? data()?.settings[key];
  const edit = <K extends keyof Settings>(key: K, next: Settings[K]) => {
    setDraft(key, next as never);
    setSaved(false);
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setSaving(true);
    setSaveError(null);
    try {
      const result = await read(api.v1.settings.$put({ json: { ...draft } }));
      setLocale(result.settings.language);
      setDraft({ language: undefined, tone: undefined, timeZone: undefined });
      await Promise.all([refetch(), loadSession(true)]);
      setSaved(true);
    } catch (error) {
      setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  // /settings#plans and the like: scroll to the section once it has rendered.
  onMount(() => {
    if (location.hash) setTimeout(() => document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'start' }), 300);
  });

  const dirty = () => Object.values(draft).some((v) => v !== undefined);

  return (
    <div class="page" data-page="settings">
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <div class="stack">
        <Card title={t('settings.content')}>
          <Show when={!data.error} fallback={<ErrorBanner error={data.error} onRetry={refetch} />}>
            <Show when={data()} fallback={<Spinner label={t('common.loading')} />}>
              {(loaded) => (
                <form class="settings-form" onSubmit={save} data-testid="settings-form">
                  <label class="settings-field">
                    <span class="field-label">{t('settings.language')}</span>
                    <span class="muted small">{t('settings.languageHint')}</span>
                    <select name="language" value={value('language')} onChange={(e) => {
                        const v = pick(loaded().options.languages, e.currentTarget.value);
                        if (v) edit('language', v);
                      }}>
                      <For each={loaded().options.languages}>{(code) => <option value={code}>{label(`settings.languageName.${code}`, code)}</option>}</For>
                    </select>
                  </label>
                  <label class="settings-field">
                    <span class="field-label">{t('settings.tone')}</span>
                    <span class="muted small">{t('settings.toneHint')}</span>
                    <select name="tone" value={value('tone')} onChange={(e) => {
                        const v = pick(loaded().options.tones, e.currentTarget.value);
                        if (v) edit('tone', v);
                      }}>
                      <For each={loaded().options.tones}>{(tone) => <option value={tone}>{label(`settings.tone.${tone}`, tone)}</option>}</For>
                    </select>
                  </label>
                  <div class="settings-field">
                    <span class="field-label">{t('settings.timeZone')}</span>
                    <span class="muted small">{t('settings.timeZoneHint')}</span>
                    <TimeZonePicker value={value('timeZone') || undefined} onChange={(zone) => edit('timeZone', zone)} />
                  </div>
                  <Show when={saveError()}>{(error) => <ErrorBanner title={t('settings.saveFailed')} error={error()} />}</Show>
                  <div class="settings-actions">
                    <Button type="submit" variant="primary" loading={saving()} disabled={!dirty()}>
                      {t('settings.save')}
                    </Button>
                    <Show when={saved()}>
                      <span class="muted small" role="status">
                        {t('settings.saved')}
                      </span>
                    </Show>
                  </div>
                </form>
              )}
            </Show>
          </Show>
        </Card>
        <Card title={t('settings.interface')}>
          <div class="field-row">
            <div>
              <div class="field-label">{t('settings.interfaceLanguage')}</div>
              <div class="muted small">{t('settings.interfaceLanguageHint')}</div>
            </div>
            <LanguageSwitch />
          </div>
        </Card>
        <div id="plans">
          <Card title={t('settings.plans')}>
            <PlansSection />
          </Card>
        </div>
        <div id="rules">
          <Card title={t('settings.rules')}>
            <RulesSection />
          </Card>
        </div>
        <div id="webhooks">
          <Card title={t('settings.webhooks')}>
            <WebhooksSection />
          </Card>
        </div>
      </div>
    </div>
  );
}
