// Sentry's ingestion protocol, written as plain functions: the DSN, one event made from an error
// (class, scrubbed message, stack frames, our own tags — nothing else), and the envelope with its
// auth header (https://develop.sentry.dev/sdk/foundations/transport/envelopes/). The client that
// sends it is core/error-report.ts.
import { scrubMessage, serializeError, type LogFields } from './log';

export interface SentryDsn {
  /** The DSN as sent in the envelope header: scheme, public key, host, path, project (no secret key). */
  dsn: string;
  publicKey: string;
  projectId: string;
  /** POST target: `<scheme>://<host>[/<path>]/api/<project id>/envelope/`. */
  envelopeUrl: string;
}

const DSN_SHAPE = 'must be a Sentry DSN, https://<public key>@<host>/<project id>';

/** Why a text is not a usable DSN (never quoting it: the key is in it), or null when it is one. */
export function sentryDsnProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${DSN_SHAPE} (not a URL)`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${DSN_SHAPE} (the scheme is not https or http)`;
  if (!url.username) return `${DSN_SHAPE} (no public key before the @)`;
  if (url.search || url.hash) return `${DSN_SHAPE} (no query or fragment)`;
  const segments = url.pathname.split('/').filter(Boolean);
  if (!segments.length || !/^\d+$/.test(segments[segments.length - 1])) return `${DSN_SHAPE} (the path does not end in a numeric project id)`;
  return null;
}

export function parseSentryDsn(text: string): SentryDsn {
  const problem = sentryDsnProblem(text);
  if (problem) throw new Error(`SENTRY_DSN: ${problem}`);
  const url = new URL(text);
  const segments = url.pathname.split('/').filter(Boolean);
  const projectId = segments.pop()!;
  const prefix = segments.length ? `/${segments.join('/')}` : '';
  const origin = `${url.protocol}//${url.host}`;
  return {
    dsn: `${url.protocol}//${url.username}@${url.host}${prefix}/${projectId}`,
    publicKey: decodeURIComponent(url.username),
    projectId,
    envelopeUrl: `${origin}${prefix}/api/${projectId}/envelope/`,
  };
}

/** What a report may say besides the error: each value is ours (a route pattern, an id we made). */
export interface ReportContext {
  /** The route pattern, `GET /v1/runs/:id` (never the URL: no ids, no query). */
  route?: string;
  requestId?: string;
  /** A queue topic (`pipeline.step`) for job failures. */
  job?: string;
  /** The part of a service that failed (`ingest-loop`, `topics`). */
  component?: string;
  /** The error code of a typed 5xx (`INGEST_UNAVAILABLE`, core/errors.ts). */
  code?: string;
  /** What was being done, in our own words (`ingest account pass failed`). */
  operation?: string;
  /** `fatal` for a crash that ends the process; `error` otherwise. */
  level?: 'error' | 'fatal';
  /** False for an error nothing caught (a crash, an unhandled rejection). */
  handled?: boolean;
}

export interface EventMeta {
  eventId: string;
  /** Seconds since epoch. */
  timestamp: number;
  environment: string;
  release: string;
  /** `api`, `edge` or `ingest`. */
  service: string;
  sdkVersion: string;
}

export interface StackFrame {
  filename: string;
  function?: string;
  lineno?: number;
  colno?: number;
  in_app: boolean;
}

export interface SentryException {
  type: string;
  value: string;
  stacktrace?: { frames: StackFrame[] };
  mechanism: { type: string; handled: boolean };
}

export interface SentryEvent {
  event_id: string;
  timestamp: number;
  platform: 'javascript';
  level: 'error' | 'fatal';
  environment: string;
  release: string;
  transaction?: string;
  tags: Record<string, string>;
  exception: { values: SentryException[] };
  sdk: { name: string; version: string };
}

export const SDK_NAME = 'tg-studio';
const MAX_FRAMES = 50;
const MAX_CAUSES = 3;

// V8 (Node and workerd) frames: `    at fn (file:1:2)`, `    at file:1:2`, `    at async fn (…)`, `    at async file:1:2`.
const V8_FRAME = /^\s*at (?:async )?(?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/;

/** Frames of a V8 stack, oldest call first as Sentry wants them, at most the newest 50. */
export function parseStackFrames(stack: string | undefined): StackFrame[] {
  if (!stack) return [];
  const frames: StackFrame[] = [];
  for (const line of stack.split('\n')) {
    if (!line.startsWith('    at ')) continue;
    const m = V8_FRAME.exec(line);
    if (!m) continue;
    const filename = m[2].replace(/^file:\/\//, '');
    frames.push({
      filename,
      ...(m[1] ? { function: m[1] } : {}),
      lineno: Number(m[3]),
      colno: Number(m[4]),
      in_app: !filename.includes('/node_modules/') && !filename.startsWith('node:'),
    });
    if (frames.length === MAX_FRAMES) break;
  }
  return frames.reverse();
}

/**
 * The exceptions of an error and its causes, the outermost last (Sentry's order), made from the
 * log's own scrubbed form (core/log.ts `serializeError`): the class, the message with quoted
 * parts removed ("Failed query" for a failed query, never its parameters) and the frames.
 */
export function exceptionsOf(error: unknown, handled: boolean): SentryException[] {
  if (!(error instanceof Error)) {
    return [{ type: 'Error', value: `A non-Error value was thrown (${error === null ? 'null' : typeof error})`, mechanism: { type: 'generic', handled } }];
  }
  const out: SentryException[] = [];
  let fields: LogFields | undefined = serializeError(error);
  let current: unknown = error;
  for (let depth = 0; fields && depth <= MAX_CAUSES; depth++) {
    const frames = parseStackFrames(typeof fields.stack === 'string' ? fields.stack : undefined);
    out.push({
      type: className(current, fields.name).slice(0, 200),
      value: String(fields.message ?? '').slice(0, 1000),
      ...(frames.length ? { stacktrace: { frames } } : {}),
      mechanism: depth === 0 ? { type: 'generic', handled } : { type: 'chained', handled: true },
    });
    fields = fields.cause && typeof fields.cause === 'object' ? (fields.cause as LogFields) : undefined;
    current = current instanceof Error ? current.cause : undefined;
  }
  return out.reverse();
}

/** The error's name, or its class when the name is the generic one (drizzle's DrizzleQueryError is named "Error"). */
function className(error: unknown, name: unknown): string {
  const constructorName = error instanceof Error ? error.constructor?.name : undefined;
  if ((!name || name === 'Error') && constructorName && constructorName !== 'Object') return constructorName;
  return String(name || 'Error');
}

const tag = (value: string) => value.slice(0, 200);

export function sentryEvent(error: unknown, context: ReportContext, meta: EventMeta): SentryEvent {
  const tags: Record<string, string> = { service: meta.service };
  if (context.route) tags.route = tag(context.route);
  if (context.requestId) tags.request_id = tag(context.requestId);
  if (context.job) tags.job = tag(context.job);
  if (context.component) tags.component = tag(context.component);
  if (context.code) tags.code = tag(context.code);
  if (context.operation) tags.operation = tag(scrubMessage(context.operation));
  const transaction = context.route ?? (context.job ? `job ${context.job}` : tags.operation);
  return {
    event_id: meta.eventId,
    timestamp: meta.timestamp,
    platform: 'javascript',
    level: context.level ?? 'error',
    environment: meta.environment,
    release: meta.release,
    ...(transaction ? { transaction: tag(transaction) } : {}),
    tags,
    exception: { values: exceptionsOf(error, context.handled ?? true) },
    sdk: { name: SDK_NAME, version: meta.sdkVersion },
  };
}

export interface EnvelopeRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** One event in one envelope: the envelope header line, the item header line, the event JSON. */
export function sentryEnvelope(dsn: SentryDsn, event: SentryEvent, sentAt: Date): EnvelopeRequest {
  const payload = JSON.stringify(event);
  const header = JSON.stringify({ event_id: event.event_id, dsn: dsn.dsn, sent_at: sentAt.toISOString(), sdk: event.sdk });
  const item = JSON.stringify({ type: 'event', length: new TextEncoder().encode(payload).length, content_type: 'application/json' });
  return {
    url: dsn.envelopeUrl,
    headers: {
      'content-type': 'application/x-sentry-envelope',
      'x-sentry-auth': `Sentry sentry_version=7, sentry_key=${dsn.publicKey}, sentry_client=${event.sdk.name}/${event.sdk.version}`,
    },
    body: `${header}\n${item}\n${payload}\n`,
  };
}
