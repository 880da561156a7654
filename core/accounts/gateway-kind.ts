// Which Telegram gateway the deployment runs: the real one needs API credentials, otherwise the
// sandbox replays a bundled data set. The API and ingest read the same configuration.
export type GatewayKind = 'telegram' | 'sandbox';

export function telegramGatewayKind(config: { TELEGRAM_API_ID: number; TELEGRAM_API_HASH?: string }): GatewayKind {
  return config.TELEGRAM_API_ID > 0 && config.TELEGRAM_API_HASH ? 'telegram' : 'sandbox';
}
