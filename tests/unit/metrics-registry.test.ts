// The Prometheus registry in core/metrics: gauges computed at scrape time, and one registry's
// text appended to another's (the one-process mode serves API + ingest on one /metrics).
import { describe, expect, it } from 'vitest';
import { Metrics } from '../../core/metrics/registry';

describe('metrics registry', () => {
  it('renders counters, gauges (collected at render) and histograms with escaped labels', () => {
    const metrics = new Metrics();
    metrics.counter('jobs_total', 'Jobs').inc({ reason: 'a "quoted"\nline' }, 2);
    let size = 3;
    metrics.gauge('queue_size', 'Queue size', (g) => g.set({}, size));
    metrics.histogram('took_seconds', 'Took', [1, 5]).observe({}, 2);
    expect(metrics.render()).toContain('jobs_total{reason="a \\"quoted\\"\\nline"} 2');
    expect(metrics.render()).toContain('# TYPE queue_size gauge\nqueue_size 3');
    size = 7;
    const text = metrics.render();
    expect(text).toContain('queue_size 7');
    expect(text).toContain('took_seconds_bucket{le="1"} 0\ntook_seconds_bucket{le="5"} 1\ntook_seconds_bucket{le="+Inf"} 1');
  });

  it('appends included registries after its own metrics, rendered fresh each time', () => {
    const api = new Metrics();
    api.counter('http_requests_total', 'Requests').inc({ route: '/' });
    const ingest = new Metrics();
    const posts = ingest.counter('ingest_posts_ingested_total', 'Posts');
    api.include(() => ingest.render());
    posts.inc({}, 5);
    const text = api.render();
    expect(text.indexOf('http_requests_total{route="/"} 1')).toBeLessThan(text.indexOf('ingest_posts_ingested_total 5'));
  });
});
