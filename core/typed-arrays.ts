// Growing the typed arrays that hot paths keep as scratch or tables.

type Growable = Int32Array | Uint8Array | Uint16Array | Float32Array | Float64Array;

/** A copy of `a`, twice as long or `least` long if that is more, with `a`'s contents first. */
export function grown<T extends Growable>(a: T, least = 0): T {
  const out = new (a.constructor as new (length: number) => T)(Math.max(least, a.length * 2));
  out.set(a);
  return out;
}
