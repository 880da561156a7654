// A small Prometheus registry: counters, gauges and histograms with labels, rendered as text
// format 0.0.4. Pure (no I/O): the API and the ingest service each keep one and serve it.
export type Labels = Record<string, string>;

const NEEDS_ESCAPE = /[\\"\n]/;
const escapeValue = (value: string) => (NEEDS_ESCAPE.test(value) ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : value);

// Called for every observation (twice per request): values that need no escaping (nearly all) are
// not scanned three times.
const labelKey = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}="${escapeValue(String(labels[k]))}"`)
    .join(',');

const sample = (name: string, key: string, value: number) => `${name}${key ? `{${key}}` : ''} ${value}`;

export class Counter {
  readonly values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels = {}, by = 1) {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }
  /** The current value of one series (0 when never incremented). */
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [key, value] of this.values) lines.push(sample(this.name, key, value));
    return lines.join('\n');
  }
}

export class Gauge {
  readonly values = new Map<string, number>();
  /** `collect` runs before each render, for values computed at scrape time (ages, sizes). */
  constructor(readonly name: string, readonly help: string, private readonly collect?: (gauge: Gauge) => void) {}
  set(labels: Labels, value: number) {
    this.values.set(labelKey(labels), value);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }
  render(): string {
    this.collect?.(this);
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const [key, value] of this.values) lines.push(sample(this.name, key, value));
    return lines.join('\n');
  }
}

export class Histogram {
  readonly series = new Map<string, { buckets: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string, readonly bounds: number[]) {}
  observe(labels: Labels, value: number) {
    const key = labelKey(labels);
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { buckets: this.bounds.map(() => 0), sum: 0, count: 0 }));
    this.bounds.forEach((b, i) => {
      if (value <= b) s.buckets[i]++;
    });
    s.sum += value;
    s.count++;
  }
  /** Observations of one series so far. */
  count(labels: Labels = {}): number {
    return this.series.get(labelKey(labels))?.count ?? 0;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [key, s] of this.series) {
      const prefix = key ? `${key},` : '';
      this.bounds.forEach((b, i) => lines.push(`${this.name}_bucket{${prefix}le="${b}"} ${s.buckets[i]}`));
      lines.push(`${this.name}_bucket{${prefix}le="+Inf"} ${s.count}`);
      lines.push(sample(`${this.name}_sum`, key, s.sum));
      lines.push(sample(`${this.name}_count`, key, s.count));
    }
    return lines.join('\n');
  }
}

export class Metrics {
  private readonly all: (Counter | Gauge | Histogram)[] = [];
  private readonly included: (() => string)[] = [];
  counter(name: string, help: string): Counter {
    return this.add(new Counter(name, help));
  }
  gauge(name: string, help: string, collect?: (gauge: Gauge) => void): Gauge {
    return this.add(new Gauge(name, help, collect));
  }
  histogram(name: string, help: string, bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]): Histogram {
    return this.add(new Histogram(name, help, bounds));
  }
  /** Appends another registry's text to this one's (the one-process mode serves API + ingest together). */
  include(render: () => string): void {
    this.included.push(render);
  }
  render(): string {
    const own = this.all.map((m) => m.render()).join('\n\n') + '\n';
    return [own, ...this.included.map((render) => render())].join('\n');
  }
  private add<T extends Counter | Gauge | Histogram>(metric: T): T {
    this.all.push(metric);
    return metric;
  }
}
