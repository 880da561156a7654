// The two ranking windows and their knobs. The day favours what moves now; the week favours
// what many channels covered.
export const RANKING_WINDOW_NAMES = ['24h', '7d'] as const;
export type RankingWindow = (typeof RANKING_WINDOW_NAMES)[number];

/** What a ranking row ranks: a post or a topic. */
export const RANKING_ENTITY_KINDS = ['message', 'topic'] as const;
export type RankingEntityKind = (typeof RANKING_ENTITY_KINDS)[number];

export interface ScoreComponents {
  popularity: number;
  trend: number;
  breadth: number;
  freshness: number;
}

export interface WindowSpec {
  hours: number;
  /** "Recent" for velocity: growth in this many last hours vs the window's average pace. */
  recentHours: number;
  /** Freshness halves every this many hours. */
  halfLifeHours: number;
  weights: ScoreComponents;
}

export const RANKING_WINDOWS: Record<RankingWindow, WindowSpec> = {
  '24h': { hours: 24, recentHours: 3, halfLifeHours: 6, weights: { popularity: 0.35, trend: 0.25, breadth: 0.25, freshness: 0.15 } },
  '7d': { hours: 168, recentHours: 24, halfLifeHours: 36, weights: { popularity: 0.35, trend: 0.1, breadth: 0.4, freshness: 0.15 } },
};

export const HOUR_MS = 3_600_000;

/** A window's length in milliseconds. */
export const windowMs = (window: RankingWindow): number => RANKING_WINDOWS[window].hours * HOUR_MS;
