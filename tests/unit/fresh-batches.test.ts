// Fingerprint reads batched without going stale (edge/services/fresh-batches.ts).
import { describe, expect, it } from 'vitest';
import { freshBatches, freshBatchesPerHandle } from '../../edge/services/fresh-batches';

function recordingReader() {
  const reads: string[][] = [];
  const pending: (() => void)[] = [];
  let version = 0;
  const batches = freshBatches<string, string>({
    readAll: (keys) => {
      reads.push(keys);
      const seen = version;
      return new Promise((resolve) => pending.push(() => resolve(keys.map((k) => `${k}@${seen}`))));
    },
    idOf: (k) => k,
    maxBatch: 2,
  });
  return { batches, reads, land: () => pending.shift()!(), write: () => version++ };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('freshBatches', () => {
  it('sends a quiet moment’s first request at once, and gathers those that arrive meanwhile into one read', async () => {
    const { batches, reads, land } = recordingReader();
    const first = batches.read('a');
    expect(reads).toEqual([['a']]);
    const waiting = [batches.read('a'), batches.read('b'), batches.read('a')];
    expect(reads).toHaveLength(1);
    land();
    await first;
    await tick();
    expect(reads).toEqual([['a'], ['a', 'b']]);
    land();
    expect(await Promise.all(waiting)).toEqual(['a@0', 'b@0', 'a@0']);
  });

  it('never answers a request from a read that started before it (a write in between would be missed)', async () => {
    const { batches, land, write } = recordingReader();
    const early = batches.read('a');
    write(); // acknowledged after the first read went out
    const late = batches.read('a');
    land();
    expect(await early).toBe('a@0');
    await tick();
    land();
    expect(await late).toBe('a@1');
  });

  it('splits more keys than a batch holds over several reads, and passes a failure to its own batch only', async () => {
    const reads: string[][] = [];
    let fail = true;
    const batches = freshBatches<string, string>({
      readAll: async (keys) => {
        reads.push(keys);
        if (fail) {
          fail = false;
          throw new Error('database down');
        }
        return keys;
      },
      idOf: (k) => k,
      maxBatch: 2,
    });
    const first = batches.read('x');
    const rest = ['a', 'b', 'c'].map((k) => batches.read(k));
    await expect(first).rejects.toThrow('database down');
    expect(await Promise.all(rest)).toEqual(['a', 'b', 'c']);
    expect(reads).toEqual([['x'], ['a', 'b'], ['c']]);
  });

  it('keeps the batches of two database handles apart (on Workers a handle is one request\'s)', async () => {
    const reads: string[] = [];
    const read = freshBatchesPerHandle((handle: { name: string }) => ({
      readAll: async (keys: string[]) => {
        reads.push(`${handle.name}:${keys.join(',')}`);
        return keys.map((k) => `${handle.name}/${k}`);
      },
      idOf: (k: string) => k,
      maxBatch: 8,
    }));
    const first = { name: 'one' };
    const second = { name: 'two' };
    expect(await Promise.all([read(first, 'a'), read(second, 'a'), read(first, 'b')])).toEqual(['one/a', 'two/a', 'one/b']);
    expect(reads).toEqual(['one:a', 'two:a', 'one:b']);
  });
});
