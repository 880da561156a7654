// Values known from change notifications: dropped by a notice naming anything they were read from
// (a channel the reader subscribes to, the reader's subscriptions, the rankings), never kept from a
// read that may have missed one.
import { describe, expect, it } from 'vitest';
import { KnownValues, RANKINGS_TAG, readerTags } from '../../edge/services/known-values';

const alice = { value: 'a1', tags: readerTags('alice', [1, 2]) };
const bob = { value: 'b1', tags: readerTags('bob', [2, 3]) };

function withBoth(): KnownValues {
  const known = new KnownValues();
  expect(known.keep('alice:', alice, known.since())).toBe(true);
  expect(known.keep('bob:', bob, known.since())).toBe(true);
  return known;
}

describe('known values', () => {
  it("a channel's notice drops the values of its subscribers only", () => {
    const known = withBoth();
    known.changed('c1');
    expect(known.get('alice:')).toBeUndefined();
    expect(known.get('bob:')).toBe('b1');
    known.changed('c2');
    expect(known.get('bob:')).toBeUndefined();
    expect(known.size).toBe(0);
  });

  it("a reader's subscriptions changing drops that reader's values, under every filter", () => {
    const known = withBoth();
    known.keep('alice:1', { ...alice, value: 'a-only-1' }, known.since());
    known.changed('ualice');
    expect(known.get('alice:')).toBeUndefined();
    expect(known.get('alice:1')).toBeUndefined();
    expect(known.get('bob:')).toBe('b1');
  });

  it('new rankings drop what was read from them, and nothing else', () => {
    const known = withBoth();
    known.keep('top:alice', { value: 'v7', tags: [...readerTags('alice', [1, 2]), RANKINGS_TAG] }, known.since());
    known.changed(RANKINGS_TAG);
    expect(known.get('top:alice')).toBeUndefined();
    expect(known.get('alice:')).toBe('a1');
  });

  it('a read that began before a notice it may not have seen is not kept; one begun after is', () => {
    const known = new KnownValues();
    const before = known.since();
    known.changed('c2');
    expect(known.keep('alice:', alice, before)).toBe(false);
    expect(known.get('alice:')).toBeUndefined();
    // A notice about something else does not spoil it.
    const again = known.since();
    known.changed('c99');
    known.changed('ubob');
    expect(known.keep('alice:', alice, again)).toBe(true);
    expect(known.get('alice:')).toBe('a1');
  });

  it('when notices may have been lost, nothing known nor under way is trusted', () => {
    const known = withBoth();
    const underWay = known.since();
    known.dropAll();
    expect(known.size).toBe(0);
    expect(known.keep('alice:', alice, underWay)).toBe(false);
    expect(known.keep('alice:', alice, known.since())).toBe(true);
  });

  it('a value kept again replaces the old one and what it was kept under', () => {
    const known = new KnownValues();
    known.keep('alice:', alice, known.since());
    known.keep('alice:', { value: 'a2', tags: readerTags('alice', [5]) }, known.since());
    known.changed('c1');
    expect(known.get('alice:')).toBe('a2');
    known.changed('c5');
    expect(known.get('alice:')).toBeUndefined();
  });
});
