// The fast paths of candidate scoring (issue 12) against the plain code they replaced, which is kept
// here as the reference: the index must give the same topics to the last bit of every similarity,
// so each must give the same floats, not close ones.
import { describe, expect, it } from 'vitest';
import { CONTEXT_DIMS, ContextSpace, LEARNED_TERMS } from '../../core/topics/context';
import { fnv1a } from '../../core/topics/minhash';
import { DEFAULT_TOPIC_OPTIONS, SizeGrowthTable, sizeGrowth } from '../../core/topics/options';
import { PostingIndex } from '../../core/topics/postings';
import { SlabAllocator } from '../../core/topics/slab';
import { Centroid } from '../../core/topics/sparse';
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

describe('TermTable', () => {
  it('gives the ids and term frequencies of a lookup by string when handed stem cache keys, stale and wrong ones too', () => {
    const next = random(5);
    const [plain, keyed] = [new TermTable(), new TermTable()];
    const window: Int32Array[] = [];
    for (let n = 0; n < 3000; n++) {
      const words = Array.from({ length: 1 + next(80) }, () => `w${next(1 + next(4000))}`);
      // Keys for the first words (names follow unkeyed): mostly the word's own, some another's,
      // none (-1) or far past any table so far.
      const keys = Int32Array.from(words.slice(0, words.length - next(3)), (w) => {
        const pick = next(10);
        return pick === 0 ? next(5000) : pick === 1 ? -1 : pick === 2 ? 100_000 + next(10) : Number(w.slice(1));
      });
      const expected = plain.add(words);
      const [ids, tf] = [[...expected.ids], [...expected.tf]];
      const got = keyed.add(words, keys);
      expect([...got.ids]).toEqual(ids);
      expect([...got.tf]).toEqual(tf);
      window.push(Int32Array.from(ids));
      if (window.length > 300) {
        const leaving = window.shift()!;
        plain.remove(leaving);
        keyed.remove(leaving); // ids are recycled: a kept key's id may now name another term
      }
    }
  });
});

describe('Centroid', () => {
  // A running sum as a Map, the sums and the squared norm kept in the same order of additions.
  class Reference {
    sums = new Map<number, number>();
    sq = 0;
    add(v: TermVector, sign: 1 | -1 = 1) {
      for (let i = 0; i < v.ids.length; i++) {
        const old = this.sums.get(v.ids[i]) ?? 0;
        let next = old + sign * v.weights[i];
        if (Math.abs(next) < 1e-12) next = 0;
        this.sq += next * next - old * old;
        this.sums.set(v.ids[i], next);
      }
      if (this.sq < 1e-12) this.sq = 0;
    }
    cosine(v: TermVector) {
      if (this.sq === 0) return 0;
      let dotSum = 0;
      for (let i = 0; i < v.ids.length; i++) dotSum += v.weights[i] * (this.sums.get(v.ids[i]) ?? 0);
      return dotSum / Math.sqrt(this.sq);
    }
  }

  // Topics of one to a few posts, some losing their first post, some leaving: the tables centroids
  // outgrow or leave behind are taken again by later ones, which must not tell.
  function run(vectors: TermVector[]) {
    const next = random(3);
    const figures: number[] = [];
    for (let n = 0; n + 3 < vectors.length; n += 1 + next(3)) {
      const [centroid, reference] = [new Centroid(), new Reference()];
      const members = vectors.slice(n, n + 1 + next(3));
      for (const v of members) [centroid.add(v), reference.add(v)];
      if (members.length > 1 && next(2)) [centroid.add(members[0], -1), reference.add(members[0], -1)];
      const probe = vectors[n + 3];
      expect(centroid.cosine(probe)).toBe(reference.cosine(probe));
      const other = new Centroid();
      other.add(probe);
      figures.push(centroid.cosine(probe), centroid.similarity(other));
      if (next(2)) {
        centroid.release();
        expect([centroid.cosine(probe), centroid.similarity(other), other.similarity(centroid)]).toEqual([0, 0, 0]);
      }
    }
    return figures;
  }

  it('scores as a map of sums does, with tables taken over from earlier centroids, and the same each time', () => {
    const vectors = posts(1500, 9);
    const first = run(vectors);
    expect(run(vectors)).toEqual(first);
  });

  it('starts over like a new centroid when added to after its release', () => {
    const [a, b, c] = posts(3, 4);
    const [released, fresh] = [new Centroid(), new Centroid()];
    released.add(a);
    released.release();
    for (const v of [b, c]) [released.add(v), fresh.add(v)];
    expect(released.cosine(a)).toBe(fresh.cosine(a));
    expect(released.similarity(fresh)).toBe(fresh.similarity(fresh));
  });
});

describe('SizeGrowthTable', () => {
  it('gives sizeGrowth to the bit, for sizes asked in any order and again, odd sizes too', () => {
    const table = new SizeGrowthTable(DEFAULT_TOPIC_OPTIONS);
    const next = random(11);
    const sizes = [...Array.from({ length: 400 }, () => next(300)), 5000, 0, -1, 2.5, 5000];
    for (const size of sizes) expect(table.of(size)).toBe(sizeGrowth(size, DEFAULT_TOPIC_OPTIONS));
  });
});

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
        const found = index.found.slice(0, index.search(v, 16, 60)).map((item) => item.seq);
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
        .slice(0, LEARNED_TERMS);
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
