// Tells "the database did not answer" apart from "the query was wrong". Drivers report a lost
// server in many ways (an errno on the socket, a pool or query timeout, SQLSTATE class 08 or an
// administrator shutdown); drizzle wraps them in its own error with the driver's as `cause`.
const NETWORK_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
const UNAVAILABLE_SQLSTATE = new Set(['57P01', '57P02', '57P03', '53300']);
const LOST_CONNECTION = /connection terminated|timeout exceeded when trying to connect|query read timeout|connection timeout|client has encountered a connection error|cannot use a pool after calling end|websocket|socket hang up|connect ECONNREFUSED/i;

/** The short reason a connection failure gives (an errno, a SQLSTATE or "timeout"), or null for any other error. */
export function connectionFailure(error: unknown): string | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (NETWORK_ERRNO.has(code)) return code;
      if (code.startsWith('08') || UNAVAILABLE_SQLSTATE.has(code)) return `SQLSTATE ${code}`;
    }
    // AggregateError (a host with several addresses refused on each).
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) for (const one of inner) if (connectionFailure(one)) return connectionFailure(one);
    const message = (e as { message?: unknown }).message;
    // Drizzle's own wrapper quotes the query and its parameters: look only at the driver's message.
    if (typeof message === 'string' && !message.startsWith('Failed query:') && LOST_CONNECTION.test(message)) {
      return /timeout/i.test(message) ? 'timeout' : 'connection lost';
    }
  }
  return null;
}
