// A post's text, folded when long ("show more") and with search matches marked. Matches come from
// the server's ranges when it sends them, else from the query's terms (a word's start, so
// "пескова" still marks "Песков").
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { HighlightRange } from '../../../core/search/highlight';
import { t } from '../i18n';

/** [start, end) UTF-16 offsets into the text. */
type Range = [number, number];
export type { HighlightRange };

const FOLD_CHARS = 600;
const FOLD_TO = 420;

/** The query's words (quoted phrases kept whole), as case-insensitive patterns on word starts. */
export function termRanges(text: string, query: string | undefined): Range[] {
  if (!query?.trim()) return [];
  const terms = [...query.matchAll(/"([^"]+)"|(\S+)/g)]
    .map((m) => (m[1] ?? m[2] ?? '').replace(/[^\p{L}\p{N}\s-]/gu, '').trim())
    .filter((term) => term.length >= 2)
    // A word form's stem: long Russian and English words lose their ending.
    .map((term) => (term.includes(' ') || term.length < 6 ? term : term.slice(0, term.length - 2)));
  if (!terms.length) return [];
  const escaped = terms.map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})[\\p{L}\\p{N}]*`, 'giu');
  return [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length] as Range);
}

type Piece = { text: string; mark: boolean };

function pieces(text: string, ranges: Range[]): Piece[] {
  const sorted = ranges.filter(([a, b]) => b > a && a < text.length).sort((x, y) => x[0] - y[0]);
  const out: Piece[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (start < at) continue;
    if (start > at) out.push({ text: text.slice(at, start), mark: false });
    out.push({ text: text.slice(start, Math.min(end, text.length)), mark: true });
    at = Math.min(end, text.length);
  }
  if (at < text.length) out.push({ text: text.slice(at), mark: false });
  return out;
}

/** Where to fold: at a word break near FOLD_TO, never inside a marked match. */
function foldPoint(text: string, ranges: Range[]): number {
  let cut = text.lastIndexOf(' ', FOLD_TO);
  if (cut < FOLD_TO / 2) cut = FOLD_TO;
  for (const [start, end] of ranges) if (start < cut && end > cut) cut = end;
  return cut;
}

export function PostText(props: { text: string; query?: string; highlights?: HighlightRange[] | null }) {
  const [open, setOpen] = createSignal(false);
  // The server's ranges when it marked the text (it knows the word forms); else the query's words.
  const ranges = createMemo((): Range[] =>
    props.highlights?.length ? props.highlights.map((r) => [r.start, r.end]) : termRanges(props.text, props.query),
  );
  const long = () => props.text.length > FOLD_CHARS;
  const shown = createMemo(() => {
    if (!long() || open()) return props.text;
    return `${props.text.slice(0, foldPoint(props.text, ranges())).trimEnd()}…`;
  });
  return (
    <div class="post-text-wrap">
      <p class="post-text" data-folded={long() && !open() ? 'true' : undefined}>
        <For each={pieces(shown(), ranges())}>{(piece) => (piece.mark ? <mark class="post-match">{piece.text}</mark> : piece.text)}</For>
      </p>
      <Show when={long()}>
        <button type="button" class="btn btn-sm btn-ghost post-more" aria-expanded={open()} onClick={() => setOpen(!open())}>
          {open() ? t('feed.showLess') : t('feed.showMore')}
        </button>
      </Show>
    </div>
  );
}
