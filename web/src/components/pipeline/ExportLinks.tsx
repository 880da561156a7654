// JSON / CSV export as plain download links: same-origin, so the session cookie goes along. While
// `disabled` (e.g. an impossible date range) they are shown but lead nowhere.
import { For } from 'solid-js';
import { t, type DictKey } from '../../i18n';
import { Icon } from '../Icon';

const FORMATS: { key: 'json' | 'csv'; label: DictKey }[] = [
  { key: 'json', label: 'packages.exportJson' },
  { key: 'csv', label: 'packages.exportCsv' },
];

export function ExportLinks(props: { json: string; csv: string; title?: string; disabled?: boolean }) {
  return (
    <For each={FORMATS}>
      {(f) => (
        <a
          class="btn btn-secondary"
          classList={{ 'btn-disabled': props.disabled }}
          href={props.disabled ? undefined : props[f.key]}
          download=""
          aria-disabled={props.disabled ? 'true' : undefined}
          data-testid={`export-${f.key}`}
          title={props.title}
        >
          <Icon name="download" size={18} />
          {t(f.label)}
        </a>
      )}
    </For>
  );
}
