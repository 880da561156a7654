// The gramjs read side against a fake client answering with real Api objects.
import bigInt from 'big-integer';
import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import { downloadMedia, readHistory, resolveChannel, type ReadingClient } from '../../ingest-container/gateway/gramjs/reading';

const channel = new Api.Channel({
  id: bigInt(1101170442),
  accessHash: bigInt('-4242424242424242'),
  title: 'РИА Новости',
  username: 'rian_ru',
  broadcast: true,
  photo: new Api.ChatPhotoEmpty(),
  date: 0,
});
const full = new Api.messages.ChatFull({
  fullChat: new Api.ChannelFull({ id: channel.id, about: 'Главные новости', participantsCount: 3_000_000 } as never),
  chats: [channel],
  users: [],
});

function fakeClient(answers: (request: unknown) => unknown, messages: unknown[] = []): ReadingClient & { requests: unknown[] } {
  const requests: unknown[] = [];
  return {
    requests,
    invoke: (async (request: unknown) => {
      requests.push(request);
      if (request instanceof Api.channels.GetFullChannel) return full;
      return answers(request);
    }) as ReadingClient['invoke'],
    getMessages: (async (_peer: unknown, params: unknown) => {
      requests.push(params);
      return messages;
    }) as unknown as ReadingClient['getMessages'],
    downloadMedia: (async () => Buffer.from('jpeg-bytes')) as unknown as ReadingClient['downloadMedia'],
  };
}

describe('gramjs reading', () => {
  it('resolves a username to a public channel with its about text and size', async () => {
    const client = fakeClient(() => new Api.contacts.ResolvedPeer({ peer: new Api.PeerChannel({ channelId: channel.id }), chats: [channel], users: [] }));
    expect(await resolveChannel(client, { kind: 'username', username: 'rian_ru' })).toEqual({
      tgChannelId: 1101170442,
      accessHash: '-4242424242424242',
      username: 'rian_ru',
      title: 'РИА Новости',
      about: 'Главные новости',
      visibility: 'public',
      participantsCount: 3_000_000,
    });
  });

  it('a username of a person or bot is NOT_A_CHANNEL', async () => {
    const client = fakeClient(() => new Api.contacts.ResolvedPeer({ peer: new Api.PeerUser({ userId: bigInt(1) }), chats: [], users: [] }));
    await expect(resolveChannel(client, { kind: 'username', username: 'durov' })).rejects.toMatchObject({ reason: 'NOT_A_CHANNEL' });
  });

  it('an invite resolves only when the account is already a member, and never joins', async () => {
    const privateChannel = new Api.Channel({ ...channel, username: undefined, title: 'Топор Live' } as never);
    const member = fakeClient(() => new Api.ChatInviteAlready({ chat: privateChannel }));
    expect(await resolveChannel(member, { kind: 'invite', hash: 'oDf_lVJzbNQyYWFi' })).toMatchObject({ visibility: 'private', username: null, title: 'Топор Live' });

    const stranger = fakeClient(() => new Api.ChatInvite({ title: 'Топор Live', photo: new Api.PhotoEmpty({ id: bigInt(0) }), participantsCount: 10, channel: true, broadcast: true } as never));
    await expect(resolveChannel(stranger, { kind: 'invite', hash: 'oDf_lVJzbNQyYWFi' })).rejects.toMatchObject({ reason: 'CHANNEL_PRIVATE' });
    expect(stranger.requests.some((r) => r instanceof Api.messages.ImportChatInvite)).toBe(false);
  });

  it('reads history after the cursor, oldest first, with at most 100 per request', async () => {
    const peer = new Api.PeerChannel({ channelId: channel.id });
    const page = [12, 11, 10].map((id) => new Api.Message({ id, peerId: peer, date: 0, message: `m${id}` }));
    const client = fakeClient(() => null, page);
    const read = await readHistory(client, { tgChannelId: 1101170442, accessHash: '1', username: null }, 10, 500);
    expect(read.map((m) => m.id)).toEqual([11, 12]);
    expect(client.requests[0]).toMatchObject({ minId: 10, limit: 100, reverse: true });
  });

  it('downloads photos and skips documents over the size limit without fetching them', async () => {
    const peer = new Api.PeerChannel({ channelId: channel.id });
    const client = fakeClient(() => null);
    const photo = new Api.Message({ id: 1, peerId: peer, date: 0, message: '', media: new Api.MessageMediaPhoto({ photo: new Api.PhotoEmpty({ id: bigInt(1) }) }) });
    expect(await downloadMedia(client, { tgChannelId: 1, accessHash: '1', username: null }, photo, 1000)).toMatchObject({ mimeType: 'image/jpeg', fileName: null });
    const big = new Api.Message({
      id: 2,
      peerId: peer,
      date: 0,
      message: '',
      media: new Api.MessageMediaDocument({
        document: new Api.Document({ id: bigInt(1), accessHash: bigInt(1), fileReference: Buffer.alloc(0), date: 0, mimeType: 'video/mp4', size: bigInt(10_000_000), dcId: 1, attributes: [] }),
      }),
    });
    expect(await downloadMedia(client, { tgChannelId: 1, accessHash: '1', username: null }, big, 1000)).toBeNull();
  });
});
