import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postKey, postUrl } from '../../core/channels/post-url';
import { canReadChannel } from '../../core/channels/readable';
import { BOT_API_CHANNEL_OFFSET, bareChannelId, botApiChannelId } from '../../core/channels/telegram-id';

describe('Telegram channel ids', () => {
  it.each([
    [-1001000724666, 1000724666],
    [1000724666, 1000724666],
    [-1002345678901, 2345678901],
    [-1000000000042, 42],
    [42, 42],
  ])('bareChannelId(%d) = %d', (id, bare) => {
    expect(bareChannelId(id)).toBe(bare);
  });

  it('the Bot API form is -(10^12 + bare)', () => {
    expect(botApiChannelId(1000724666)).toBe(-1001000724666);
    expect(botApiChannelId(-1001000724666)).toBe(-1001000724666);
  });

  it('either form converts to the other and back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), (bare) => {
        const bot = botApiChannelId(bare);
        expect(bot).toBe(-BOT_API_CHANNEL_OFFSET - bare);
        expect(bareChannelId(bot)).toBe(bare);
        expect(bareChannelId(bare)).toBe(bare);
      }),
    );
  });
});

describe('t.me links of a post', () => {
  it('a public channel links by username', () => {
    expect(postUrl({ username: 'rian_ru', tgChannelId: -1001000724666 }, 5)).toBe('https://t.me/rian_ru/5');
  });
  it('a private channel links by t.me/c/<bare id>, whichever form the id is stored in', () => {
    expect(postUrl({ username: null, tgChannelId: -1001000724666 }, 7)).toBe('https://t.me/c/1000724666/7');
    expect(postUrl({ username: null, tgChannelId: 1000724666 }, 7)).toBe('https://t.me/c/1000724666/7');
  });
  it('without either, bare t.me', () => {
    expect(postUrl({ username: null, tgChannelId: null }, 7)).toBe('https://t.me/');
  });
  it('postKey is the same post whichever id form names the channel', () => {
    expect(postKey(-1001000724666, 3)).toBe(postKey(1000724666, 3));
    expect(postKey(1000724666, 3)).toBe('1000724666/3');
  });
});

describe('which channels a reader may read', () => {
  it.each([
    [true, 'public', true],
    [true, 'private', true],
    [false, 'public', true],
    [false, 'private', false],
  ] as const)('accessible=%s %s → %s', (accessible, visibility, readable) => {
    expect(canReadChannel({ accessible, visibility })).toBe(readable);
  });
});
