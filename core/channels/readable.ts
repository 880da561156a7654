// Which of a reader's subscribed channels they may read: every subscription, except a private
// channel their session lost (left, banned, invite revoked: `accessible` false). A public channel
// stays readable whatever their account can do, because anyone can read it.
// `db/queries/readable.ts` applies this rule in SQL (`readableChannelsSql`); an integration test
// (tests/integration/readable-channels.test.ts) checks the two agree on every case.

import type { ChannelVisibility } from './visibility';

export interface ReaderSubscription {
  /** False once the reader's account lost access to the channel. */
  accessible: boolean;
  visibility: ChannelVisibility;
}

export function canReadChannel(subscription: ReaderSubscription): boolean {
  return subscription.accessible || subscription.visibility === 'public';
}
