// Ingested batches gather before clustering (ingest-container/topics/gather.ts): a pass's batches
// go to the index as one, once ingest is quiet, at the latest after maxWaitMs; too many waiting
// make ingest wait.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchGatherer } from '../../ingest-container/topics/gather';

const OPTIONS = { quietMs: 1_000, maxWaitMs: 5_000, maxPosts: 10 };

function gatherer(options = OPTIONS) {
  const clustered: number[][] = [];
  const errors: unknown[] = [];
  let fail = false;
  const g = new BatchGatherer(
    options,
    async (ids) => {
      if (fail) {
        fail = false;
        throw new Error('database down');
      }
      clustered.push([...ids].sort((a, b) => a - b));
    },
    (error) => errors.push(error),
    () => Date.now(),
  );
  return { g, clustered, errors, failNext: () => (fail = true) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('batch gathering', () => {
  it('clusters the batches of one burst together, once ingest is quiet', async () => {
    const { g, clustered } = gatherer();
    await g.add([1, 2]);
    await vi.advanceTimersByTimeAsync(600);
    await g.add([3]);
    await vi.advanceTimersByTimeAsync(600);
    await g.add([4, 2]);
    expect(clustered).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clustered).toEqual([[1, 2, 3, 4]]);
    expect(g.waiting).toBe(0);
  });

  it('a steady stream is clustered after maxWaitMs at the latest', async () => {
    const { g, clustered } = gatherer();
    for (let t = 0; t < 5_000; t += 500) {
      await g.add([t]);
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(clustered).toHaveLength(1);
    expect(clustered[0]).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500]);
  });

  it('with maxPosts waiting, the batch that adds more waits until they are clustered', async () => {
    const { g, clustered } = gatherer();
    await g.add([1, 2, 3, 4, 5]);
    const full = g.add([6, 7, 8, 9, 10]);
    await full;
    expect(clustered).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
  });

  it('flush clusters what waits at once; a failure on the timer is reported, and later batches go on', async () => {
    const { g, clustered, errors, failNext } = gatherer();
    await g.flush();
    expect(clustered).toEqual([]); // nothing waited: no call
    await g.add([1]);
    await g.flush();
    expect(clustered).toEqual([[1]]);
    failNext();
    await g.add([2]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(errors).toHaveLength(1);
    await g.add([3]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(clustered).toEqual([[1], [3]]);
  });
});
