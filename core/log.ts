// Structured JSON logs: one object a line, with the request id (or job id) bound in context.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Names that must never reach a log line, whatever a caller passes in.
const SECRET_FIELD = /(session|secret|token|password|cookie|authorization|api_?key|hash)$/i;

// Database errors name what failed by these fields; their `detail`, `where`, `hint` and
// `internalQuery` can quote row values, and the query's parameters are user input: never logged.
const DB_ERROR_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'dataType', 'constraint'] as const;

/** Quoted parts of a message (`"…"`, `'…'`) are where values land: the input that failed to parse, a key. */
export function scrubMessage(message: string): string {
  return message
    .replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]')
    .replace(/"(?:[^"\\\n]|\\.){0,2000}"/g, '"…"')
    .replace(/'(?:[^'\\\n]|\\.){0,2000}'/g, "'…'")
    .slice(0, 1000);
}

type QueryFailure = Error & { query: string; params?: unknown };
const isQueryFailure = (error: Error): error is QueryFailure => typeof (error as { query?: unknown }).query === 'string';

/**
 * An error as a log line may show it: name, scrubbed message, stack frames, the database's own
 * fields, and for a failed query its SQL text (placeholders, no values) and how many parameters it had.
 */
export function serializeError(error: Error, depth = 0): LogFields {
  // drizzle's DrizzleQueryError message is `Failed query: <sql>\nparams: <values>`; the SQL is logged apart.
  const message = error.message.startsWith('Failed query: ') ? 'Failed query' : scrubMessage(error.message);
  const out: LogFields = { name: error.name, message };
  if (isQueryFailure(error)) {
    out.query = error.query.slice(0, 2000);
    out.paramCount = Array.isArray(error.params) ? error.params.length : 0;
  }
  const fields = error as unknown as Record<string, unknown>;
  for (const key of DB_ERROR_FIELDS) {
    const value = fields[key];
    if (typeof value === 'string') out[key] = value.slice(0, 200);
  }
  if (error.stack) {
    const frames = error.stack.indexOf('\n    at ');
    out.stack = `${error.name}: ${message}${frames >= 0 ? error.stack.slice(frames) : ''}`;
  }
  if (error.cause instanceof Error && depth < 3) out.cause = serializeError(error.cause, depth + 1);
  return out;
}

function redact(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (SECRET_FIELD.test(key)) out[key] = '[redacted]';
    else if (value instanceof Error) out[key] = serializeError(value);
    // A message copied out of a failed query still carries its parameters.
    else if (typeof value === 'string' && value.includes('\nparams: ')) out[key] = scrubMessage(value);
    else out[key] = value;
  }
  return out;
}

export function createLogger(
  options: { level?: LogLevel; base?: LogFields; sink?: (line: string) => void } = {},
): Logger {
  const level = options.level ?? 'info';
  const base = options.base ?? {};
  const sink = options.sink ?? ((line: string) => console.log(line));
  const write = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (rank[lvl] < rank[level]) return;
    sink(JSON.stringify({ ts: new Date().toISOString(), level: lvl, msg, ...redact(base), ...(fields ? redact(fields) : {}) }));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ level, base: { ...base, ...fields }, sink }),
  };
}
