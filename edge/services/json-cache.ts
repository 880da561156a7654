// JSON text that remembers the value it encodes: a route can keep an answer in the kv as the text
// it is sent as (a cache hit is sent without parsing and serialising again) and still answer a
// typed `TypedResponse<T>`, so `hc<AppType>` in the web app sees the value's type, not `string`.
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';

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
  const res: Response = c.body(text, 200, { ...headers, 'content-type': 'application/json' });
  // The phantom type is the value `text` encodes (the brand says so); the bytes are the same.
  return res as Response & TypedResponse<JSONParsed<T>, 200, 'json'>;
}
