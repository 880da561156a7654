// Reading channels through gramjs: resolve a username or an invite link the account is already a
// member of (never joins on the user's behalf), read history after a message id, the latest posts,
// and download media. gramjs errors are mapped to TelegramFailure by the session wrapper (errors.ts).
import bigInt from 'big-integer';
import { Api, type TelegramClient } from 'telegram';
import { TelegramFailure, type ChannelHandle, type ChannelReference, type GatewayMessage, type MediaDownload, type ResolvedChannel } from '../port';

/** The part of TelegramClient reading uses; tests pass a fake with the same shape. */
export type ReadingClient = Pick<TelegramClient, 'invoke' | 'getMessages' | 'downloadMedia'>;

async function describeChannel(client: ReadingClient, chat: Api.TypeChat): Promise<ResolvedChannel> {
  if (chat instanceof Api.ChannelForbidden) throw new TelegramFailure('CHANNEL_PRIVATE', 'CHANNEL_PRIVATE: the account was banned from this channel or it is private');
  if (!(chat instanceof Api.Channel)) throw new TelegramFailure('NOT_A_CHANNEL', 'This is a group chat, not a channel');
  if (!chat.broadcast) throw new TelegramFailure('NOT_A_CHANNEL', 'This is a group, not a channel');
  const input = new Api.InputChannel({ channelId: chat.id, accessHash: chat.accessHash ?? bigInt.zero });
  const full = await client.invoke(new Api.channels.GetFullChannel({ channel: input }));
  const about = full.fullChat instanceof Api.ChannelFull ? full.fullChat.about : null;
  const participants = full.fullChat instanceof Api.ChannelFull ? (full.fullChat.participantsCount ?? null) : null;
  return {
    tgChannelId: Number(chat.id.toString()),
    accessHash: (chat.accessHash ?? bigInt.zero).toString(),
    username: chat.username ?? chat.usernames?.find((u) => u.active)?.username ?? null,
    title: chat.title,
    about: about || null,
    visibility: chat.username || chat.usernames?.some((u) => u.active) ? 'public' : 'private',
    participantsCount: participants ?? chat.participantsCount ?? null,
  };
}

export async function resolveChannel(client: ReadingClient, reference: ChannelReference): Promise<ResolvedChannel> {
  if (reference.kind === 'username') {
    const result = await client.invoke(new Api.contacts.ResolveUsername({ username: reference.username }));
    if (!(result.peer instanceof Api.PeerChannel)) throw new TelegramFailure('NOT_A_CHANNEL', `@${reference.username} is a person or a bot, not a channel`);
    const channelId = result.peer.channelId.toString();
    const chat = result.chats.find((c) => c.id.toString() === channelId);
    if (!chat) throw new TelegramFailure('TRANSIENT', 'Telegram resolved the username without the channel');
    return describeChannel(client, chat);
  }
  // checkChatInvite only looks: a member gets the channel back, anyone else only a preview. The
  // account is never joined here — the user joins in Telegram, where they see what they join.
  const invite = await client.invoke(new Api.messages.CheckChatInvite({ hash: reference.hash }));
  if (invite instanceof Api.ChatInviteAlready) return describeChannel(client, invite.chat);
  throw new TelegramFailure('CHANNEL_PRIVATE', 'The account is not a member of this channel: join it in Telegram first');
}

function inputPeer(channel: ChannelHandle): Api.InputPeerChannel {
  return new Api.InputPeerChannel({ channelId: bigInt(channel.tgChannelId), accessHash: bigInt(channel.accessHash) });
}

const isPost = (m: unknown): m is Api.Message | Api.MessageService => m instanceof Api.Message || m instanceof Api.MessageService;

export async function readHistory(client: ReadingClient, channel: ChannelHandle, afterMsgId: number, limit: number): Promise<GatewayMessage[]> {
  // reverse: oldest first, starting after minId (gramjs uses minId as the offset then).
  const page = await client.getMessages(inputPeer(channel), { minId: afterMsgId, limit: Math.min(limit, 100), reverse: true });
  return [...page].filter(isPost).filter((m) => m.id > afterMsgId).sort((a, b) => a.id - b.id);
}

export async function readLatest(client: ReadingClient, channel: ChannelHandle, limit: number): Promise<GatewayMessage[]> {
  // gramjs pages by 100 internally for larger limits.
  const page = await client.getMessages(inputPeer(channel), { limit });
  return [...page].filter(isPost).sort((a, b) => b.id - a.id);
}

function documentOf(message: Api.Message): Api.Document | null {
  return message.media instanceof Api.MessageMediaDocument && message.media.document instanceof Api.Document ? message.media.document : null;
}

export async function downloadMedia(client: ReadingClient, _channel: ChannelHandle, message: GatewayMessage, maxBytes: number): Promise<MediaDownload | null> {
  if (!(message instanceof Api.Message) || !message.media) return null;
  const document = documentOf(message);
  const isPhoto = message.media instanceof Api.MessageMediaPhoto;
  if (!document && !isPhoto) return null;
  if (document && Number(document.size.toString()) > maxBytes) return null;
  const data = await client.downloadMedia(message, {});
  if (!data || typeof data === 'string') return null;
  const bytes = new Uint8Array(data);
  if (bytes.length > maxBytes) return null;
  const fileName = document?.attributes.find((a): a is Api.DocumentAttributeFilename => a instanceof Api.DocumentAttributeFilename)?.fileName ?? null;
  return { bytes, mimeType: document?.mimeType ?? 'image/jpeg', fileName };
}
