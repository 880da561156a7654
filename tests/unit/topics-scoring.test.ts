// The fast paths of candidate scoring (issue 12) against the plain code they replaced, which is kept
// here as the reference: the index must give the same topics to the last bit of every similarity,
// so each must give the same floats, not close ones.
import { describe, expect, it } from 'vitest';
import { CONTEXT_DIMS, ContextSpace } from '../../core/topics/context';
import { fnv1a } from '../../core/topics/minhash';
import { PostingIndex } from '../../core/topics/postings';
import { SlabAllocator } from '../../core/topics/slab';
import { QueryScratch, TermTable, type TermVector } from '../../core/topics/terms';

function random(seed: number) {
  let state = seed;
  return (n: number) => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) % n);
}

/** Posts of a few to a hundred words from a vocabulary with a long tail, as term vectors. */
function posts(count: number, seed = 7) {
  const next = random(seed);
  const terms = new TermTable();
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: 3 + next(100) }, () => `w${next(1 + next(3000))}`);
    return terms.vector(terms.add(words));
  });
}

describe('SlabAllocator', () => {
  it('carves zeroed arrays that never overlap, across slab boundaries too', () => {
    const slabs = new SlabAllocator();
    const arrays = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? slabs.float64(1 + (i % 97)) : i % 3 === 1 ? slabs.int32(i % 50) : slabs.float32(128)));
    arrays.forEach((a, i) => {
      expect(a.every((x) => x === 0)).toBe(true);
      a.fill(i);
    });
    arrays.forEach((a, i) => expect(a.every((x) => x === i)).toBe(true));
  });
});

describe('PostingIndex', () => {
  // The scan as it was: the query's heaviest terms by a stable sort, all touched posts sorted.
  function referenceSearch(lists: Map<number, { seq: number; w: number }[]>, v: TermVector, liveFrom: number, terms: number, limit: number): number[] {
    const order = Array.from(v.ids.keys()).sort((a, b) => v.weights[b] - v.weights[a]);
    const acc = new Map<number, number>();
    for (const k of order.slice(0, terms)) {
      const list = lists.get(v.ids[k]) ?? [];
      for (let i = list.length - 1; i >= Math.max(0, list.length - 200) && list[i].seq >= liveFrom; i--) acc.set(list[i].seq, (acc.get(list[i].seq) ?? 0) + v.weights[k] * list[i].w);
    }
    return [...acc.keys()].sort((a, b) => (acc.get(b) ?? 0) - (acc.get(a) ?? 0)).slice(0, limit);
  }

  it('finds the posts a full sort would, and scores them as their own vectors do, while the window slides', () => {
    const vectors = posts(3000);
    const index = new PostingIndex<{ seq: number }>();
    const lists = new Map<number, { seq: number; w: number }[]>();
    const items: { seq: number }[] = [];
    const query = new QueryScratch();
    for (const [n, v] of vectors.entries()) {
      if (n >= 700) index.remove(items[n - 700]); // a window of 700 posts: the rings grow, then wrap
      if (n % 3 === 0 && n > 0) {
        const found = index.search(v, 16, 60).map((item) => item.seq);
        expect(found).toEqual(referenceSearch(lists, v, n >= 700 ? n - 699 : 0, 16, 60));
        query.load(v, 1 << 16);
        for (const seq of found) expect(index.dot(seq, query)).toBe(query.dot(vectors[seq]));
        query.clear();
      }
      const item = { seq: 0 };
      index.add(item, v);
      items.push(item);
      for (let i = 0; i < v.ids.length; i++) lists.set(v.ids[i], [...(lists.get(v.ids[i]) ?? []), { seq: item.seq, w: v.weights[i] }]);
      if (n % 500 === 499) index.compact();
    }
  });
});

describe('ContextSpace', () => {
  // The context space as it was written first: one row at a time, one entry at a time.
  class Reference {
    rows = new Map<number, Float32Array>();
    learn(v: TermVector, seen: (id: number) => boolean, term: (id: number) => string) {
      const order = Array.from(v.ids.keys())
        .filter((i) => seen(v.ids[i]))
        .sort((a, b) => v.weights[b] - v.weights[a])
        .slice(0, 30);
      const taught = { ids: order.map((i) => v.ids[i]), weights: Float32Array.from(order, (i) => v.weights[i]) };
      this.apply(taught.ids, taught.weights, term, 1);
      return taught;
    }
    apply(ids: number[], weights: Float32Array, term: (id: number) => string, sign: number) {
      for (const [a, id] of ids.entries()) {
        const row = this.rows.get(id) ?? new Float32Array(CONTEXT_DIMS);
        this.rows.set(id, row);
        for (const [b, other] of ids.entries()) {
          if (a === b) continue;
          let x = fnv1a(term(other));
          for (let k = 0; k < 4; k++) {
            x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
            row[x % CONTEXT_DIMS] += ((x >>> 16) & 1 ? 1 : -1) * sign * weights[b];
          }
        }
      }
    }
    embed(v: TermVector) {
      const out = new Float32Array(CONTEXT_DIMS);
      for (let i = 0; i < v.ids.length; i++) {
        const row = this.rows.get(v.ids[i]);
        if (!row) continue;
        let sq = 0;
        for (let d = 0; d < CONTEXT_DIMS; d++) sq += row[d] * row[d];
        if (sq === 0) continue;
        for (let d = 0; d < CONTEXT_DIMS; d++) out[d] += (v.weights[i] / Math.sqrt(sq)) * row[d];
      }
      let sq = 0;
      for (let d = 0; d < CONTEXT_DIMS; d++) sq += out[d] * out[d];
      if (sq > 0) for (let d = 0; d < CONTEXT_DIMS; d++) out[d] *= 1 / Math.sqrt(sq);
      return out;
    }
  }

  it('learns, forgets and embeds to the same floats as one row and one entry at a time', () => {
    const next = random(11);
    const table = new TermTable();
    const term = (id: number) => table.term(id);
    const seen = (id: number) => table.count(id) >= 2;
    const space = new ContextSpace(term, seen);
    const reference = new Reference();
    const taught: { fast: ReturnType<ContextSpace['learn']>; slow: ReturnType<Reference['learn']> }[] = [];
    for (let n = 0; n < 600; n++) {
      const v = table.vector(table.add(Array.from({ length: 2 + next(60) }, () => `w${next(1 + next(400))}`)));
      taught.push({ fast: space.learn(v), slow: reference.learn(v, seen, term) });
      if (n >= 200) {
        const { fast, slow } = taught[n - 200];
        space.forget(fast);
        reference.apply(slow.ids, slow.weights, term, -1);
      }
      expect([...space.embed(v)]).toEqual([...reference.embed(v)]);
    }
  });
});
