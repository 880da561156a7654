// Trend (velocity): growth in the window's last `recentHours` against the growth expected at the
// window's average pace,
//   v = (recent + α) / (expected + α),   trend = v / (v + 1)  ∈ (0, 1)
// so ½ means a steady pace, → 1 accelerating, → 0 fading. α damps tiny counts.
import { HOUR_MS, RANKING_WINDOWS, type RankingWindow } from './windows';

const velocityScore = (recent: number, expected: number, alpha: number) => {
  const v = (recent + alpha) / (expected + alpha);
  return v / (v + 1);
};

/** From event times (a topic's distinct posts): how fast posts arrive now vs over the window. */
export function trendFromTimes(timesMs: readonly number[], nowMs: number, window: RankingWindow): number {
  const { hours, recentHours } = RANKING_WINDOWS[window];
  const start = nowMs - hours * HOUR_MS;
  const inWindow = timesMs.filter((t) => t >= start && t <= nowMs);
  if (inWindow.length === 0) return 0;
  const recent = inWindow.filter((t) => t > nowMs - recentHours * HOUR_MS).length;
  // The pace is averaged over the topic's own life, not the whole window, so a new story that is
  // still arriving at its initial pace reads as steady rather than as a spike.
  const spanHours = Math.max(recentHours, (nowMs - Math.min(...inWindow)) / HOUR_MS);
  const expected = (inWindow.length / spanHours) * recentHours;
  return velocityScore(recent, expected, 1);
}

export interface MetricSnapshot {
  atMs: number;
  /** A cumulative counter: views, or views + forwards + reactions … */
  value: number;
}

/** From cumulative snapshots of one post or topic: recent growth vs the window's average. */
export function trendFromSnapshots(snapshots: readonly MetricSnapshot[], nowMs: number, window: RankingWindow): number {
  const { hours, recentHours } = RANKING_WINDOWS[window];
  const s = snapshots.filter((x) => x.atMs <= nowMs && x.atMs >= nowMs - hours * HOUR_MS).sort((a, b) => a.atMs - b.atMs);
  if (s.length < 2) return 0.5; // no history: neither rising nor fading
  const first = s[0];
  const last = s[s.length - 1];
  const spanHours = Math.max(recentHours, (last.atMs - first.atMs) / HOUR_MS);
  const total = Math.max(0, last.value - first.value);
  const recent = Math.max(0, last.value - valueAt(s, last.atMs - recentHours * HOUR_MS));
  return velocityScore(recent, (total / spanHours) * recentHours, Math.max(1, 0.01 * last.value));
}

/** Linear interpolation of a sorted series (clamped at its ends). */
function valueAt(s: readonly MetricSnapshot[], at: number): number {
  if (at <= s[0].atMs) return s[0].value;
  for (let i = 1; i < s.length; i++) {
    if (s[i].atMs >= at) {
      const [a, b] = [s[i - 1], s[i]];
      return a.value + ((b.value - a.value) * (at - a.atMs)) / Math.max(1, b.atMs - a.atMs);
    }
  }
  return s[s.length - 1].value;
}
