// A local Upstash Redis REST server, so the real @upstash/redis client runs in tests: POST / (one
// command), /pipeline and /multi-exec (a list of commands), Bearer auth, and base64 results when
// the client asks with `Upstash-Encoding: base64`. Commands go to a real Redis when REDIS_URL is
// set, else to a small in-memory Redis covering the commands the kv port uses.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';

type Reply = string | number | null | Reply[];
type Command = (string | number)[];

interface Backend {
  run(commands: Command[], atomic: boolean): Promise<{ result?: Reply; error?: string }[]>;
  close(): Promise<void>;
}

function redisBackend(url: string): Backend {
  const redis = new Redis(url, { maxRetriesPerRequest: 3 });
  return {
    async run(commands, atomic) {
      const batch = atomic ? redis.multi() : redis.pipeline();
      for (const [name, ...args] of commands) batch.call(String(name), ...args.map(String));
      const results = (await batch.exec()) ?? [];
      return results.map(([error, result]) => (error ? { error: error.message } : { result: result as Reply }));
    },
    close: async () => {
      await redis.quit();
    },
  };
}

/** Enough of Redis for the kv port: GET SET(EX/PX/NX/XX) DEL INCR INCRBY EXPIRE TTL EXISTS. */
function memoryBackend(): Backend {
  const store = new Map<string, { value: string; expiresAt: number | null }>();
  const live = (key: string) => {
    const entry = store.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry;
  };
  const exec = ([rawName, ...rawArgs]: Command): Reply => {
    const name = String(rawName).toUpperCase();
    const args = rawArgs.map(String);
    switch (name) {
      case 'GET':
        return live(args[0])?.value ?? null;
      case 'SET': {
        const [key, value, ...opts] = args;
        let expiresAt: number | null = null;
        let nx = false;
        let xx = false;
        for (let i = 0; i < opts.length; i++) {
          const opt = opts[i].toUpperCase();
          if (opt === 'EX') expiresAt = Date.now() + Number(opts[++i]) * 1000;
          else if (opt === 'PX') expiresAt = Date.now() + Number(opts[++i]);
          else if (opt === 'NX') nx = true;
          else if (opt === 'XX') xx = true;
          else throw new Error(`ERR syntax error (SET option ${opt})`);
        }
        const exists = live(key) !== undefined;
        if ((nx && exists) || (xx && !exists)) return null;
        store.set(key, { value, expiresAt });
        return 'OK';
      }
      case 'DEL':
        return args.filter((key) => live(key) !== undefined && store.delete(key)).length;
      case 'EXISTS':
        return args.filter((key) => live(key) !== undefined).length;
      case 'INCR':
      case 'INCRBY': {
        const [key, by = '1'] = args;
        const entry = live(key);
        const current = entry ? Number(entry.value) : 0;
        if (!Number.isInteger(current)) throw new Error('ERR value is not an integer or out of range');
        const next = current + Number(by);
        store.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? null });
        return next;
      }
      case 'EXPIRE': {
        const entry = live(args[0]);
        if (!entry) return 0;
        entry.expiresAt = Date.now() + Number(args[1]) * 1000;
        return 1;
      }
      case 'TTL': {
        const entry = live(args[0]);
        if (!entry) return -2;
        return entry.expiresAt === null ? -1 : Math.ceil((entry.expiresAt - Date.now()) / 1000);
      }
      default:
        throw new Error(`ERR unknown command '${name}' (the in-memory fake covers the kv port's commands only)`);
    }
  };
  return {
    // Single-threaded and synchronous: every batch is atomic.
    async run(commands) {
      return commands.map((command) => {
        try {
          return { result: exec(command) };
        } catch (error) {
          return { error: (error as Error).message };
        }
      });
    },
    close: async () => {},
  };
}

const toBase64 = (reply: Reply): Reply =>
  typeof reply === 'string' ? (reply === 'OK' ? reply : Buffer.from(reply, 'utf8').toString('base64')) : Array.isArray(reply) ? reply.map(toBase64) : reply;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startFakeUpstash(options: { token?: string; redisUrl?: string } = {}) {
  const token = options.token ?? 'fake-upstash-token';
  const backend = options.redisUrl ? redisBackend(options.redisUrl) : memoryBackend();
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: 'Unauthorized' });
    if (req.method !== 'POST') return send(405, { error: 'Method not allowed' });
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const encode = (reply: { result?: Reply; error?: string }) => (reply.error ? { error: reply.error } : { result: base64 ? toBase64(reply.result ?? null) : reply.result });
    try {
      const body = await readJson(req);
      if (req.url === '/' || req.url === '') {
        const [reply] = await backend.run([body as Command], false);
        return send(reply.error ? 400 : 200, encode(reply));
      }
      if (req.url === '/pipeline' || req.url === '/multi-exec') {
        const replies = await backend.run(body as Command[], req.url === '/multi-exec');
        return send(200, replies.map(encode));
      }
      send(404, { error: 'Not found' });
    } catch (error) {
      send(400, { error: `ERR ${(error as Error).message}` });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    backend: options.redisUrl ? 'redis' : 'memory',
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    },
  };
}
