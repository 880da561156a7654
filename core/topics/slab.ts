// Typed arrays of the window's posts, carved out of shared buffers: creating an ArrayBuffer costs
// far more than filling a few hundred bytes of one, and a post needs four. Posts leave in arrival
// order, so a slab is garbage soon after its last post leaves; the memory stays bounded by the
// window (plus a slab). Only for arrays that die about when their neighbours do: one kept for long
// keeps its whole slab. Carved memory is never reused, so an array starts zeroed like a new one,
// and arrays carved one after the other lie side by side.

const SLAB_BYTES = 1 << 18;

interface TypedArrayType<T> {
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

export class SlabAllocator {
  private buffer = new ArrayBuffer(SLAB_BYTES);
  private used = 0;

  float64(length: number): Float64Array {
    return this.carve(Float64Array, length);
  }

  float32(length: number): Float32Array {
    return this.carve(Float32Array, length);
  }

  int32(length: number): Int32Array {
    return this.carve(Int32Array, length);
  }

  uint32(length: number): Uint32Array {
    return this.carve(Uint32Array, length);
  }

  private carve<T>(Type: TypedArrayType<T>, length: number): T {
    const offset = this.reserve(length * Type.BYTES_PER_ELEMENT); // (first: it may replace the buffer)
    return new Type(this.buffer, offset, length);
  }

  /** Offset of `bytes` (8-aligned, for any typed array) in `buffer`, which it may first replace. */
  private reserve(bytes: number): number {
    const size = (bytes + 7) & ~7;
    if (this.used + size > this.buffer.byteLength) {
      this.buffer = new ArrayBuffer(Math.max(SLAB_BYTES, size));
      this.used = 0;
    }
    const offset = this.used;
    this.used += size;
    return offset;
  }
}

export const slabs = new SlabAllocator();
