// Isolation cases for the feed: B sees the shared channel's posts and their own, never A's private channel.
import { expect } from 'vitest';
import type { IsolationCase } from './types';

interface FeedBody {
  items: { id: number; channel: { id: number } }[];
}

export const cases: IsolationCase[] = [
  {
    route: 'GET /v1/feed',
    what: 'B lists the feed',
    request: () => ({ path: '/v1/feed?limit=100' }),
    expectStatus: 200,
    check: ({ body }, w) => {
      const channelIds = new Set((body as FeedBody).items.map((i) => i.channel.id));
      expect(channelIds.has(w.a.privateChannel.id)).toBe(false);
      expect(channelIds).toEqual(new Set([w.b.privateChannel.id, w.shared.channel.id]));
    },
  },
  {
    route: 'GET /v1/feed',
    what: "B filters the feed by A's private channel",
    request: (w) => ({ path: `/v1/feed?channel=${w.a.privateChannel.id}` }),
    expectStatus: 200,
    check: ({ body }) => expect((body as FeedBody).items).toEqual([]),
  },
  {
    route: 'GET /v1/feed',
    what: "B searches for A's marker",
    request: (w) => ({ path: `/v1/feed?q=${encodeURIComponent(w.a.marker)}` }),
    expectStatus: 200,
    check: ({ body }) => expect((body as FeedBody).items).toEqual([]),
  },
];
