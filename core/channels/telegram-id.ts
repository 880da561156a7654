// Telegram names one channel two ways: MTProto's bare id (1234567890, what t.me/c/ links use) and
// the Bot API's -100… form (-1001234567890 = -(10^12 + bare)). Data sets and forwards arrive in
// either; this is the one place that converts. `db/queries/topics.ts` matches forwards with the SQL
// written by `channelIdMatchSql` below, so the two forms stay one rule.

/** 10^12: the Bot API's offset for channel ids. */
export const BOT_API_CHANNEL_OFFSET = 1_000_000_000_000;

/** The bare MTProto id of a channel id given in either form: -1001000724666 → 1000724666; 1000724666 stays. */
export function bareChannelId(id: number): number {
  return id < -BOT_API_CHANNEL_OFFSET ? -id - BOT_API_CHANNEL_OFFSET : Math.abs(id);
}

/** The Bot API form of a channel id given in either form: 1000724666 → -1001000724666. */
export function botApiChannelId(id: number): number {
  return -BOT_API_CHANNEL_OFFSET - bareChannelId(id);
}

/**
 * The two spellings `bareChannelId` / `botApiChannelId` give, as SQL over a bigint column
 * expression: `<stored> in (<these>)` matches a channel however either side wrote its id.
 * Kept as text beside the rule it mirrors (tests/integration/channel-id-sql.test.ts pins them together).
 */
export function channelIdSpellingsSql(column: string): string {
  const o = BOT_API_CHANNEL_OFFSET;
  return `${column}, -${o} - abs(${column}), abs(${column}) - ${o}`;
}
