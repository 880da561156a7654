// Reading channels through gramjs. Placeholder signatures: the ingest engineer (issue 5) owns
// this file and replaces the bodies.
import type { TelegramClient } from 'telegram';
import { TelegramFailure, type ChannelHandle, type ChannelReference, type GatewayMessage, type MediaDownload, type ResolvedChannel } from '../port';

export async function resolveChannel(_client: TelegramClient, _reference: ChannelReference): Promise<ResolvedChannel> {
  throw new TelegramFailure('TRANSIENT', 'not implemented yet');
}

export async function readHistory(_client: TelegramClient, _channel: ChannelHandle, _afterMsgId: number, _limit: number): Promise<GatewayMessage[]> {
  throw new TelegramFailure('TRANSIENT', 'not implemented yet');
}

export async function readLatest(_client: TelegramClient, _channel: ChannelHandle, _limit: number): Promise<GatewayMessage[]> {
  throw new TelegramFailure('TRANSIENT', 'not implemented yet');
}

export async function downloadMedia(
  _client: TelegramClient,
  _channel: ChannelHandle,
  _message: GatewayMessage,
  _maxBytes: number,
): Promise<MediaDownload | null> {
  throw new TelegramFailure('TRANSIENT', 'not implemented yet');
}
