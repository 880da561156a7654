import { describe, expect, it } from 'vitest';
import { ChannelReferenceError, formatChannelReference, parseChannelReference } from '../../core/channels/reference';

describe('parseChannelReference', () => {
  it.each([
    ['@rian_ru', 'rian_ru'],
    ['rian_ru', 'rian_ru'],
    ['  @Rian_Ru  ', 'rian_ru'],
    ['t.me/rian_ru', 'rian_ru'],
    ['https://t.me/rian_ru', 'rian_ru'],
    ['https://t.me/rian_ru/123', 'rian_ru'],
    ['http://t.me/rian_ru/123?single', 'rian_ru'],
    ['t.me/s/rian_ru', 'rian_ru'],
    ['https://t.me/s/rian_ru/55', 'rian_ru'],
    ['https://telegram.me/rian_ru', 'rian_ru'],
    ['https://durov.t.me', 'durov'],
    ['tg://resolve?domain=rian_ru&post=5', 'rian_ru'],
  ])('%s → username', (input, username) => {
    expect(parseChannelReference(input)).toEqual({ kind: 'username', username });
  });

  it.each([
    ['t.me/+oDf_lVJzbNQyYWFi', 'oDf_lVJzbNQyYWFi'],
    ['https://t.me/+iI538bjZlGJmYWQy', 'iI538bjZlGJmYWQy'],
    ['https://t.me/joinchat/ScL1FOCgJCbFNJK1', 'ScL1FOCgJCbFNJK1'],
    ['t.me/joinchat/ScL1FOCgJCbFNJK1/', 'ScL1FOCgJCbFNJK1'],
    ['+oDf_lVJzbNQyYWFi', 'oDf_lVJzbNQyYWFi'],
    ['tg://join?invite=ScL1FOCgJCbFNJK1', 'ScL1FOCgJCbFNJK1'],
  ])('%s → invite', (input, hash) => {
    expect(parseChannelReference(input)).toEqual({ kind: 'invite', hash });
  });

  it.each([
    ['', /Enter a channel/],
    ['@a', /not a valid Telegram username/],
    ['1channel', /not a valid Telegram username/],
    ['bad name', /not a valid Telegram username/],
    ['name__x', /not a valid Telegram username/],
    ['https://example.com/rian_ru', /Only t\.me/],
    ['t.me/', /no channel name/],
    ['t.me/joinchat/', /no code/],
    ['t.me/+abc', /invite link is incomplete/],
    ['t.me/c/1101170442/5', /only work inside Telegram/],
    ['t.me/s/', /no channel name/],
    ['tg://settings', /does not name a channel/],
    ['x'.repeat(400), /too long/],
  ])('rejects %j', (input, message) => {
    expect(() => parseChannelReference(input)).toThrow(ChannelReferenceError);
    expect(() => parseChannelReference(input)).toThrow(message);
  });

  it('formats references back for people', () => {
    expect(formatChannelReference({ kind: 'username', username: 'mash' })).toBe('@mash');
    expect(formatChannelReference({ kind: 'invite', hash: 'ScL1FOCgJCbFNJK1' })).toBe('t.me/+ScL1FOCgJCbFNJK1');
  });
});
