// Where a post lives on Telegram: t.me/<username>/<id> for a public channel, t.me/c/<bare id>/<id>
// for a private one (opens for members only), bare t.me when neither is known.
import { bareChannelId } from './telegram-id';

export interface PostUrlChannel {
  username: string | null;
  /** Telegram's channel id, bare or in the Bot API's -100… form. */
  tgChannelId: number | null;
}

export function postUrl(channel: PostUrlChannel, msgId: number): string {
  if (channel.username) return `https://t.me/${channel.username}/${msgId}`;
  if (channel.tgChannelId !== null) return `https://t.me/c/${bareChannelId(channel.tgChannelId)}/${msgId}`;
  return `https://t.me/`;
}

/** A post's identity across the two id spellings: `<bare channel id>/<msg id>`, the t.me/c/ path. */
export function postKey(tgChannelId: number, msgId: number): string {
  return `${bareChannelId(tgChannelId)}/${msgId}`;
}
