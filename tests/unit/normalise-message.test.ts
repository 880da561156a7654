// Normalisation of real gramjs Api.Message objects: every media type, entities, metrics, albums, edits.
import bigInt from 'big-integer';
import { Api } from 'telegram';
import { describe, expect, it } from 'vitest';
import { normaliseBatch, normaliseMessage } from '../../core/messages';

const peer = new Api.PeerChannel({ channelId: bigInt(1_000_724_666) });
const date = Date.UTC(2024, 11, 3, 10, 0, 0) / 1000;

function message(fields: Partial<ConstructorParameters<typeof Api.Message>[0]> & { id: number }) {
  return new Api.Message({ peerId: peer, date, message: '', post: true, ...fields });
}

function documentMedia(mimeType: string, attributes: Api.TypeDocumentAttribute[], size = 2048) {
  return new Api.MessageMediaDocument({
    document: new Api.Document({
      id: bigInt(555),
      accessHash: bigInt(1),
      fileReference: Buffer.from([1]),
      date,
      mimeType,
      size: bigInt(size),
      dcId: 2,
      attributes,
    }),
  });
}

const photoMedia = (id: number) =>
  new Api.MessageMediaPhoto({
    photo: new Api.Photo({
      id: bigInt(id),
      accessHash: bigInt(2),
      fileReference: Buffer.from([1]),
      date,
      dcId: 2,
      sizes: [
        new Api.PhotoStrippedSize({ type: 'i', bytes: Buffer.from([1, 2]) }),
        new Api.PhotoSize({ type: 'm', w: 320, h: 240, size: 9000 }),
        new Api.PhotoSizeProgressive({ type: 'y', w: 1280, h: 960, sizes: [1000, 5000, 64000] }),
      ],
    }),
  });

describe('normaliseMessage on real gramjs messages', () => {
  it('reads text, author, metrics, per-emoji reactions and comments', () => {
    const post = normaliseMessage(
      message({
        id: 10,
        message: 'Власти Южной Кореи ввели военное положение. Подробности позже.',
        postAuthor: 'Иван Петров',
        views: 15300,
        forwards: 42,
        editDate: date + 600,
        replies: new Api.MessageReplies({ replies: 17, repliesPts: 1 }),
        reactions: new Api.MessageReactions({
          results: [
            new Api.ReactionCount({ reaction: new Api.ReactionEmoji({ emoticon: '👍' }), count: 120 }),
            new Api.ReactionCount({ reaction: new Api.ReactionEmoji({ emoticon: '😱' }), count: 30 }),
            new Api.ReactionCount({ reaction: new Api.ReactionCustomEmoji({ documentId: bigInt('5368324170671202286') }), count: 5 }),
          ],
        }),
      }),
    )!;
    expect(post).toMatchObject({
      msgId: 10,
      type: 'text',
      author: 'Иван Петров',
      views: 15300,
      forwards: 42,
      comments: 17,
      lang: 'ru',
      mediaPresent: false,
      media: [],
    });
    expect(post.date.toISOString()).toBe('2024-12-03T10:00:00.000Z');
    expect(post.editDate?.toISOString()).toBe('2024-12-03T10:10:00.000Z');
    expect(post.reactions).toEqual({ total: 155, byEmoji: { '👍': 120, '😱': 30, 'custom:5368324170671202286': 5 } });
  });

  it('takes hashtags and links from entities and from the text, including text links', () => {
    const text = 'Читайте #новости и #Economy тут: подробнее https://example.com/a?b=1, и ria.ru';
    const label = 'подробнее';
    const post = normaliseMessage(
      message({
        id: 11,
        message: text,
        entities: [
          new Api.MessageEntityHashtag({ offset: text.indexOf('#новости'), length: '#новости'.length }),
          new Api.MessageEntityTextUrl({ offset: text.indexOf(label), length: label.length, url: 'https://source.example/story' }),
          new Api.MessageEntityUrl({ offset: text.indexOf('ria.ru'), length: 'ria.ru'.length }),
        ],
      }),
    )!;
    expect(post.hashtags).toEqual(['новости', 'Economy']);
    expect(post.links).toEqual(expect.arrayContaining(['https://source.example/story', 'https://example.com/a?b=1', 'https://ria.ru/']));
    expect(post.links).toHaveLength(3);
  });

  it('detects English and other languages with the language detector', () => {
    expect(normaliseMessage(message({ id: 1, message: 'South Korea declares martial law as the president addresses the nation' }))!.lang).toBe('en');
    expect(normaliseMessage(message({ id: 2, message: 'Die Regierung hat heute neue Maßnahmen für die Wirtschaft angekündigt und diskutiert' }))!.lang).toBe('other');
  });

  it('classifies photos with their largest size', () => {
    const post = normaliseMessage(message({ id: 12, message: 'Фото дня', media: photoMedia(1) }))!;
    expect(post.type).toBe('photo');
    expect(post.mediaPresent).toBe(true);
    expect(post.media).toEqual([
      { kind: 'photo', sourceMsgId: 12, position: 0, mimeType: 'image/jpeg', size: 64000, width: 1280, height: 960, fileName: null },
    ]);
  });

  it.each([
    ['video', 'video/mp4', [new Api.DocumentAttributeVideo({ duration: 12, w: 1920, h: 1080 })]],
    ['video_note', 'video/mp4', [new Api.DocumentAttributeVideo({ roundMessage: true, duration: 5, w: 240, h: 240 })]],
    ['animation', 'video/mp4', [new Api.DocumentAttributeAnimated(), new Api.DocumentAttributeVideo({ duration: 2, w: 320, h: 200 })]],
    ['voice', 'audio/ogg', [new Api.DocumentAttributeAudio({ voice: true, duration: 9 })]],
    ['audio', 'audio/mpeg', [new Api.DocumentAttributeAudio({ duration: 180, title: 'Song' }), new Api.DocumentAttributeFilename({ fileName: 'song.mp3' })]],
    ['sticker', 'image/webp', [new Api.DocumentAttributeSticker({ alt: '🙂', stickerset: new Api.InputStickerSetEmpty() })]],
    ['document', 'application/pdf', [new Api.DocumentAttributeFilename({ fileName: 'report.pdf' })]],
  ] as const)('classifies a %s document', (type, mimeType, attributes) => {
    const post = normaliseMessage(message({ id: 13, media: documentMedia(mimeType, [...attributes], 4096) }))!;
    expect(post.type).toBe(type);
    expect(post.media[0]).toMatchObject({ kind: type, mimeType, size: 4096 });
  });

  it('turns a poll into searchable text', () => {
    const post = normaliseMessage(
      message({
        id: 14,
        media: new Api.MessageMediaPoll({
          poll: new Api.Poll({
            id: bigInt(9),
            question: new Api.TextWithEntities({ text: 'Кто победит?', entities: [] }),
            answers: [
              new Api.PollAnswer({ text: new Api.TextWithEntities({ text: 'Первый', entities: [] }), option: Buffer.from([0]) }),
              new Api.PollAnswer({ text: new Api.TextWithEntities({ text: 'Второй', entities: [] }), option: Buffer.from([1]) }),
            ],
          }),
          results: new Api.PollResults({}),
        }),
      }),
    )!;
    expect(post.type).toBe('poll');
    expect(post.text).toBe('Кто победит?\n• Первый\n• Второй');
    expect(post.media).toEqual([]);
    expect(post.mediaPresent).toBe(true);
  });

  it('classifies locations, contacts and web page previews (and keeps the page link)', () => {
    const geo = normaliseMessage(message({ id: 15, media: new Api.MessageMediaGeo({ geo: new Api.GeoPoint({ long: 37.6, lat: 55.7, accessHash: bigInt(1) }) }) }))!;
    expect(geo.type).toBe('location');
    const contact = normaliseMessage(
      message({ id: 16, media: new Api.MessageMediaContact({ phoneNumber: '+1', firstName: 'A', lastName: '', vcard: '', userId: bigInt(1) }) }),
    )!;
    expect(contact.type).toBe('contact');
    const page = normaliseMessage(
      message({ id: 17, message: 'Смотрите', media: new Api.MessageMediaWebPage({ webpage: new Api.WebPageEmpty({ id: bigInt(3), url: 'https://news.example/x' }) }) }),
    )!;
    expect(page.type).toBe('webpage');
    expect(page.links).toEqual(['https://news.example/x']);
  });

  it('records where a forwarded post came from', () => {
    const post = normaliseMessage(
      message({
        id: 18,
        message: 'Репост',
        fwdFrom: new Api.MessageFwdHeader({ date, fromId: new Api.PeerChannel({ channelId: bigInt(1_101_170_442) }), channelPost: 777 }),
      }),
    )!;
    expect(post.fwdFromChannelId).toBe(1_101_170_442);
    expect(post.fwdFromMsgId).toBe(777);
  });

  it('drops service messages', () => {
    const service = new Api.MessageService({ id: 19, peerId: peer, date, action: new Api.MessageActionChannelCreate({ title: 'x' }) });
    expect(normaliseMessage(service)).toBeNull();
    expect(normaliseBatch([service, message({ id: 20, message: 'пост' })]).map((p) => p.msgId)).toEqual([20]);
  });
});

describe('albums and edits', () => {
  const groupedId = bigInt('13712345678901234');

  it('merges album members into one post with every file in order and the caption wherever it is', () => {
    const posts = normaliseBatch([
      message({ id: 31, groupedId, media: photoMedia(2), views: 900 }),
      message({ id: 30, groupedId, media: photoMedia(1), views: 1000, message: 'Три фото с места событий #фото' }),
      message({ id: 32, groupedId, media: documentMedia('video/mp4', [new Api.DocumentAttributeVideo({ duration: 3, w: 640, h: 360 })]), views: 950 }),
      message({ id: 33, message: 'Следующий пост' }),
    ]);
    expect(posts.map((p) => [p.msgId, p.type])).toEqual([
      [30, 'album'],
      [33, 'text'],
    ]);
    const album = posts[0];
    expect(album.memberMsgIds).toEqual([30, 31, 32]);
    expect(album.text).toBe('Три фото с места событий #фото');
    expect(album.hashtags).toEqual(['фото']);
    expect(album.views).toBe(1000);
    expect(album.media.map((m) => [m.kind, m.sourceMsgId, m.position])).toEqual([
      ['photo', 30, 0],
      ['photo', 31, 1],
      ['video', 32, 2],
    ]);
    expect(album.groupedId).toBe(13712345678901234);
  });

  it('an edited message normalises to the same post id with the new text and edit date', () => {
    const original = normaliseMessage(message({ id: 40, message: 'Первая версия' }))!;
    const edited = normaliseMessage(message({ id: 40, message: 'Исправленная версия', editDate: date + 3600, views: 50 }))!;
    expect(edited.msgId).toBe(original.msgId);
    expect(original.editDate).toBeNull();
    expect(edited.text).toBe('Исправленная версия');
    expect(edited.editDate?.getTime()).toBe((date + 3600) * 1000);
  });
});
