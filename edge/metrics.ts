// The API's HTTP metrics over the shared registry (core/metrics).
import { Metrics } from '../core/metrics';

export { Metrics };

export function httpMetrics(metrics: Metrics) {
  return {
    requests: metrics.counter('http_requests_total', 'HTTP requests by method, route and status'),
    duration: metrics.histogram('http_request_duration_seconds', 'HTTP request duration by method and route'),
  };
}
