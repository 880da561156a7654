export { TopicIndex, type RebuildPost, type SnapshotPost, type TopicIndexSnapshot } from './topic-index';
export { StoryComparer, type StoryVerdict } from './story-comparer';
export { DEFAULT_TOPIC_OPTIONS, joinThresholdFor, timeFactor } from './options';
export { bcubedScores, binaryScores, pairwiseScores, type BinaryScores, type PrfScores } from './cluster-quality';
export { titleLine } from './title';
export type * from './types';
