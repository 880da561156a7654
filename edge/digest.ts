// SHA-256 as hex on the request path (ETags, cache keys). node:crypto where the runtime has it
// (Node; Workers with nodejs_compat), looked up without a static import: a small body then hashes
// in microseconds on the calling thread, where WebCrypto would queue a thread-pool job per call
// (more than the hashing itself for bodies of a few KB). WebCrypto elsewhere.
type NodeCrypto = typeof import('node:crypto');

const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | NodeCrypto
  | undefined;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of `data` (text as UTF-8), lowercase hex. */
export async function sha256Hex(data: string | Uint8Array<ArrayBuffer>): Promise<string> {
  if (nodeCrypto?.createHash) return nodeCrypto.createHash('sha256').update(data).digest('hex');
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}
