// Isolation cases for subscriptions: B never sees, follows or removes A's private channel.
import { expect } from 'vitest';
import type { IsolationCase } from './types';

interface MyChannels {
  items: { id: number }[];
}

export const cases: IsolationCase[] = [
  {
    route: 'GET /v1/channels/my',
    what: 'B lists followed channels',
    request: () => ({ path: '/v1/channels/my' }),
    expectStatus: 200,
    check: ({ body }, w) => {
      const ids = new Set((body as MyChannels).items.map((i) => i.id));
      expect(ids).toEqual(new Set([w.b.privateChannel.id, w.shared.channel.id]));
    },
  },
  {
    route: 'DELETE /v1/channels/unsubscribe',
    what: "B unfollows A's private channel",
    request: (w) => ({ path: '/v1/channels/unsubscribe', body: { channelId: w.a.privateChannel.id } }),
    expectStatus: 404,
  },
  {
    route: 'POST /v1/channels/subscribe',
    what: "B follows A's private channel by its invite link (B's own session must see it)",
    request: (w) => ({ path: '/v1/channels/subscribe', body: { channel: `https://t.me/+${w.a.privateChannel.inviteHash}` } }),
    // 404 invite unknown to B's session / 403 no access / 503 when no ingest service is wired.
    expectStatus: [403, 404, 503],
  },
];
