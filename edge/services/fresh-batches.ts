// Reads batched without going stale: a request joins the next read to start, never one already
// under way (that one may have begun before a write the requester has seen acknowledged). While a
// read is out, requests gather; when it lands they go out together as one. A quiet moment's first
// request is sent at once; under load, many readers' checks cost one round trip.

export interface FreshBatches<K, V> {
  read(key: K): Promise<V>;
}

export interface FreshBatchOptions<K, V> {
  readAll(keys: K[]): Promise<V[]>;
  /** Equal ids are read once per batch. */
  idOf(key: K): string;
  /** Most distinct keys in one read (the rest go in the next). */
  maxBatch: number;
}

export function freshBatches<K, V>(options: FreshBatchOptions<K, V>): FreshBatches<K, V> {
  type Waiter = { key: K; settle: { resolve(value: V): void; reject(error: unknown): void }[] };
  const waiting = new Map<string, Waiter>();
  let reading = false;
  const send = () => {
    const batch = [...waiting.values()].slice(0, options.maxBatch);
    for (const w of batch) waiting.delete(options.idOf(w.key));
    reading = true;
    options
      .readAll(batch.map((w) => w.key))
      .then(
        (values) => batch.forEach((w, i) => w.settle.forEach((s) => s.resolve(values[i]))),
        (error: unknown) => batch.forEach((w) => w.settle.forEach((s) => s.reject(error))),
      )
      .finally(() => {
        reading = false;
        if (waiting.size) send();
      });
  };
  return {
    read(key) {
      return new Promise<V>((resolve, reject) => {
        const id = options.idOf(key);
        let waiter = waiting.get(id);
        if (!waiter) waiting.set(id, (waiter = { key, settle: [] }));
        waiter.settle.push({ resolve, reject });
        if (!reading) send();
      });
    },
  };
}

/**
 * Fresh batches per database handle. On Workers each request has its own handle (its I/O must
 * not serve another request), so batches form only where a handle is shared, as on Node.
 */
export function freshBatchesPerHandle<H extends object, K, V>(optionsFor: (handle: H) => FreshBatchOptions<K, V>): (handle: H, key: K) => Promise<V> {
  const readers = new WeakMap<H, FreshBatches<K, V>>();
  return (handle, key) => {
    let reader = readers.get(handle);
    if (!reader) readers.set(handle, (reader = freshBatches(optionsFor(handle))));
    return reader.read(key);
  };
}
