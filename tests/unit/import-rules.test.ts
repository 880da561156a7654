// The dependency rules of the layout, enforced: core/ is pure (no I/O, nothing of ours outside it),
// edge/ and ingest-container/ never import each other, db/ and storage/ import neither, web/
// takes only types from the server, and SQL lives in db/ (tests/ and scripts/ may use it too).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (name === 'node_modules' || name === 'sandbox-data') continue;
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

interface Import {
  file: string;
  spec: string;
  typeOnly: boolean;
  /** The folder of ours it resolves to ('core', 'edge', …), or null for a package / builtin. */
  folder: string | null;
}

const IMPORT = /(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    const typeOnly = Boolean(m[2]);
    const folder = spec.startsWith('.') ? path.relative(root, path.resolve(root, path.dirname(file), spec)).split(path.sep)[0] : null;
    out.push({ file, spec, typeOnly, folder });
  }
  return out;
}

/** Packages that do I/O or belong to one runtime: never in core/. */
const IO_PACKAGES = /^(node:|fs$|path$|os$|http$|https$|net$|child_process$|pg$|ioredis$|@electric-sql\/|@neondatabase\/|@upstash\/|@supabase\/|telegram(\/|$)|openai(\/|$)|hono(\/|$)|@hono\/|drizzle-orm|ws$|satori|@resvg\/|playwright)/;

const filesIn = (dir: string) => sourceFiles(dir).flatMap(importsOf);
const describeImport = (i: Import) => `${i.file} imports ${i.spec}`;

describe('import rules', () => {
  it('core/ imports nothing of ours outside core/, and no I/O package or Node builtin', () => {
    const bad = filesIn('core').filter((i) => (i.folder !== null && i.folder !== 'core') || (i.folder === null && IO_PACKAGES.test(i.spec)));
    expect(bad.map(describeImport)).toEqual([]);
  });

  it('edge/ and ingest-container/ never import each other', () => {
    const edge = filesIn('edge').filter((i) => i.folder === 'ingest-container');
    const ingest = filesIn('ingest-container').filter((i) => i.folder === 'edge');
    expect([...edge, ...ingest].map(describeImport)).toEqual([]);
  });

  it('db/ and storage/ import neither edge/ nor ingest-container/', () => {
    const bad = [...filesIn('db'), ...filesIn('storage')].filter((i) => i.folder === 'edge' || i.folder === 'ingest-container');
    expect(bad.map(describeImport)).toEqual([]);
  });

  it('web/ takes only types from the server', () => {
    const server = new Set(['core', 'db', 'edge', 'ingest-container', 'storage', 'scripts']);
    const bad = filesIn('web/src').filter((i) => i.folder !== null && server.has(i.folder) && !i.typeOnly && !typeOnlyNames(i));
    expect(bad.map(describeImport)).toEqual([]);
  });

  it('the rules see real imports (the scan is not empty)', () => {
    expect(filesIn('core').length).toBeGreaterThan(50);
    expect(filesIn('web/src').some((i) => i.folder === 'core' && i.typeOnly)).toBe(true);
  });
});

/**
 * SQL outside db/: a drizzle `sql` template, a value import of drizzle-orm, of the tables
 * (db/schema) or of the raw-row helper (db/rows), or a query-builder call on a database handle
 * (`db.select(`, `tx.insert(`, `database.db.execute(`, `db.query.…`). Comments are not code.
 */
const SQL_TEMPLATE = /\bsql\s*(?:<[^>]*>)?\s*`|\bsql\.(?:raw|join|empty|identifier)\s*\(/;
const QUERY_BUILDER = /(?:\b(?:db|tx|trx)|\.db)\s*\.\s*(?:select|selectDistinct|selectDistinctOn|insert|update|delete|execute|query|\$count)\s*[(.]/;

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function sqlFindings(file: string): string[] {
  const code = withoutComments(readFileSync(path.join(root, file), 'utf8'));
  const found: string[] = [];
  if (SQL_TEMPLATE.test(code)) found.push('an sql`…` template');
  if (QUERY_BUILDER.test(code)) found.push(`a query-builder call (${QUERY_BUILDER.exec(code)![0].replace(/\s+/g, '')})`);
  for (const i of importsOf(file)) {
    if (i.typeOnly || typeOnlyNames(i)) continue;
    const target = i.folder === 'db' ? path.relative(root, path.resolve(root, path.dirname(file), i.spec)).split(path.sep).join('/') : '';
    if (/^drizzle-orm(\/|$)/.test(i.spec)) found.push(`imports ${i.spec}`);
    else if (/^db\/(schema(\/|$|\.ts$)|rows$)/.test(target)) found.push(`imports ${target}`);
  }
  return found;
}

const SQL_SCANNED = ['core', 'edge', 'ingest-container', 'storage', 'web/src'];

describe('SQL lives in db/', () => {
  it('no SQL template, query builder call, drizzle-orm or table import outside db/ (tests/ and scripts/ aside)', () => {
    const bad = SQL_SCANNED.flatMap(sourceFiles).flatMap((f) => sqlFindings(f).map((what) => `${f}: ${what}`));
    expect(bad).toEqual([]);
  });

  it('the scan sees SQL where it is (db/queries), so it cannot pass by seeing nothing', () => {
    const inDb = sourceFiles('db/queries').filter((f) => sqlFindings(f).length > 0);
    expect(inDb.length).toBeGreaterThan(10);
    for (const f of ['db/queries/kv.ts', 'db/queries/messages.ts', 'db/queries/leases.ts', 'db/queries/feed.ts']) expect(sqlFindings(f), f).not.toEqual([]);
  });
});

/** `import { type A, type B } from '…'` imports only types too. */
function typeOnlyNames(i: Import): boolean {
  const text = readFileSync(path.join(root, i.file), 'utf8');
  const statement = new RegExp(`import\\s+\\{([^}]*)\\}\\s+from\\s+['"]${i.spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`).exec(text);
  return !!statement && statement[1].split(',').every((name) => !name.trim() || name.trim().startsWith('type '));
}
