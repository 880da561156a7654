// The media-storage rule: a file is stored only while it fits the per-file size and the bytes the
// plan lets the user store in all.
import { describe, expect, it } from 'vitest';
import { PLAN_LIMITS, PLAN_NAMES, mediaStoreVerdict } from '../../core/plans';

const limits = { mediaMaxBytes: 100, mediaBytesStored: 1000 };

describe('mediaStoreVerdict', () => {
  it('stores a file that fits, up to the limit exactly', () => {
    expect(mediaStoreVerdict(limits, 0, 100)).toEqual({ store: true });
    expect(mediaStoreVerdict(limits, 900, 100)).toEqual({ store: true });
  });

  it('keeps metadata only with reason quota when the file would pass the stored total', () => {
    expect(mediaStoreVerdict(limits, 901, 100)).toEqual({ store: false, reason: 'quota' });
    expect(mediaStoreVerdict(limits, 1000, 1)).toEqual({ store: false, reason: 'quota' });
    // Already over (a limit lowered, or another process): nothing more.
    expect(mediaStoreVerdict(limits, 5000, 0)).toEqual({ store: false, reason: 'quota' });
  });

  it('names too_large before quota for a file over the per-file size', () => {
    expect(mediaStoreVerdict(limits, 0, 101)).toEqual({ store: false, reason: 'too_large' });
    expect(mediaStoreVerdict(limits, 1000, 101)).toEqual({ store: false, reason: 'too_large' });
  });

  it('an unknown size is let through while there is room (the real size decides after the download)', () => {
    expect(mediaStoreVerdict(limits, 999, null)).toEqual({ store: true });
    expect(mediaStoreVerdict(limits, 1000, null)).toEqual({ store: false, reason: 'quota' });
  });

  it('every plan allows more in total than one file, and more than the plan below it', () => {
    for (const name of PLAN_NAMES) expect(PLAN_LIMITS[name].mediaBytesStored).toBeGreaterThan(PLAN_LIMITS[name].mediaMaxBytes);
    expect(PLAN_LIMITS.free.mediaBytesStored).toBe(1024 ** 3);
    expect(PLAN_LIMITS.pro.mediaBytesStored).toBe(20 * 1024 ** 3);
    expect(PLAN_LIMITS.enterprise.mediaBytesStored).toBe(200 * 1024 ** 3);
  });
});
