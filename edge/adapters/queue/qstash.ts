// QStash: publish a job as a signed HTTP callback to POST <PUBLIC_URL>/queue/<topic>.
import { Client, Receiver } from '@upstash/qstash';
import { JOB_RETRIES, type Queue } from '../../ports/queue';

export interface QstashOptions {
  token: string;
  /** The API's public origin that QStash calls back. */
  callbackOrigin: string;
  baseUrl?: string;
  retries?: number;
}

export const queueCallbackUrl = (origin: string, topic: string) => `${origin.replace(/\/$/, '')}/queue/${encodeURIComponent(topic)}`;

export function createQstashQueue(options: QstashOptions): Queue {
  const client = new Client({ token: options.token, baseUrl: options.baseUrl });
  return {
    async enqueue(topic, payload, opts = {}) {
      const result = await client.publishJSON({
        url: queueCallbackUrl(options.callbackOrigin, topic),
        body: payload,
        retries: options.retries ?? JOB_RETRIES,
        ...(opts.delaySeconds ? { delay: opts.delaySeconds } : {}),
        ...(opts.deduplicationId ? { deduplicationId: opts.deduplicationId } : {}),
      });
      return { messageId: 'messageId' in result ? result.messageId : String(result) };
    },
  };
}

export function createQstashVerifier(keys: { current: string; next: string }) {
  const receiver = new Receiver({ currentSigningKey: keys.current, nextSigningKey: keys.next });
  return (input: { signature: string; body: string; url: string }) => receiver.verify(input).catch(() => false);
}
