// deploy/alerts.yml: every expression reads only metrics the code exports, and over recorded
// samples (the real registries driven minute by minute) each rule stays quiet in normal running
// and fires for its own incident.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Metrics } from '../../core/metrics/registry';
import { aiMetrics, feedNotificationMetrics, httpMetrics, pipelineMetrics, queueMetrics } from '../../edge/metrics';
import { createIngestMetrics } from '../../ingest-container/metrics';
import { evaluate, metricNames, parsePromQL, parseYamlSubset, SampleStore } from '../helpers/promql';

interface Rule { alert: string; expr: string; for?: string; labels?: Record<string, string> }
const file = parseYamlSubset(readFileSync('deploy/alerts.yml', 'utf8')) as { groups: { name: string; rules: Rule[] }[] };
const rules = file.groups.flatMap((g) => g.rules);
const seconds = (d?: string) => (d ? Number(d.slice(0, -1)) * { s: 1, m: 60, h: 3600 }[d.slice(-1) as 's']! : 0);

/** Every metric family the code registers, as /metrics renders it (histograms with their _bucket, _sum, _count). */
function exportedNames(): Set<string> {
  const api = new Metrics();
  httpMetrics(api);
  aiMetrics(api);
  pipelineMetrics(api);
  queueMetrics(api);
  feedNotificationMetrics(api);
  const ingest = createIngestMetrics(new Metrics(), 'sandbox');
  const text = api.render() + ingest.registry.render() + readFileSync('ingest-container/http.ts', 'utf8');
  const names = new Set<string>();
  for (const m of text.matchAll(/# TYPE (\w+) (\w+)/g)) {
    names.add(m[1]);
    if (m[2] === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(m[1] + suffix);
  }
  return names;
}

/** A world of one API and one ingest container, scraped every minute. */
function world() {
  const api = new Metrics();
  const http = httpMetrics(api);
  const ai = aiMetrics(api);
  const queue = queueMetrics(api);
  const pipeline = pipelineMetrics(api);
  const notifications = feedNotificationMetrics(api).live;
  notifications.set({}, 1);
  const ingest = createIngestMetrics(new Metrics(), 'sandbox');
  const store = new SampleStore();
  let t = 0;
  let ingestUp = true;
  let postsPerMinute = 3_500;
  const normalMinute = () => {
    http.requests.inc({ method: 'GET', route: '/v1/feed', status: '200' }, 600);
    http.requests.inc({ method: 'GET', route: '/v1/feed', status: '503' }, 1);
    ai.calls.inc({ purpose: 'editor', engine: 'openai', outcome: 'ok' }, 10);
    ai.calls.inc({ purpose: 'editor', engine: 'openai', outcome: 'invalid_output' }, 1);
    ai.cost.inc({ purpose: 'editor', engine: 'openai' }, 0.05);
    queue.jobs.inc({ topic: 'pipeline.step', outcome: 'ok' }, 20);
    pipeline.runs.inc({ outcome: 'succeeded' }, 5);
    ingest.postsIngested.inc({ gateway: 'sandbox' }, postsPerMinute);
    ingest.channelFailures.inc({ reason: 'TRANSIENT' }, 1);
    ingest.floodWaits.inc({}, 1);
    ingest.floodWaitSeconds.inc({}, 30);
    ingest.accountFailures.inc({ reason: 'FLOOD_WAIT' }, 1);
  };
  return {
    http, ai, queue, pipeline, ingest, store, notifications,
    stopIngest: () => (ingestUp = false),
    stopPosts: () => (postsPerMinute = 0),
    /** Runs `minutes` minutes of normal traffic plus `extra` each minute, scraping after each. */
    run(minutes: number, extra: (minute: number) => void = () => {}) {
      for (let m = 0; m < minutes; m++) {
        normalMinute();
        extra(m);
        t += 60;
        store.scrape(t, api.render());
        if (ingestUp) store.scrape(t, ingest.registry.render() + '\ningest_up 1');
      }
    },
    /** The alerts firing now: the expression held at every minute of its `for`. */
    firing(): string[] {
      return rules
        .filter((rule) => {
          const node = parsePromQL(rule.expr);
          for (let back = 0; back <= seconds(rule.for); back += 60) {
            const v = evaluate(node, store, t - back);
            if (v.kind !== 'vector' || v.samples.length === 0) return false;
          }
          return true;
        })
        .map((r) => r.alert);
    },
  };
}

describe('deploy/alerts.yml', () => {
  it('covers the incidents the spec names, each rule with a severity', () => {
    const names = rules.map((r) => r.alert);
    for (const needed of ['ApiHigh5xxRate', 'IngestChannelFailures', 'IngestAccountFailures', 'FloodWaitStorm', 'IngestNoPosts', 'QueueJobFailures', 'AiCallFailures', 'AiSpendPerHourHigh']) {
      expect(names).toContain(needed);
    }
    for (const rule of rules) expect(['page', 'ticket'], rule.alert).toContain(rule.labels?.severity);
  });

  it('names only metrics the code exports', () => {
    const exported = exportedNames();
    for (const rule of rules) {
      const used = metricNames(parsePromQL(rule.expr));
      expect(used.length, rule.alert).toBeGreaterThan(0);
      for (const name of used) expect(exported, `${rule.alert} reads ${name}`).toContain(name);
    }
  });

  it('stays quiet over two hours of normal running', () => {
    const w = world();
    w.run(120);
    expect(w.firing()).toEqual([]);
  });

  const incidents: { name: string; expect: string[]; drive: (w: ReturnType<typeof world>) => void }[] = [
    {
      name: 'the database goes away (503s on most requests)',
      expect: ['ApiHigh5xxRate'],
      drive: (w) => w.run(8, () => w.http.requests.inc({ method: 'GET', route: '/v1/feed', status: '503' }, 300)),
    },
    {
      name: 'a short 5xx blip shorter than the for: period',
      expect: [],
      drive: (w) => w.run(2, () => w.http.requests.inc({ method: 'GET', route: '/v1/feed', status: '500' }, 300)),
    },
    {
      name: 'ingest reads nothing (posts stop, passes age)',
      expect: ['IngestNoPosts'],
      drive: (w) => {
        w.stopPosts();
        w.run(45);
      },
    },
    {
      name: 'the ingest container dies',
      expect: ['IngestDown', 'IngestNoPosts'],
      drive: (w) => {
        w.stopIngest();
        w.run(45);
      },
    },
    {
      name: 'a FLOOD_WAIT storm',
      expect: ['FloodWaitStorm'],
      drive: (w) => w.run(8, () => {
        w.ingest.floodWaits.inc({}, 40);
        w.ingest.floodWaitSeconds.inc({}, 40 * 300);
      }),
    },
    {
      name: 'sessions revoked',
      expect: ['IngestAccountFailures'],
      drive: (w) => w.run(2, (m) => m === 0 && w.ingest.accountFailures.inc({ reason: 'AUTH_REVOKED' })),
    },
    {
      name: 'channels failing in bulk',
      expect: ['IngestChannelFailures'],
      drive: (w) => w.run(15, () => w.ingest.channelFailures.inc({ reason: 'CHANNEL_PRIVATE' }, 20)),
    },
    {
      name: 'the feed change notifications are lost for good',
      expect: ['FeedNotificationsLost'],
      drive: (w) => {
        w.notifications.set({}, 0);
        w.run(12);
      },
    },
    {
      name: 'the feed change notifications drop for a reconnect',
      expect: [],
      drive: (w) => {
        w.notifications.set({}, 0);
        w.run(2);
        w.notifications.set({}, 1);
        w.run(10);
      },
    },
    {
      name: 'queue jobs failing for good',
      expect: ['QueueJobFailures'],
      drive: (w) => w.run(5, () => w.queue.jobs.inc({ topic: 'pipeline.step', outcome: 'failed' }, 2)),
    },
    {
      name: 'the AI provider is down',
      expect: ['AiCallFailures'],
      drive: (w) => w.run(15, () => w.ai.calls.inc({ purpose: 'editor', engine: 'openai', outcome: 'unavailable' }, 30)),
    },
    {
      name: 'AI spend runs away',
      expect: ['AiSpendPerHourHigh'],
      drive: (w) => w.run(30, () => w.ai.cost.inc({ purpose: 'image', engine: 'openai' }, 1.5)),
    },
  ];

  for (const incident of incidents) {
    it(`fires ${incident.expect.join(', ') || 'nothing'} when ${incident.name}`, () => {
      const w = world();
      w.run(60);
      expect(w.firing()).toEqual([]);
      incident.drive(w);
      expect(w.firing().sort()).toEqual([...incident.expect].sort());
    });
  }

  it('evaluates the PromQL subset as Prometheus does on simple cases', () => {
    const store = new SampleStore();
    store.scrape(60, 'x_total{a="1"} 10\nx_total{a="2"} 5');
    store.scrape(120, 'x_total{a="1"} 70\nx_total{a="2"} 2');
    expect(evaluate(parsePromQL('increase(x_total{a="1"}[5m])'), store, 120)).toEqual({ kind: 'vector', samples: [{ labels: { a: '1' }, value: 60 }] });
    // A reset (5 → 2) counts the 2 after it.
    expect(evaluate(parsePromQL('sum(increase(x_total[5m]))'), store, 120)).toEqual({ kind: 'vector', samples: [{ labels: {}, value: 62 }] });
    expect(evaluate(parsePromQL('sum by (a) (x_total) > 10'), store, 120)).toEqual({ kind: 'vector', samples: [{ labels: { a: '1' }, value: 70 }] });
    expect(evaluate(parsePromQL('absent(nothing_total)'), store, 120)).toEqual({ kind: 'vector', samples: [{ labels: {}, value: 1 }] });
    expect(evaluate(parsePromQL('(sum(nothing_total) or vector(0)) == 0'), store, 120)).toEqual({ kind: 'vector', samples: [{ labels: {}, value: 0 }] });
  });
});
