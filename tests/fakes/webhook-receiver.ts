// A local webhook receiver: answers the statuses it is told to (then 200), records every request,
// and verifies each signature with the standardwebhooks library's own verifier.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  /** Whether the signature verified with `secret` (null when no secret was set yet). */
  verified: boolean | null;
  verifyError?: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answers these statuses to the next requests, in order, then 200. */
  respondWith(...statuses: number[]): void;
  /** Forgets what was received and what it was told to answer. */
  reset(): void;
  secret: string | null;
  /** Requests that got a 2xx and verified: what the receiver "processed". */
  processed(): ReceivedWebhook[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const script: number[] = [];
  const received: ReceivedWebhook[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received,
    secret: null,
    respondWith: (...statuses) => script.push(...statuses),
    reset: () => {
      script.length = 0;
      received.length = 0;
    },
    processed: () => received.filter((r) => r.status >= 200 && r.status < 300 && r.verified === true),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified: boolean | null = null;
      let verifyError: string | undefined;
      if (receiver.secret) {
        try {
          new Webhook(receiver.secret).verify(body, {
            'webhook-id': String(req.headers['webhook-id'] ?? ''),
            'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
            'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
          });
          verified = true;
        } catch (error) {
          verified = false;
          verifyError = (error as Error).message;
        }
      }
      const status = script.shift() ?? (verified === false ? 400 : 200);
      received.push({ headers: req.headers, body, status, verified, verifyError });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(String(status));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
