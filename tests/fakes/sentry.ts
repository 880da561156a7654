// A local Sentry ingestion endpoint: records every request, parses each envelope (header line,
// item header, payload of `length` bytes), and answers what it is told to (a status, a delay).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedEnvelope {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, to grep for what must never be sent. */
  raw: string;
  header: Record<string, unknown>;
  items: { header: Record<string, unknown>; payload: Record<string, unknown> }[];
}

export interface FakeSentry {
  /** A DSN pointing here: http://<key>@127.0.0.1:<port>/<project>. */
  dsn(publicKey?: string, projectId?: string): string;
  received: ReceivedEnvelope[];
  /** Answers the next requests with these, in order (then 200). */
  respondWith(...answers: { status?: number; delayMs?: number; headers?: Record<string, string> }[]): void;
  /** Resolves once `count` envelopes arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedEnvelope[]>;
  reset(): void;
  close(): Promise<void>;
}

export function parseEnvelope(raw: string): Pick<ReceivedEnvelope, 'header' | 'items'> {
  const bytes = Buffer.from(raw, 'utf8');
  let at = 0;
  const line = () => {
    const end = bytes.indexOf(0x0a, at);
    const text = bytes.subarray(at, end < 0 ? bytes.length : end).toString('utf8');
    at = end < 0 ? bytes.length : end + 1;
    return text;
  };
  const header = JSON.parse(line()) as Record<string, unknown>;
  const items: ReceivedEnvelope['items'] = [];
  while (at < bytes.length) {
    const text = line();
    if (!text) continue;
    const itemHeader = JSON.parse(text) as Record<string, unknown>;
    let payload: string;
    if (typeof itemHeader.length === 'number') {
      payload = bytes.subarray(at, at + itemHeader.length).toString('utf8');
      at += itemHeader.length;
      if (bytes[at] === 0x0a) at++;
    } else payload = line();
    items.push({ header: itemHeader, payload: JSON.parse(payload) as Record<string, unknown> });
  }
  return { header, items };
}

export async function startFakeSentry(): Promise<FakeSentry> {
  const received: ReceivedEnvelope[] = [];
  const script: { status?: number; delayMs?: number; headers?: Record<string, string> }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const answer = script.shift() ?? {};
      const respond = () => {
        received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, ...parseEnvelope(raw) });
        for (const w of [...waiters]) if (received.length >= w.count) w.resolve();
        if (res.destroyed) return;
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify({ id: 'ok' }));
      };
      if (answer.delayMs) setTimeout(respond, answer.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    dsn: (publicKey = 'publickey0123456789', projectId = '42') => `http://${publicKey}@127.0.0.1:${port}/${projectId}`,
    received,
    respondWith: (...answers) => script.push(...answers),
    waitFor: (count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        if (received.length >= count) return resolve(received);
        const timer = setTimeout(() => reject(new Error(`expected ${count} envelopes, got ${received.length}`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      }),
    reset: () => {
      received.length = 0;
      script.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
