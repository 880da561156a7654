// The daily chart of the Usage page: cost as bars (left axis), tokens as a line (right axis), one
// slot per calendar day of the window in the user's zone. Plain SVG in the app's colours.
import { For, Show, createMemo, createSignal } from 'solid-js';
import { formatCurrency, formatDay, formatNumber, t } from '../../i18n';
import './usage.css';

export interface DailyPoint {
  day: string;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  calls: number;
}

const W = 720;
const H = 240;
const PAD = { top: 16, right: 56, bottom: 28, left: 56 };

/** A round ceiling for an axis: 1, 2 or 5 × 10^n. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * power >= value) ?? 10;
  return step * power;
}

export function DailyChart(props: { points: DailyPoint[] }) {
  const [hover, setHover] = createSignal<number | null>(null);
  const geometry = createMemo(() => {
    const points = props.points;
    const innerW = W - PAD.left - PAD.right;
    const innerH = H - PAD.top - PAD.bottom;
    const costMax = niceMax(Math.max(...points.map((p) => p.costUsd), 0));
    const tokenMax = niceMax(Math.max(...points.map((p) => p.inputTokens + p.outputTokens), 10));
    const slot = innerW / Math.max(points.length, 1);
    const barW = Math.max(2, Math.min(28, slot * 0.6));
    const x = (i: number) => PAD.left + slot * i + slot / 2;
    const yCost = (v: number) => PAD.top + innerH - (v / costMax) * innerH;
    const yTokens = (v: number) => PAD.top + innerH - (v / tokenMax) * innerH;
    const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${yTokens(p.inputTokens + p.outputTokens).toFixed(1)}`).join(' ');
    const labelEvery = Math.ceil(points.length / 10);
    return { innerH, costMax, tokenMax, slot, barW, x, yCost, yTokens, line, labelEvery };
  });
  const ticks = [0, 0.5, 1];
  return (
    <figure class="usage-chart" data-testid="usage-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('usage.chart.aria')}>
        <For each={ticks}>
          {(share) => {
            const y = () => PAD.top + geometry().innerH * (1 - share);
            return (
              <g>
                <line class="usage-grid" x1={PAD.left} x2={W - PAD.right} y1={y()} y2={y()} />
                <text class="usage-axis" x={PAD.left - 6} y={y() + 4} text-anchor="end">
                  {formatCurrency(geometry().costMax * share, 'USD')}
                </text>
                <text class="usage-axis" x={W - PAD.right + 6} y={y() + 4} text-anchor="start">
                  {formatNumber(Math.round(geometry().tokenMax * share))}
                </text>
              </g>
            );
          }}
        </For>
        <For each={props.points}>
          {(p, i) => (
            <g onMouseEnter={() => setHover(i())} onMouseLeave={() => setHover(null)}>
              <rect class="usage-slot" x={geometry().x(i()) - geometry().slot / 2} y={PAD.top} width={geometry().slot} height={geometry().innerH} />
              <rect
                class="usage-bar"
                classList={{ 'usage-bar-active': hover() === i() }}
                data-day={p.day}
                x={geometry().x(i()) - geometry().barW / 2}
                y={geometry().yCost(p.costUsd)}
                width={geometry().barW}
                height={Math.max(0, PAD.top + geometry().innerH - geometry().yCost(p.costUsd))}
              />
              <Show when={i() % geometry().labelEvery === 0}>
                <text class="usage-axis" x={geometry().x(i())} y={H - 8} text-anchor="middle">
                  {formatDay(p.day)}
                </text>
              </Show>
            </g>
          )}
        </For>
        <path class="usage-line" d={geometry().line} />
        <For each={props.points}>{(p, i) => <circle class="usage-dot" cx={geometry().x(i())} cy={geometry().yTokens(p.inputTokens + p.outputTokens)} r={hover() === i() ? 4 : 2.5} />}</For>
      </svg>
      <figcaption class="usage-legend">
        <span class="usage-key usage-key-cost">{t('usage.chart.cost')}</span>
        <span class="usage-key usage-key-tokens">{t('usage.chart.tokens')}</span>
        <Show when={hover() !== null && props.points[hover() as number]}>
          {(p) => (
            <span class="usage-tooltip" role="status">
              {formatDay(p().day, 'long')}: {formatCurrency(p().costUsd, 'USD')} · {formatNumber(p().inputTokens + p().outputTokens)} {t('usage.chart.tokensShort')} · {formatNumber(p().calls)} {t('usage.chart.callsShort')}
            </span>
          )}
        </Show>
      </figcaption>
    </figure>
  );
}
