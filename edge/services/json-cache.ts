// JSON text that remembers the value it encodes: a route can keep an answer in the kv as the text
// it is sent as (a cache hit is sent without parsing and serialising again) and still answer a
// typed `TypedResponse<T>`, so `hc<AppType>` in the web app sees the value's type, not `string`.
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { withKnownBody } from '../response-body';

declare const encodes: unique symbol;
/** `JSON.stringify` of a T. */
export type JsonText<T> = string & { readonly [encodes]: T };

export const toJsonText = <T>(value: T): JsonText<T> => JSON.stringify(value) as JsonText<T>;

/**
 * Text read back from where a `toJsonText<T>` was stored. The caller vouches that the key it was
 * read under names the shape (e.g. a version in the key), as it does for any cache.
 */
export const storedJsonText = <T>(text: string): JsonText<T> => text as JsonText<T>;

/** A 200 JSON answer from text already serialised, typed as the value it encodes. */
export function jsonTextResponse<T>(c: Context, text: JsonText<T>, headers: Record<string, string> = {}): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  // The text is registered as the body: the ETag and compression steps read it from there.
  const res: Response = withKnownBody(c.body(text, 200, { ...headers, 'content-type': 'application/json' }), text);
  // The phantom type is the value `text` encodes (the brand says so); the bytes are the same.
  return res as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
}

/**
 * JSON texts by key for `ttlMs` in this process (a read-through layer in front of a shared cache
 * whose keys name their content), bounded by total length; the oldest go first.
 */
export function recentJsonTexts<T>(options: { ttlMs: number; maxChars: number }) {
  const entries = new Map<string, { text: JsonText<T>; until: number }>();
  let chars = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    chars -= entry.text.length;
    entries.delete(key);
  };
  return {
    get(key: string): JsonText<T> | undefined {
      const entry = entries.get(key);
      if (entry && entry.until > performance.now()) return entry.text;
      drop(key);
      return undefined;
    },
    set(key: string, text: JsonText<T>): void {
      drop(key);
      if (text.length > options.maxChars / 4) return;
      const now = performance.now();
      for (const [oldest, entry] of entries) {
        if (chars + text.length <= options.maxChars && entry.until > now) break;
        drop(oldest);
      }
      entries.set(key, { text, until: now + options.ttlMs });
      chars += text.length;
    },
  };
}

/** Concurrent calls for one key share one promise: a cache miss is computed once, not by every reader waiting on it. */
export function sharedByKey<V>() {
  const pending = new Map<string, Promise<V>>();
  return (key: string, compute: () => Promise<V>): Promise<V> => {
    let shared = pending.get(key);
    if (!shared) {
      shared = compute().finally(() => pending.delete(key));
      pending.set(key, shared);
    }
    return shared;
  };
}
