// Fingerprints known from change notifications: dropped by a change to any channel the reader
// subscribes to or to the reader's subscriptions, never kept from a read that may have missed one.
import { describe, expect, it } from 'vitest';
import { KnownFingerprints } from '../../edge/services/known-fingerprints';

const alice = { fingerprint: 'a1', userId: 'alice', channels: [1, 2] };
const bob = { fingerprint: 'b1', userId: 'bob', channels: [2, 3] };

function withBoth(): KnownFingerprints {
  const known = new KnownFingerprints();
  expect(known.keep('alice:', alice, known.since())).toBe(true);
  expect(known.keep('bob:', bob, known.since())).toBe(true);
  return known;
}

describe('known feed fingerprints', () => {
  it("a channel's change drops the fingerprints of its subscribers only", () => {
    const known = withBoth();
    known.channelChanged(1);
    expect(known.get('alice:')).toBeUndefined();
    expect(known.get('bob:')).toBe('b1');
    known.channelChanged(2);
    expect(known.get('bob:')).toBeUndefined();
    expect(known.size).toBe(0);
  });

  it("a reader's subscriptions changing drops that reader's fingerprints, under every filter", () => {
    const known = withBoth();
    known.keep('alice:1', { ...alice, fingerprint: 'a-only-1' }, known.since());
    known.userChanged('alice');
    expect(known.get('alice:')).toBeUndefined();
    expect(known.get('alice:1')).toBeUndefined();
    expect(known.get('bob:')).toBe('b1');
  });

  it('a read that began before a change it may not have seen is not kept; one begun after is', () => {
    const known = new KnownFingerprints();
    const before = known.since();
    known.channelChanged(2);
    expect(known.keep('alice:', alice, before)).toBe(false);
    expect(known.get('alice:')).toBeUndefined();
    // A change elsewhere does not spoil it.
    const again = known.since();
    known.channelChanged(99);
    known.userChanged('bob');
    expect(known.keep('alice:', alice, again)).toBe(true);
    expect(known.get('alice:')).toBe('a1');
  });

  it('when notifications may have been lost, nothing known nor under way is trusted', () => {
    const known = withBoth();
    const underWay = known.since();
    known.dropAll();
    expect(known.size).toBe(0);
    expect(known.keep('alice:', alice, underWay)).toBe(false);
    expect(known.keep('alice:', alice, known.since())).toBe(true);
  });

  it('a fingerprint kept again replaces the old one and its index', () => {
    const known = new KnownFingerprints();
    known.keep('alice:', alice, known.since());
    known.keep('alice:', { ...alice, fingerprint: 'a2', channels: [5] }, known.since());
    known.channelChanged(1);
    expect(known.get('alice:')).toBe('a2');
    known.channelChanged(5);
    expect(known.get('alice:')).toBeUndefined();
  });
});
