// A channel is public (has a username, anyone can read it) or private (reachable by invite only).
export const CHANNEL_VISIBILITIES = ['public', 'private'] as const;
export type ChannelVisibility = (typeof CHANNEL_VISIBILITIES)[number];
