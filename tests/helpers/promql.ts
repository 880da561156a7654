// Just enough Prometheus for the alert rules test: the text exposition format (scrapes over
// time), a YAML subset (the rules file), and a PromQL evaluator for what deploy/alerts.yml uses —
// selectors with = != =~ !~, rate/increase over a range, absent, vector, sum/max/min/count by (…),
// + - * /, comparisons that filter, `or`. Simplified where the real one extrapolates: increase is
// last − first (resets handled), rate is that over the range.
export type Labels = Record<string, string>;
interface Series { name: string; labels: Labels; points: [number, number][] }
export interface Sample { labels: Labels; value: number }
type Value = { kind: 'scalar'; value: number } | { kind: 'vector'; samples: Sample[] };

const key = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

export class SampleStore {
  readonly series = new Map<string, Series>();
  /** Adds one scrape (text format 0.0.4) taken at `t` seconds. */
  scrape(t: number, text: string) {
    for (const line of text.split('\n')) {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line.trim());
      if (!m) continue;
      const labels: Labels = {};
      for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2].replace(/\\(.)/g, '$1');
      const id = m[1] + key(labels);
      let s = this.series.get(id);
      if (!s) this.series.set(id, (s = { name: m[1], labels, points: [] }));
      s.points.push([t, Number(m[3])]);
    }
  }
}

// ---- PromQL ----
type Node =
  | { type: 'num'; value: number }
  | { type: 'sel'; name: string; matchers: [string, string, string][]; range?: number }
  | { type: 'call'; fn: string; args: Node[] }
  | { type: 'agg'; op: string; by: string[]; arg: Node }
  | { type: 'bin'; op: string; lhs: Node; rhs: Node };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[smhd])?)|([a-zA-Z_:][\w:]*)|("(?:[^"\\]|\\.)*")|(=~|!~|!=|==|>=|<=|[{}()[\],=<>+\-*/]))/y;

export function parsePromQL(input: string): Node {
  const source = input.trim();
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const m = TOKEN.exec(source);
    if (!m) throw new Error(`promql: cannot read "${source.slice(TOKEN.lastIndex)}"`);
    tokens.push(m[0].trim());
  }
  let i = 0;
  const peek = () => tokens[i];
  const take = (want?: string) => {
    const t = tokens[i++];
    if (want !== undefined && t !== want) throw new Error(`promql: expected ${want}, got ${t} in ${source}`);
    return t;
  };
  const seconds = (d: string) => Number(d.slice(0, -1)) * { s: 1, m: 60, h: 3600, d: 86400 }[d.slice(-1) as 's']!;
  const labelList = () => {
    take('(');
    const out: string[] = [];
    while (peek() !== ')') {
      out.push(take());
      if (peek() === ',') take();
    }
    take(')');
    return out;
  };
  const AGGS = new Set(['sum', 'max', 'min', 'count', 'avg']);
  function primary(): Node {
    const t = take();
    if (t === '(') {
      const inner = orExpr();
      take(')');
      return inner;
    }
    if (/^\d/.test(t)) return { type: 'num', value: Number(t) };
    if (AGGS.has(t)) {
      let by = peek() === 'by' ? (take(), labelList()) : [];
      take('(');
      const arg = orExpr();
      take(')');
      if (peek() === 'by') by = (take(), labelList());
      return { type: 'agg', op: t, by, arg };
    }
    if (peek() === '(') {
      take('(');
      const args: Node[] = [];
      while (peek() !== ')') {
        args.push(orExpr());
        if (peek() === ',') take();
      }
      take(')');
      return { type: 'call', fn: t, args };
    }
    const matchers: [string, string, string][] = [];
    if (peek() === '{') {
      take('{');
      while (peek() !== '}') {
        const label = take();
        const op = take();
        matchers.push([label, op, JSON.parse(take()) as string]);
        if (peek() === ',') take();
      }
      take('}');
    }
    let range: number | undefined;
    if (peek() === '[') {
      take('[');
      range = seconds(take());
      take(']');
    }
    return { type: 'sel', name: t, matchers, range };
  }
  const level = (ops: string[], next: () => Node) => (): Node => {
    let lhs = next();
    while (ops.includes(peek())) lhs = { type: 'bin', op: take(), lhs, rhs: next() };
    return lhs;
  };
  const mul = level(['*', '/'], primary);
  const add = level(['+', '-'], mul);
  const cmp = level(['>', '<', '>=', '<=', '==', '!='], add);
  const orExpr = level(['or'], cmp);
  const node = orExpr();
  if (i !== tokens.length) throw new Error(`promql: trailing "${tokens.slice(i).join(' ')}" in ${source}`);
  return node;
}

/** Every metric name an expression reads. */
export function metricNames(node: Node): string[] {
  if (node.type === 'sel') return [node.name];
  if (node.type === 'call') return node.args.flatMap(metricNames);
  if (node.type === 'agg') return metricNames(node.arg);
  if (node.type === 'bin') return [...metricNames(node.lhs), ...metricNames(node.rhs)];
  return [];
}

const LOOKBACK = 300;

function select(store: SampleStore, node: Extract<Node, { type: 'sel' }>, t: number, range: number | undefined) {
  const out: { labels: Labels; points: [number, number][] }[] = [];
  for (const s of store.series.values()) {
    if (s.name !== node.name) continue;
    const ok = node.matchers.every(([label, op, want]) => {
      const have = s.labels[label] ?? '';
      if (op === '=') return have === want;
      if (op === '!=') return have !== want;
      const re = new RegExp(`^(?:${want})$`);
      return op === '=~' ? re.test(have) : !re.test(have);
    });
    if (!ok) continue;
    const from = t - (range ?? LOOKBACK);
    const points = s.points.filter(([pt]) => pt > from && pt <= t);
    if (points.length) out.push({ labels: s.labels, points: range === undefined ? [points[points.length - 1]] : points });
  }
  return out;
}

function increase(points: [number, number][]): number {
  let total = 0;
  for (let k = 1; k < points.length; k++) {
    const d = points[k][1] - points[k - 1][1];
    total += d >= 0 ? d : points[k][1]; // a counter reset starts again from 0
  }
  return total;
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b, '<': (a, b) => a < b, '>=': (a, b) => a >= b, '<=': (a, b) => a <= b, '==': (a, b) => a === b, '!=': (a, b) => a !== b,
};
const ARITH: Record<string, (a: number, b: number) => number> = { '+': (a, b) => a + b, '-': (a, b) => a - b, '*': (a, b) => a * b, '/': (a, b) => a / b };

export function evaluate(node: Node, store: SampleStore, t: number): Value {
  switch (node.type) {
    case 'num':
      return { kind: 'scalar', value: node.value };
    case 'sel':
      if (node.range !== undefined) throw new Error('promql: a range vector needs rate() or increase()');
      return { kind: 'vector', samples: select(store, node, t, undefined).map((s) => ({ labels: s.labels, value: s.points[0][1] })) };
    case 'call': {
      const [arg] = node.args;
      if (node.fn === 'vector') return { kind: 'vector', samples: [{ labels: {}, value: (evaluate(arg, store, t) as { value: number }).value }] };
      if (node.fn === 'absent') {
        const v = evaluate(arg, store, t);
        return { kind: 'vector', samples: v.kind === 'vector' && v.samples.length === 0 ? [{ labels: {}, value: 1 }] : [] };
      }
      if ((node.fn === 'rate' || node.fn === 'increase') && arg.type === 'sel' && arg.range) {
        const samples = select(store, arg, t, arg.range)
          .filter((s) => s.points.length >= 2)
          .map((s) => ({ labels: s.labels, value: node.fn === 'rate' ? increase(s.points) / arg.range! : increase(s.points) }));
        return { kind: 'vector', samples };
      }
      throw new Error(`promql: unsupported call ${node.fn}`);
    }
    case 'agg': {
      const v = evaluate(node.arg, store, t);
      if (v.kind !== 'vector') throw new Error('promql: aggregation over a scalar');
      const groups = new Map<string, { labels: Labels; values: number[] }>();
      for (const s of v.samples) {
        const labels = Object.fromEntries(node.by.filter((l) => l in s.labels).map((l) => [l, s.labels[l]]));
        const g = groups.get(key(labels)) ?? { labels, values: [] };
        g.values.push(s.value);
        groups.set(key(labels), g);
      }
      const reduce = { sum: (x: number[]) => x.reduce((a, b) => a + b, 0), max: (x: number[]) => Math.max(...x), min: (x: number[]) => Math.min(...x), count: (x: number[]) => x.length, avg: (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length }[node.op]!;
      return { kind: 'vector', samples: [...groups.values()].map((g) => ({ labels: g.labels, value: reduce(g.values) })) };
    }
    case 'bin': {
      const lhs = evaluate(node.lhs, store, t);
      const rhs = evaluate(node.rhs, store, t);
      if (node.op === 'or') {
        if (lhs.kind !== 'vector' || rhs.kind !== 'vector') throw new Error('promql: or needs vectors');
        const seen = new Set(lhs.samples.map((s) => key(s.labels)));
        return { kind: 'vector', samples: [...lhs.samples, ...rhs.samples.filter((s) => !seen.has(key(s.labels)))] };
      }
      const cmp = COMPARE[node.op];
      const apply = (a: number, b: number) => (cmp ? (cmp(a, b) ? a : null) : ARITH[node.op](a, b));
      if (lhs.kind === 'scalar' && rhs.kind === 'scalar') return { kind: 'scalar', value: apply(lhs.value, rhs.value) ?? NaN };
      if (rhs.kind === 'scalar' && lhs.kind === 'vector') {
        return { kind: 'vector', samples: lhs.samples.flatMap((s) => { const r = apply(s.value, rhs.value); return r === null ? [] : [{ labels: s.labels, value: r }]; }) };
      }
      if (lhs.kind === 'scalar' && rhs.kind === 'vector') {
        return { kind: 'vector', samples: rhs.samples.flatMap((s) => { const r = apply(lhs.value, s.value); return r === null ? [] : [{ labels: s.labels, value: r }]; }) };
      }
      const right = new Map((rhs as { samples: Sample[] }).samples.map((s) => [key(s.labels), s.value]));
      const samples = (lhs as { samples: Sample[] }).samples.flatMap((s) => {
        const b = right.get(key(s.labels));
        if (b === undefined) return [];
        const r = apply(s.value, b);
        return r === null || Number.isNaN(r) ? [] : [{ labels: s.labels, value: r }];
      });
      return { kind: 'vector', samples };
    }
  }
}

// ---- the YAML subset of a rules file: nested maps and lists, scalars on one line ----
export function parseYamlSubset(text: string): unknown {
  const lines = text
    .split('\n')
    .map((raw) => ({ indent: raw.length - raw.trimStart().length, body: raw.trim() }))
    .filter((l) => l.body && !l.body.startsWith('#'));
  let i = 0;
  const scalar = (s: string): unknown => {
    if (/^".*"$/.test(s)) return JSON.parse(s);
    if (/^'.*'$/.test(s)) return s.slice(1, -1).replace(/''/g, "'");
    if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
    if (s === 'true' || s === 'false') return s === 'true';
    return s;
  };
  function block(indent: number): unknown {
    if (lines[i].body.startsWith('- ')) {
      const list: unknown[] = [];
      while (i < lines.length && lines[i].indent === indent && lines[i].body.startsWith('- ')) {
        // "- key: value" opens a map whose keys sit two columns further in.
        lines[i] = { indent: indent + 2, body: lines[i].body.slice(2) };
        list.push(block(indent + 2));
      }
      return list;
    }
    const map: Record<string, unknown> = {};
    while (i < lines.length && lines[i].indent === indent && !lines[i].body.startsWith('- ')) {
      const m = /^([\w.-]+):(?:\s+(.*))?$/.exec(lines[i].body);
      if (!m) throw new Error(`yaml: cannot read line "${lines[i].body}"`);
      i++;
      if (m[2] !== undefined) map[m[1]] = scalar(m[2]);
      else if (i < lines.length && lines[i].indent > indent) map[m[1]] = block(lines[i].indent);
      else if (i < lines.length && lines[i].indent === indent && lines[i].body.startsWith('- ')) map[m[1]] = block(indent);
      else map[m[1]] = null;
    }
    return map;
  }
  return block(lines[0].indent);
}
