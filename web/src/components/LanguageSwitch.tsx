import { For } from 'solid-js';
import { LOCALES, locale, setLocale, t } from '../i18n';

/** RU | EN segmented switch; the choice is remembered in this browser. */
export function LanguageSwitch() {
  return (
    <div class="segmented" role="group" aria-label={t('header.language')}>
      <For each={LOCALES}>
        {(code) => (
          <button type="button" class="segmented-item" aria-pressed={locale() === code} lang={code} onClick={() => setLocale(code)}>
            {code.toUpperCase()}
          </button>
        )}
      </For>
    </div>
  );
}
