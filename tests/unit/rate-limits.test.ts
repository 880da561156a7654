import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config';
import { addressBucket, effectiveMax, RATE_LIMITS, rateLimitMessage, windowPosition } from '../../core/rate-limits';

describe('addressBucket', () => {
  it.each([
    ['203.0.113.5', '203.0.113.5'],
    [' 203.0.113.5:51234 ', '203.0.113.5'],
    ['::ffff:192.0.2.44', '192.0.2.44'],
    ['::FFFF:c000:022c', '192.0.2.44'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['[2001:db8::7]:443', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('%s → %s', (raw, bucket) => expect(addressBucket(raw)).toBe(bucket));

  it.each([undefined, '', 'spoofed-1', '999.1.1.1', '1:2:3:4:5:6:7:8:9', '1::2::3', '::ffff:300.1.1.1'])('%s is the shared unknown bucket', (raw) =>
    expect(addressBucket(raw)).toBe('unknown'),
  );
});

describe('windows and allowances', () => {
  it('places a time in its fixed window and says how long is left', () => {
    expect(windowPosition(120, 60)).toEqual({ index: 2, secondsLeft: 60 });
    expect(windowPosition(179, 60)).toEqual({ index: 2, secondsLeft: 1 });
    expect(windowPosition(3600 * 5 + 15, 3600)).toEqual({ index: 5, secondsLeft: 3585 });
  });

  it('scales by RATE_LIMIT_MULTIPLIER and never below one request', () => {
    expect(effectiveMax(RATE_LIMITS.signIn, 1)).toBe(20);
    expect(effectiveMax(RATE_LIMITS.signIn, 50)).toBe(1000);
    expect(effectiveMax(RATE_LIMITS.qrPassword, 0.01)).toBe(1);
  });

  it('names the limit and the wait in its message', () => {
    expect(rateLimitMessage(RATE_LIMITS.qrPasswordHourly, 20, 90)).toBe(
      'Too many Telegram password attempts: at most 20 per hour (limit qr-password-hourly); try again in 90 s',
    );
  });

  it('reads TRUST_PROXY (off by default) and RATE_LIMIT_MULTIPLIER from configuration', () => {
    expect(parseConfig({}).TRUST_PROXY).toBe(false);
    expect(parseConfig({}).RATE_LIMIT_MULTIPLIER).toBe(1);
    expect(parseConfig({ TRUST_PROXY: 'true', RATE_LIMIT_MULTIPLIER: '2.5' })).toMatchObject({ TRUST_PROXY: true, RATE_LIMIT_MULTIPLIER: 2.5 });
    expect(() => parseConfig({ RATE_LIMIT_MULTIPLIER: '0' })).toThrow(/RATE_LIMIT_MULTIPLIER/);
  });
});
