// connectionFailure: the shapes a lost database takes on its way to the error handler — the ones
// Neon's serverless driver gives on workerd (captured from the Worker bundle under Miniflare with
// the WebSocket relay cut) and on Node — against the errors of a database that answered.
import { DatabaseError, NeonDbError } from '@neondatabase/serverless';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { connectionFailure } from '../../db/unavailable';

const KV_GET = 'select "value" from "kv" where ("kv"."key" = $1 and ("kv"."expires_at" is null or "kv"."expires_at" > now())) limit $2';
const failedQuery = (cause: unknown, query = KV_GET, params: unknown[] = ['session:revoked:abc', 1]) => new DrizzleQueryError(query, params, cause as Error);

/** What workerd's WebSocket dispatches on failure: an ErrorEvent (not an Error) carrying the Error. */
function workerdErrorEvent(error: Error): Event {
  return Object.assign(new Event('error'), { message: `Uncaught ${error.name}: ${error.message}`, error });
}

function serverError(code: string, message: string): DatabaseError {
  return Object.assign(new DatabaseError(message, 100, 'error'), { severity: 'ERROR', code });
}

function neonHttpError(message: string, sourceError?: Error): NeonDbError {
  return Object.assign(new NeonDbError(message), { sourceError });
}

describe('connectionFailure: the database did not answer', () => {
  it('workerd, the relay refuses: the query fails with the socket\'s ErrorEvent, "Network connection lost."', () => {
    const lost = Object.assign(new Error('Network connection lost.'), { remote: true, retryable: true });
    expect(connectionFailure(failedQuery(workerdErrorEvent(lost)))).toBe('connection lost');
  });

  it('workerd, the relay host does not resolve: an ErrorEvent with an opaque internal error', () => {
    const opaque = Object.assign(new Error('internal error; reference = r0bvomsjnn1e3rc7193e8bro'), { remote: true });
    expect(connectionFailure(failedQuery(workerdErrorEvent(opaque), 'select 1', []))).toBe('connection lost');
  });

  it('workerd, the relay refuses the upgrade (HTTP 502)', () => {
    const refused = new TypeError('Failed to establish the WebSocket connection: expected server to reply with HTTP status code 101 (switching protocols), but received 502 instead.');
    expect(connectionFailure(failedQuery(workerdErrorEvent(refused)))).toBe('connection lost');
  });

  it('a bare error Event with no detail at all (a browser-style WebSocket)', () => {
    expect(connectionFailure(failedQuery(new Event('error')))).toBe('connection lost');
  });

  it('Node, the `ws` package\'s ErrorEvent (a plain object, no Error prototype) over a refused socket', () => {
    const socket = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
    const event = { type: 'error', target: null, message: socket.message, error: socket };
    expect(connectionFailure(failedQuery(event))).toBe('ECONNREFUSED');
  });

  it('the relay closes the WebSocket before the connection is made', () => {
    expect(connectionFailure(failedQuery(new Error('Connection terminated unexpectedly')))).toBe('connection lost');
    expect(connectionFailure(failedQuery(new Error('Client has encountered a connection error and is not queryable')))).toBe('connection lost');
    expect(connectionFailure(new Error('Client was closed and is not queryable'))).toBe('connection lost');
  });

  it('no WebSocket could be opened at all (the driver\'s fetch-upgrade fallback failed too)', () => {
    const message = 'All attempts to open a WebSocket to connect to the database failed. Please refer to https://github.com/neondatabase/serverless/blob/main/CONFIG.md#websocketconstructor-typeof-websocket--undefined. Details: fetch failed';
    expect(connectionFailure(failedQuery(new Error(message)))).toBe('connection lost');
  });

  it('timeouts: pool checkout, the connect timer, a query that never returns', () => {
    const connectTimeout = new Error('Connection terminated due to connection timeout', { cause: new Error('Connection terminated unexpectedly') });
    expect(connectionFailure(failedQuery(connectTimeout))).toBe('timeout');
    expect(connectionFailure(failedQuery(new Error('timeout exceeded when trying to connect')))).toBe('timeout');
    expect(connectionFailure(failedQuery(new Error('timeout expired')))).toBe('timeout');
    expect(connectionFailure(failedQuery(new Error('Query read timeout')))).toBe('timeout');
  });

  it('the HTTP driver: "Error connecting to database: ...fetch failed", with the errno when there is one', () => {
    const fetchFailed = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }) });
    expect(connectionFailure(neonHttpError('Error connecting to database: TypeError: fetch failed', fetchFailed))).toBe('ECONNREFUSED');
    const onWorkerd = new Error('Network connection lost.');
    expect(connectionFailure(neonHttpError('Error connecting to database: Error: Network connection lost.', onWorkerd))).toBe('connection lost');
    const aborted = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(connectionFailure(neonHttpError('Error connecting to database: TimeoutError: The operation was aborted due to timeout', aborted))).toBe('timeout');
  });

  it('errnos, SQLSTATE class 08 and shutdowns, and every address of a host refusing', () => {
    expect(connectionFailure(failedQuery(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })))).toBe('ECONNRESET');
    expect(connectionFailure(failedQuery(serverError('08006', 'connection failure')))).toBe('SQLSTATE 08006');
    expect(connectionFailure(failedQuery(serverError('57P01', 'terminating connection due to administrator command')))).toBe('SQLSTATE 57P01');
    const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    expect(connectionFailure(new AggregateError([refused('::1:5432'), refused('127.0.0.1:5432')]))).toBe('ECONNREFUSED');
  });
});

describe('connectionFailure: the database answered (or it is not the database)', () => {
  it('SQL errors the server sent: a constraint violation, a missing table, a syntax error', () => {
    expect(connectionFailure(failedQuery(serverError('23505', 'duplicate key value violates unique constraint "kv_pkey"')))).toBeNull();
    expect(connectionFailure(failedQuery(serverError('42P01', 'relation "no_such_table" does not exist'), 'select * from no_such_table', []))).toBeNull();
    expect(connectionFailure(failedQuery(serverError('42601', 'syntax error at or near "selec"'), 'selec 1', []))).toBeNull();
    expect(connectionFailure(serverError('57014', 'canceling statement due to statement timeout'))).toBeNull();
  });

  it('a server error whose text happens to name a websocket or a timeout', () => {
    expect(connectionFailure(failedQuery(serverError('42P01', 'relation "websocket_sessions" does not exist')))).toBeNull();
    expect(connectionFailure(failedQuery(serverError('23514', 'new row for relation "jobs" violates check constraint "connection_timeout_positive"')))).toBeNull();
  });

  it('the HTTP driver relaying a SQL error', () => {
    expect(connectionFailure(Object.assign(new NeonDbError('relation "nope" does not exist'), { code: '42P01', severity: 'ERROR' }))).toBeNull();
  });

  it('never reads the query or its parameters', () => {
    const sqlText = 'select * from "kv" where "key" = $1 -- connection terminated, timeout expired, websocket';
    expect(connectionFailure(failedQuery(new Error('invalid input syntax for type uuid'), sqlText, ['Connection terminated unexpectedly']))).toBeNull();
    expect(connectionFailure(new DrizzleQueryError(KV_GET, ['fetch failed websocket timeout']))).toBeNull();
  });

  it('errors that are not a lost connection, and things that are not errors', () => {
    expect(connectionFailure(new Error('boom'))).toBeNull();
    expect(connectionFailure(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    // An Error that happens to carry type: 'error' (API error bodies do) is not a socket event.
    expect(connectionFailure(Object.assign(new Error('overloaded'), { type: 'error', target: null }))).toBeNull();
    // A timeout elsewhere (an upstream API's fetch) is not the database's.
    expect(connectionFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBeNull();
    expect(connectionFailure(new Event('close'))).toBeNull();
    for (const value of [undefined, null, 'Connection terminated', 42, { message: 'fine' }]) expect(connectionFailure(value)).toBeNull();
  });

  it('a cause chain that loops ends', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(connectionFailure(a)).toBeNull();
  });
});
