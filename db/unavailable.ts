// Tells "the database did not answer" apart from "the query was wrong". Drivers report a lost
// server in many ways (an errno on the socket, a pool or query timeout, SQLSTATE class 08 or an
// administrator shutdown, a WebSocket's error event); drizzle wraps them in its own error with the
// driver's as `cause`, and Neon's serverless driver adds links of its own: it rejects with the
// socket's ErrorEvent itself (not an Error; the failure is its `error`, on workerd an opaque
// "Network connection lost." or "internal error"), and its HTTP driver's NeonDbError keeps the
// failed fetch as `sourceError`.
const NETWORK_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
const UNAVAILABLE_SQLSTATE = new Set(['57P01', '57P02', '57P03', '53300']);
const SQLSTATE = /^[0-9A-Z]{5}$/;
const LOST_CONNECTION =
  /connection terminated|timeout exceeded when trying to connect|timeout expired|query read timeout|connection timeout|client has encountered a connection error|client was closed and is not queryable|cannot use a pool after calling end|error connecting to database|websocket|socket hang up|connect ECONNREFUSED/i;

type Link = { code?: unknown; severity?: unknown; message?: unknown; type?: unknown; cause?: unknown; error?: unknown; sourceError?: unknown; errors?: unknown };

/** The error and what it wraps (cause, an ErrorEvent's error, NeonDbError's sourceError, AggregateError's errors). */
function links(error: unknown): Link[] {
  const found: Link[] = [];
  const visit = (e: unknown, depth: number) => {
    if (!e || typeof e !== 'object' || depth > 6 || found.includes(e as Link)) return;
    const link = e as Link;
    found.push(link);
    for (const next of [link.cause, link.error, link.sourceError]) visit(next, depth + 1);
    if (Array.isArray(link.errors)) for (const one of link.errors) visit(one, depth + 1);
  };
  visit(error, 0);
  return found;
}

function codeReason(link: Link): string | null {
  const code = link.code;
  if (typeof code !== 'string') return null;
  if (NETWORK_ERRNO.has(code)) return code;
  if (code.startsWith('08') || UNAVAILABLE_SQLSTATE.has(code)) return `SQLSTATE ${code}`;
  return null;
}

/** The server's own error message (a SQLSTATE with a severity: bad query, constraint, permission): it is reachable. */
function answeredByServer(link: Link): boolean {
  return typeof link.code === 'string' && SQLSTATE.test(link.code) && typeof link.severity === 'string' && codeReason(link) === null;
}

function messageReason(link: Link): string | null {
  const message = link.message;
  // Drizzle's own wrapper quotes the query and its parameters: look only at the driver's message.
  if (typeof message !== 'string' || message.startsWith('Failed query:') || !LOST_CONNECTION.test(message)) return null;
  return /timeout/i.test(message) ? 'timeout' : 'connection lost';
}

/** A socket's error event (DOM, workerd or the `ws` package's): an Event, never an Error. */
function isSocketErrorEvent(link: Link): boolean {
  return !(link instanceof Error) && link.type === 'error' && 'target' in link;
}

/** The short reason a connection failure gives (an errno, a SQLSTATE or "timeout"), or null for any other error. */
export function connectionFailure(error: unknown): string | null {
  const chain = links(error);
  if (chain.some(answeredByServer)) return null;
  for (const reasonOf of [codeReason, messageReason]) {
    for (const link of chain) {
      const reason = reasonOf(link);
      if (reason) return reason;
    }
  }
  return chain.some(isSocketErrorEvent) ? 'connection lost' : null;
}
