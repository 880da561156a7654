// A searchable list of IANA time zones with their current UTC offsets; the browser's zone is
// offered first. The server checks the choice against its own list.
import { createMemo, createSignal, For, Show } from 'solid-js';
import { t } from '../i18n';
import './time-zone-picker.css';

interface Zone {
  id: string;
  offset: string;
  minutes: number;
  search: string;
}

export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "UTC+03:00" for a zone right now (DST included); "UTC" for zero. */
export function utcOffset(zone: string, at = new Date()): { label: string; minutes: number } {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(part);
  if (!m) return { label: 'UTC', minutes: 0 };
  const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return { label: `UTC${m[1]}${m[2]}:${m[3]}`, minutes };
}

let zones: Zone[] | undefined;
function allZones(): Zone[] {
  if (zones) return zones;
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  const ids = new Set(intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : []);
  ids.add('UTC');
  ids.add(browserZone());
  const now = new Date();
  zones = [...ids]
    .map((id) => {
      const { label, minutes } = utcOffset(id, now);
      // "UTC+3" and "+3" find UTC+03:00 as well as the full label.
      const short = label === 'UTC' ? 'UTC+0' : label.replace(/([+-])0?(\d+):00$/, '$1$2');
      return { id, offset: label, minutes, search: `${id} ${id.replace(/_/g, ' ')} ${label} ${short}`.toLowerCase() };
    })
    .sort((a, b) => a.minutes - b.minutes || a.id.localeCompare(b.id));
  return zones;
}

const MAX_SHOWN = 150;

export function TimeZonePicker(props: { value: string | undefined; onChange: (zone: string) => void }) {
  const [query, setQuery] = createSignal('');
  const browser = browserZone();
  const list = createMemo(() => allZones());
  const filtered = createMemo(() => {
    const words = query().toLowerCase().trim().split(/\s+/).filter(Boolean);
    const hits = words.length ? list().filter((z) => words.every((w) => z.search.includes(w))) : list();
    return hits.slice(0, MAX_SHOWN);
  });
  const offsetOf = (id: string | undefined) => list().find((z) => z.id === id)?.offset ?? '';
  return (
    <div class="tz-picker" data-testid="time-zone-picker">
      <Show when={props.value}>
        {(zone) => (
          <span class="tz-current" data-testid="time-zone-current">
            {t('tz.current', { zone: zone(), offset: offsetOf(zone()) })}
          </span>
        )}
      </Show>
      <Show when={props.value !== browser}>
        <button type="button" class="btn btn-sm btn-secondary tz-browser" onClick={() => props.onChange(browser)}>
          {t('tz.browser', { zone: `${browser} (${offsetOf(browser)})` })}
        </button>
      </Show>
      <input
        type="search"
        class="tz-search"
        name="timeZoneSearch"
        autocomplete="off"
        spellcheck={false}
        placeholder={t('tz.search')}
        aria-label={t('tz.search')}
        value={query()}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      <ul class="tz-list" role="listbox" aria-label={t('tz.label')}>
        <For each={filtered()} fallback={<li class="tz-none muted">{t('tz.none')}</li>}>
          {(zone) => (
            <li
              role="option"
              tabindex="0"
              class="tz-option"
              aria-selected={zone.id === props.value}
              data-zone={zone.id}
              onClick={() => props.onChange(zone.id)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), props.onChange(zone.id))}
            >
              <span class="tz-id">{zone.id.replace(/_/g, ' ')}</span>
              <span class="tz-offset">{zone.offset}</span>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
