import { describe, expect, it } from 'vitest';
import {
  costOfCall,
  FALLBACK_IMAGE_MODEL,
  FALLBACK_TEXT_MODEL,
  IMAGE_QUALITY,
  PRICE_TABLES,
  priceOfCall,
  tableAt,
  type PriceTable,
} from '../../core/pipeline/prices';
import type { AiCall } from '../../core/pipeline/types';

const AT = new Date('2026-12-01T12:00:00Z');

const text = (model: string, inputTokens: number, cachedTokens: number, outputTokens: number): AiCall => ({
  purpose: 'editor',
  engine: 'openai',
  model,
  inputTokens,
  cachedTokens,
  outputTokens,
  images: 0,
});

describe('text models', () => {
  it('bills uncached input, cached input and output at their own rates', () => {
    // gpt-4.1-mini: $0.40 / $0.10 / $1.60 per 1M → 800×0.40 + 200×0.10 + 500×1.60 = 1140 µ$
    expect(costOfCall(text('gpt-4.1-mini', 1000, 200, 500), AT)).toBe(0.00114);
    // gpt-4o: $2.50 / $1.25 / $10 → 10_000×2.5 + 2000×10 = 45_000 µ$ (no cache)
    expect(costOfCall(text('gpt-4o', 10_000, 0, 2000), AT)).toBe(0.045);
    // gpt-5-mini: $0.25 / $0.025 / $2 → 3000×0.25 + 1000×0.025 + 1500×2 = 3775 µ$
    expect(costOfCall(text('gpt-5-mini', 4000, 1000, 1500), AT)).toBe(0.003775);
  });

  it('counts cached tokens as part of the input, never more than it', () => {
    const allCached = costOfCall(text('gpt-4.1', 1000, 1000, 0), AT);
    expect(allCached).toBe(0.0005); // 1000 × $0.50 per 1M
    expect(costOfCall(text('gpt-4.1', 1000, 5000, 0), AT)).toBe(allCached);
  });

  it('rounds once, half up, to the micro-dollar', () => {
    // gpt-4o-mini input is 0.15 µ$ a token
    expect(costOfCall(text('gpt-4o-mini', 3, 0, 0), AT)).toBe(0); // 0.45 µ$
    expect(costOfCall(text('gpt-4o-mini', 10, 0, 0), AT)).toBe(0.000002); // 1.5 µ$ → 2
    expect(costOfCall(text('gpt-4o-mini', 9, 0, 0), AT)).toBe(0.000001); // 1.35 µ$ → 1
    // Parts are summed before rounding: 3 × 0.15 + 1 × 0.6 = 1.05 µ$ → 1 (not 0 + 1)
    expect(costOfCall(text('gpt-4o-mini', 3, 0, 1), AT)).toBe(0.000001);
  });

  it('is exact for large counts (no floating drift)', () => {
    // 123_456_789 × $0.40 + 987_654 × $1.60 per 1M = 49_382_715.6 + 1_580_246.4 = 50_962_962 µ$
    expect(costOfCall(text('gpt-4.1-mini', 123_456_789, 0, 987_654), AT)).toBe(50.962962);
  });

  it('prices dated snapshots and provider-prefixed names as their model', () => {
    const alias = costOfCall(text('gpt-4.1-mini', 5000, 1000, 700), AT);
    expect(costOfCall(text('gpt-4.1-mini-2025-04-14', 5000, 1000, 700), AT)).toBe(alias);
    expect(costOfCall(text('openai/gpt-4.1-mini', 5000, 1000, 700), AT)).toBe(alias);
    expect(costOfCall(text('GPT-4.1-Mini', 5000, 1000, 700), AT)).toBe(alias);
    expect(priceOfCall(text('gpt-4.1-mini-2025-04-14', 1, 0, 0), AT)).toMatchObject({ basis: 'table', pricedAs: 'gpt-4.1-mini' });
  });

  it('keeps a snapshot that has its own price', () => {
    // gpt-4o-2024-05-13: $5 / $15 per 1M, cached billed as input
    expect(costOfCall(text('gpt-4o-2024-05-13', 1000, 500, 1000), AT)).toBe(0.02);
  });

  it('prices an unknown model at the fallback rates, flagged', () => {
    const unknown = priceOfCall(text('llama3.1:8b', 1000, 0, 1000), AT);
    const fallback = costOfCall(text(FALLBACK_TEXT_MODEL, 1000, 0, 1000), AT);
    expect(unknown).toEqual({ usd: fallback, basis: 'fallback', table: '2025-08-07', pricedAs: FALLBACK_TEXT_MODEL });
    expect(fallback).toBe(0.0125);
  });
});

describe('images', () => {
  const image = (over: Partial<AiCall> = {}): AiCall => ({
    purpose: 'image',
    engine: 'openai',
    model: 'gpt-image-1',
    inputTokens: 0,
    outputTokens: 0,
    cachedTokens: 0,
    images: 1,
    imageSize: '1024x1024',
    ...over,
  });

  it(`prices gpt-image-1 per image by size, at quality ${IMAGE_QUALITY}`, () => {
    expect(IMAGE_QUALITY).toBe('medium');
    expect(costOfCall(image(), AT)).toBe(0.042);
    expect(costOfCall(image({ imageSize: '1536x1024' }), AT)).toBe(0.063);
    expect(costOfCall(image({ imageSize: '1024x1536', images: 2 }), AT)).toBe(0.126);
  });

  it('adds the text prompt tokens but not the output tokens (the per-image price covers them)', () => {
    // 100 prompt tokens × $5 per 1M = 500 µ$; 4160 output tokens not billed again
    expect(costOfCall(image({ inputTokens: 100, outputTokens: 4160 }), AT)).toBe(0.0425);
  });

  it('prices a missing size at the dearest one', () => {
    expect(costOfCall(image({ imageSize: undefined }), AT)).toBe(0.063);
  });

  it('prices an unknown image model as gpt-image-1, flagged', () => {
    expect(priceOfCall(image({ model: 'flux-schnell' }), AT)).toMatchObject({ usd: 0.042, basis: 'fallback', pricedAs: FALLBACK_IMAGE_MODEL });
  });
});

describe('free calls', () => {
  it('moderation costs nothing', () => {
    const call: AiCall = { ...text('omni-moderation-latest', 0, 0, 0), purpose: 'moderation' };
    expect(priceOfCall(call, AT)).toMatchObject({ usd: 0, basis: 'free' });
    expect(priceOfCall({ ...call, model: 'omni-moderation-2024-09-26' }, AT)).toMatchObject({ usd: 0, basis: 'free' });
    expect(priceOfCall({ ...call, model: 'some-moderation-model' }, AT)).toMatchObject({ usd: 0, basis: 'fallback' });
  });

  it('the offline engine costs nothing, whatever it reports', () => {
    const call: AiCall = { ...text('gpt-4.1', 100_000, 0, 100_000), engine: 'offline' };
    expect(priceOfCall(call, AT)).toMatchObject({ usd: 0, basis: 'offline' });
    expect(costOfCall({ ...call, purpose: 'image', images: 3, model: 'offline-card' }, AT)).toBe(0);
  });
});

describe('dated tables', () => {
  const tables: PriceTable[] = [
    { effectiveFrom: '2025-01-01', source: 'a', text: { m: { input: 1, cachedInput: 1, output: 1 } }, image: {}, free: [] },
    { effectiveFrom: '2026-03-01', source: 'b', text: { m: { input: 2, cachedInput: 2, output: 2 } }, image: {}, free: [] },
  ];

  it('picks the last table in effect on the call’s UTC day', () => {
    expect(tableAt(new Date('2026-02-28T23:59:59Z'), tables).source).toBe('a');
    expect(tableAt(new Date('2026-03-01T00:00:00Z'), tables).source).toBe('b');
    expect(tableAt(new Date('2030-01-01T00:00:00Z'), tables).source).toBe('b');
    expect(tableAt(new Date('2020-01-01T00:00:00Z'), tables).source).toBe('a');
  });

  it('every table is in date order and prices the fallbacks', () => {
    const days = PRICE_TABLES.map((t) => t.effectiveFrom);
    expect([...days].sort()).toEqual(days);
    for (const table of PRICE_TABLES) {
      expect(table.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(table.text[FALLBACK_TEXT_MODEL]).toBeDefined();
      expect(table.image[FALLBACK_IMAGE_MODEL]).toBeDefined();
      for (const price of Object.values(table.text)) {
        expect(price.cachedInput).toBeLessThanOrEqual(price.input);
        // Six decimals at most, so micro-dollar arithmetic stays exact.
        for (const v of [price.input, price.cachedInput, price.output]) expect(Math.round(v * 1e6) / 1e6).toBe(v);
      }
    }
  });

  it('refuses counts that are not whole numbers', () => {
    expect(() => costOfCall(text('gpt-4.1', -1, 0, 0), AT)).toThrow(RangeError);
    expect(() => costOfCall(text('gpt-4.1', 1.5, 0, 0), AT)).toThrow(RangeError);
    expect(() => costOfCall(text('gpt-4.1', 1, 0, 0), new Date('nope'))).toThrow(RangeError);
  });
});
