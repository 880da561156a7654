// The Workers driver: Neon's serverless Pool over WebSockets (transactions supported).
import { Pool, neonConfig } from '@neondatabase/serverless';
import { drizzle } from 'drizzle-orm/neon-serverless';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import type { DatabaseHandle, Db } from './types';

export interface NeonOptions {
  url: string;
  /** For tests and self-hosting: route the WebSocket to a relay instead of Neon's proxy. */
  wsProxy?: string;
  secure?: boolean;
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
}

export function openNeonDatabase(options: NeonOptions): DatabaseHandle {
  if (options.wsProxy) {
    const proxy = options.wsProxy;
    neonConfig.wsProxy = (host, port) => `${proxy}/v2?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = options.secure ?? false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  // Bounded waits, as on Node: a lost Neon endpoint answers 503 in seconds, not at the platform's limit.
  const pool = new Pool({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    query_timeout: options.queryTimeoutMs ?? 15_000,
  });
  pool.on('error', () => undefined);
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    db,
    driver: 'neon',
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}
