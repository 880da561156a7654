// The storage port's pure helpers: content keys, formats, hashing without Buffer, and the rule that
// the modules the Workers entry may import load nothing from node:* (nor `ws`, nor supabase-js).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentKey, contentTypeOf, formatOf, isContentKey, putContent, sha256Hex, toHex, type ObjectStorage } from '../../storage/port';

describe('storage port helpers', () => {
  it('hashes with WebCrypto to the same hex as node:crypto', async () => {
    for (const bytes of [new Uint8Array(), new Uint8Array([0, 1, 2, 254, 255]), new TextEncoder().encode('Привет, мир')]) {
      expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(toHex(new Uint8Array([0, 15, 16, 255]))).toBe('000f10ff');
  });

  it('fans keys out by the first two hex digits and accepts only such keys', async () => {
    const hash = await sha256Hex(new Uint8Array([1]));
    const key = contentKey(hash, 'png');
    expect(key).toBe(`${hash.slice(0, 2)}/${hash}.png`);
    expect(isContentKey(key)).toBe(true);
    expect(isContentKey(`zz/${hash}.png`)).toBe(false);
    expect(isContentKey(`${hash.slice(0, 2)}/${hash}`)).toBe(false);
    expect(isContentKey(`../${hash}.png`)).toBe(false);
    expect(isContentKey('ab/notahash.png')).toBe(false);
  });

  it('names formats from the type, then the file name, else bin; and maps them back', () => {
    expect(formatOf('image/JPEG', null)).toBe('jpg');
    expect(formatOf('application/octet-stream', 'Report.PDF')).toBe('pdf');
    expect(formatOf('application/x-unknown', null)).toBe('bin');
    expect(contentTypeOf('ab/ab.jpg')).toBe('image/jpeg');
    expect(contentTypeOf('ab/ab.m4a')).toBe('audio/mp4');
    expect(contentTypeOf('ab/ab.bin')).toBe('application/octet-stream');
  });

  it('putContent stores under the content key of the bytes', async () => {
    const puts: string[] = [];
    const storage: ObjectStorage = { kind: 'local', put: async (key) => (puts.push(key), `/media/${key}`) };
    const bytes = new Uint8Array([9, 9, 9]);
    const { key, url } = await putContent(storage, bytes, 'image/png');
    expect(key).toBe(contentKey(await sha256Hex(bytes), 'png'));
    expect(url).toBe(`/media/${key}`);
    expect(puts).toEqual([key]);
  });
});

/** Every module specifier reachable through relative imports from `entry`. */
function importsOf(entry: string, seen = new Set<string>()): Set<string> {
  const specifiers = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:import|export)\s[^'";]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), `${specifier}.ts`));
      else specifiers.add(specifier);
    }
  };
  visit(path.resolve(entry));
  return specifiers;
}

describe('Workers-safe storage modules', () => {
  it('select-worker.ts reaches no node:* module, no ws and no supabase-js', () => {
    const specifiers = [...importsOf('storage/select-worker.ts')];
    expect(specifiers.filter((s) => s.startsWith('node:') || ['ws', 'fs', 'path', '@supabase/supabase-js'].includes(s))).toEqual([]);
  });

  it('select.ts is the Node one (it reaches node:fs through the local adapter)', () => {
    expect([...importsOf('storage/select.ts')]).toContain('node:fs/promises');
  });
});
