// Floors on the topics the product writes through its own ingest path: the sandbox's first sync of
// every public channel (the labelled 2024-11-30 and 2024-12-01 windows lie in its backfill, stored
// channel after channel), clustered by the topic job with its gathering. Measured figures are in
// tests/bench/topics-ingest.ts; each batch clustered as stored gave 2024-11-30 pairwise F1 71.2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { scoreStoredWindow, topicsThroughIngest, type ThroughIngest } from './topics-through-ingest';

let database: TestDatabase;
let ingested: ThroughIngest;

beforeAll(async () => {
  database = await createTestDatabase();
  ingested = await topicsThroughIngest(database.db, { gathered: true, liveHours: 0, pacingMs: 0 });
}, 300_000);

afterAll(async () => {
  await database?.drop();
});

describe('topics through the ingest path', () => {
  it.each([
    ['2024-11-30', { bcubedF1: 0.95, pairwiseF1: 0.85, precision: 0.96 }],
    ['2024-12-01', { bcubedF1: 0.95, pairwiseF1: 0.82, precision: 0.97 }],
  ] as const)('%s: one story one topic, as the labels say', (window, floor) => {
    const s = scoreStoredWindow(ingested.topicOf, window);
    console.log(`${window}: ${s.stored} of ${s.labelled} labelled posts ingested; B-cubed P ${s.bcubed.precision.toFixed(3)} F1 ${s.bcubed.f1.toFixed(3)}, pairwise F1 ${s.pairwise.f1.toFixed(3)}`);
    expect(s.stored).toBeGreaterThan(200);
    expect(s.bcubed.f1).toBeGreaterThanOrEqual(floor.bcubedF1);
    expect(s.pairwise.f1).toBeGreaterThanOrEqual(floor.pairwiseF1);
    expect(s.bcubed.precision).toBeGreaterThanOrEqual(floor.precision);
  });
});
