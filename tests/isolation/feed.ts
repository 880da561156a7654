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
  {
    route: 'GET /v1/feed/new',
    what: "B counts new posts in A's private channel",
    request: (w) => ({ path: `/v1/feed/new?after=0&channel=${w.a.privateChannel.id}` }),
    expectStatus: 200,
    check: ({ body }) => expect(body).toEqual({ count: 0, more: false }),
  },
];

interface TopBody {
  items: { topic?: { id: number; channels: { id: number }[] }; message?: { channel: { id: number } } }[];
}

cases.push(
  {
    route: 'GET /v1/topics/:id',
    what: "B reads A's private topic",
    request: (w) => ({ path: `/v1/topics/${w.a.topic.id}` }),
    expectStatus: 404,
  },
  {
    route: 'GET /v1/top',
    what: 'B lists top topics',
    request: () => ({ path: '/v1/top?window=7d&by=topic' }),
    expectStatus: 200,
    check: ({ body }, w) => {
      for (const item of (body as TopBody).items) {
        expect(item.topic?.id).not.toBe(w.a.topic.id);
        expect(item.topic?.channels.some((c) => c.id === w.a.privateChannel.id)).toBe(false);
      }
    },
  },
  {
    route: 'GET /v1/top',
    what: 'B lists top posts',
    request: () => ({ path: '/v1/top?window=7d&by=message' }),
    expectStatus: 200,
    check: ({ body }, w) => {
      for (const item of (body as TopBody).items) expect(item.message?.channel.id).not.toBe(w.a.privateChannel.id);
    },
  },
);
