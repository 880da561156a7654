// Error reports: the port both services send unexpected failures through (5xx and unhandled
// errors, jobs that failed for good, ingest passes that crashed; never a 4xx), with a no-op default
// and a Sentry client speaking the envelope protocol (core/sentry.ts). It lives in core/ because
// both services use it and neither may import the other; it does no I/O of its own: the wiring
// (edge/wire-node.ts, edge/wire-worker.ts, ingest-container/main.ts) passes the runtime's fetch
// in, as the logger is given its sink, so the same code runs on Node and on Workers.
//
// Bounded: each send times out (2 s), nothing is retried, at most 10 are in flight, the same
// failure (classes, messages, newest frame of ours) goes out at most once a minute, a 429 pauses
// sending for its Retry-After; a failure to report is one warning in the log, never the caller's.
import type { Config } from './config';
import type { Logger, LogFields } from './log';
import { parseSentryDsn, sentryEnvelope, sentryEvent, exceptionsOf, type ReportContext, type SentryDsn } from './sentry';

export type { ReportContext } from './sentry';

export interface ErrorReporter {
  readonly kind: 'sentry' | 'none';
  /**
   * Reports one failure in the background. The promise settles when the report is delivered or
   * given up, and never rejects: Workers hand it to waitUntil, Node need not await it.
   */
  report(error: unknown, context?: ReportContext): Promise<void>;
  /** Waits for reports in flight, at most `timeoutMs` (before a process exits). */
  flush(timeoutMs?: number): Promise<void>;
}

const done: Promise<void> = Promise.resolve();

export const noErrorReporter: ErrorReporter = {
  kind: 'none',
  report: () => done,
  flush: () => done,
};

// An error object is reported at most once, whichever path sees it first (the job runner, then
// the app's error handler it is rethrown to); a later report() answers the first one's delivery,
// so a Worker's error handler can still hand that to waitUntil.
const settled = new WeakMap<object, Promise<void>>();

/** Marks an error as dealt with: later report() calls for it send nothing (a job attempt that will be retried). */
export function settleReport(error: unknown): void {
  if (typeof error === 'object' && error !== null && !settled.has(error)) settled.set(error, done);
}

export interface SentryReporterOptions {
  dsn: string;
  /** The runtime's fetch (Node's or the Worker's global). */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** Where the reporter's own failures go (as warnings, without the DSN). */
  log: Logger;
  environment: string;
  release: string;
  service: string;
  sdkVersion: string;
  timeoutMs?: number;
  maxInFlight?: number;
  /** The same failure is sent at most once in this window. */
  repeatWindowMs?: number;
  now?: () => number;
}

export function createSentryReporter(options: SentryReporterOptions): ErrorReporter {
  const target: SentryDsn = parseSentryDsn(options.dsn);
  const timeoutMs = options.timeoutMs ?? 2000;
  const maxInFlight = options.maxInFlight ?? 10;
  const repeatWindowMs = options.repeatWindowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const log = options.log;
  const pending = new Set<Promise<void>>();
  const lastSent = new Map<string, number>();
  let pausedUntil = 0;

  function skip(reason: string): Promise<void> {
    log.debug('error report skipped', { reason });
    return done;
  }

  async function send(error: unknown, context: ReportContext): Promise<void> {
    try {
      const event = sentryEvent(error, context, {
        eventId: crypto.randomUUID().replaceAll('-', ''),
        timestamp: now() / 1000,
        environment: options.environment,
        release: options.release,
        service: options.service,
        sdkVersion: options.sdkVersion,
      });
      const request = sentryEnvelope(target, event, new Date(now()));
      const response = await options.fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 429) {
        pausedUntil = now() + retryAfterMs(response.headers);
        log.warn('error reports paused: Sentry is rate limiting', { status: 429, seconds: Math.round((pausedUntil - now()) / 1000) });
      } else if (!response.ok) {
        log.warn('error report not accepted', { status: response.status });
      }
    } catch (failure) {
      const name = failure instanceof Error ? failure.name : 'Error';
      log.warn('error report not sent', { reason: name === 'TimeoutError' || name === 'AbortError' ? `timeout after ${timeoutMs} ms` : name });
    }
  }

  return {
    kind: 'sentry',
    report(error, context = {}) {
      try {
        const object = typeof error === 'object' && error !== null ? error : null;
        const earlier = object && settled.get(object);
        if (earlier) return earlier;
        if (object) settleReport(object);
        if (now() < pausedUntil) return skip('rate limited');
        if (pending.size >= maxInFlight) return skip('too many reports in flight');
        const key = fingerprint(error);
        const last = lastSent.get(key);
        if (last !== undefined && now() - last < repeatWindowMs) return skip('sent within the last minute');
        if (lastSent.size >= 500) lastSent.clear();
        lastSent.set(key, now());
        const run = send(error, context).finally(() => pending.delete(run));
        pending.add(run);
        if (object) settled.set(object, run);
        return run;
      } catch (failure) {
        // Describing the error failed (an exotic thrown value): nothing to send, nothing to throw.
        log.warn('error report not sent', { reason: `could not describe the error (${failure instanceof Error ? failure.name : typeof failure})` });
        return done;
      }
    },
    async flush(limitMs = timeoutMs) {
      if (!pending.size) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([Promise.allSettled([...pending]), new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)))]);
      clearTimeout(timer);
    },
  };
}

/** Classes and scrubbed messages (causes too) and the newest frame of ours: what makes two failures the same one. */
function fingerprint(error: unknown): string {
  const exceptions = exceptionsOf(error, true);
  const frames = exceptions.at(-1)!.stacktrace?.frames ?? [];
  const site = frames.findLast((f) => f.in_app) ?? frames.at(-1);
  return [...exceptions.map((e) => `${e.type}: ${e.value}`), site ? `${site.filename}:${site.lineno}` : ''].join('|');
}

function retryAfterMs(headers: Headers): number {
  // X-Sentry-Rate-Limits: `<seconds>:<categories>:<scope>, …`; Retry-After: seconds.
  const limits = headers.get('x-sentry-rate-limits');
  const seconds = Number(limits ? limits.split(':')[0] : headers.get('retry-after'));
  return (Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) : 60) * 1000;
}

export interface ReporterDeps {
  fetch: SentryReporterOptions['fetch'];
  log: Logger;
  /** `api` (Node), `edge` (Workers) or `ingest`. */
  service: string;
  /** The app's version (package.json): the client's name in the auth header, and the default release. */
  version: string;
}

/** SENTRY_DSN set: the Sentry client; otherwise the no-op. SENTRY_ENVIRONMENT defaults to APP_ENV. */
export function errorReporterFrom(config: Config, deps: ReporterDeps): ErrorReporter {
  if (!config.SENTRY_DSN) return noErrorReporter;
  return createSentryReporter({
    dsn: config.SENTRY_DSN,
    fetch: deps.fetch,
    log: deps.log,
    environment: config.SENTRY_ENVIRONMENT ?? config.APP_ENV,
    release: config.SENTRY_RELEASE ?? `tg-studio@${deps.version}`,
    service: deps.service,
    sdkVersion: deps.version,
  });
}

const CONTEXT_FIELDS = ['component', 'job'] as const;

/**
 * A logger that also reports what it logs at error level with an `error` field (the ingest
 * service's loop, jobs and internal calls log their failures so). Only the bound `component` and
 * `job` and the line's own message travel with the report; `ignore` leaves out expected failures
 * (a database that went away: the health check and the alerts say so).
 */
export function reportLoggedErrors(log: Logger, reporter: ErrorReporter, options: { ignore?: (error: unknown) => boolean; context?: ReportContext } = {}): Logger {
  if (reporter.kind === 'none') return log;
  const context = options.context ?? {};
  const report = (msg: string, fields?: LogFields) => {
    const error = fields?.error;
    if (error === undefined || options.ignore?.(error)) return;
    void reporter.report(error, { ...context, ...pick(fields), operation: msg });
  };
  return {
    debug: (msg, fields) => log.debug(msg, fields),
    info: (msg, fields) => log.info(msg, fields),
    warn: (msg, fields) => log.warn(msg, fields),
    error: (msg, fields) => {
      log.error(msg, fields);
      report(msg, fields);
    },
    child: (fields) => reportLoggedErrors(log.child(fields), reporter, { ...options, context: { ...context, ...pick(fields) } }),
  };
}

function pick(fields: LogFields | undefined): ReportContext {
  const out: ReportContext = {};
  for (const key of CONTEXT_FIELDS) if (typeof fields?.[key] === 'string') out[key] = fields[key] as string;
  return out;
}
