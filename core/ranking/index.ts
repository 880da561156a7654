export { channelBaseline, median, type ChannelBaseline } from './baseline';
export { relativeReach, topicReach, type PostMetrics } from './popularity';
export { breadth, combine, freshness, scorePost, scoreTopic, type PostScoreInput, type Scored, type TopicScorePost } from './score';
export { trendFromSnapshots, trendFromTimes, type MetricSnapshot } from './trend';
export { RANKING_WINDOWS, RANKING_WINDOW_NAMES, type RankingWindow, type ScoreComponents, type WindowSpec } from './windows';
