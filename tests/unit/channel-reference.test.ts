import fc from 'fast-check';
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

  // Broken percent-escapes and unparsable URLs used to escape as URIError / TypeError (a 500).
  it.each([
    ['t.me/%E0%A4%A', /broken %-escape/],
    ['https://t.me/%E0%A4%A', /broken %-escape/],
    ['https://t.me/s/%', /broken %-escape/],
    ['t.me/joinchat/%FF', /broken %-escape/],
    ['https://t.me/%C0%AF', /broken %-escape/],
    ['tg://[', /malformed/],
    ['tg://resolve:99999999', /malformed/],
    ['https://t.me:99999/name', /link/],
    ['http://x.t.me:0x/', /link/],
  ])('refuses %j with a ChannelReferenceError', (input, message) => {
    expect(() => parseChannelReference(input)).toThrow(ChannelReferenceError);
    expect(() => parseChannelReference(input)).toThrow(message);
  });

  const linkish = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.tuple(
      fc.constantFrom('', 'https://', 'http://', 'tg://', 'tg://resolve?domain=', 'tg://join?invite=', '//', 'HTTPS://'),
      fc.constantFrom('', 't.me', 'telegram.me', 'x.t.me', 'www.t.me', 't.me:', '[', 'telegram.dog'),
      fc.array(fc.oneof(fc.constantFrom('/', '%', '%E0%A4%A', '%ZZ', '+', 's/', 'joinchat/', '?', '#', '@', ':', '[', ']', '%00'), fc.string({ maxLength: 6 })), { maxLength: 5 }),
    ).map(([scheme, host, rest]) => scheme + host + rest.join('')),
  );

  it('for any input, returns a reference or throws a ChannelReferenceError — nothing else', () => {
    fc.assert(
      fc.property(linkish, (input) => {
        try {
          const ref = parseChannelReference(input);
          expect(ref.kind === 'username' ? ref.username : ref.hash).toMatch(/^[A-Za-z0-9_-]+$/);
        } catch (error) {
          expect(error).toBeInstanceOf(ChannelReferenceError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
