// LISTEN on a PostgreSQL channel over a connection of its own (node-postgres; PGlite and Neon's
// HTTP driver have none to keep open). The connection is opened again after any loss, a second,
// then up to 30 s apart; while it is down the listener is told so, as whatever was sent meanwhile
// is lost to it.
import type pg from 'pg';

export interface ListenHandlers {
  /** A notification's payload. */
  notify(payload: string): void;
  /** Listening (again): from now on every notification committed arrives. */
  up(): void;
  /** Not listening: nothing arrives until `up`. */
  down(): void;
}

export interface Listening {
  /** Whether the connection is listening now. */
  readonly live: boolean;
  /** Sends `payload` on the channel through the listening connection (it comes back to `notify`). */
  send(payload: string): Promise<void>;
  /** Drops the connection (e.g. it stopped answering) and opens another. */
  restart(): void;
  close(): Promise<void>;
}

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;

export function listenPostgres(newClient: () => pg.Client, channel: string, handlers: ListenHandlers): Listening {
  let client: pg.Client | null = null;
  let live = false;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;
  let retry: ReturnType<typeof setTimeout> | null = null;

  const lost = (which: pg.Client) => {
    if (which !== client) return;
    client = null;
    which.removeAllListeners('notification');
    which.end().catch(() => undefined);
    if (live) {
      live = false;
      handlers.down();
    }
    if (!closed && !retry) {
      retry = setTimeout(() => {
        retry = null;
        void open();
      }, retryMs);
      retry.unref?.();
      retryMs = Math.min(LAST_RETRY_MS, retryMs * 2);
    }
  };

  const open = async () => {
    const c = newClient();
    client = c;
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    c.on('notification', (n) => {
      if (n.channel === channel) handlers.notify(n.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
    } catch {
      lost(c);
      return;
    }
    if (client !== c || closed) return;
    retryMs = FIRST_RETRY_MS;
    live = true;
    handlers.up();
  };

  void open();
  return {
    get live() {
      return live;
    },
    async send(payload) {
      if (!client || !live) throw new Error('not listening');
      await client.query('select pg_notify($1, $2)', [channel, payload]);
    },
    restart() {
      if (client) lost(client);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = null;
      live = false;
      await c?.end().catch(() => undefined);
    },
  };
}
