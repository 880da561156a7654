// The SSRF guard's pure part: which literal addresses are public, and what the strict policy refuses.
import { describe, expect, it } from 'vitest';
import { addressKind, checkResolvedAddresses, checkTargetUrl } from '../../core/webhooks/target';

describe('addressKind', () => {
  it.each([
    ['8.8.8.8', 'public'], ['93.184.216.34', 'public'], ['127.0.0.1', 'private'], ['10.0.0.1', 'private'], ['172.16.5.4', 'private'],
    ['172.32.0.1', 'public'], ['192.168.1.1', 'private'], ['169.254.169.254', 'private'], ['100.64.0.1', 'private'], ['0.0.0.0', 'private'],
    ['224.0.0.1', 'private'], ['255.255.255.255', 'private'], ['::1', 'private'], ['::', 'private'], ['fe80::1', 'private'], ['fc00::1', 'private'],
    ['::ffff:10.0.0.1', 'private'], ['::ffff:8.8.8.8', 'public'], ['64:ff9b::7f00:1', 'private'], ['2001:db8::1', 'private'], ['2606:4700::1111', 'public'],
    ['example.com', null], ['1.2.3', null],
  ])('%s → %s', (address, kind) => expect(addressKind(address)).toBe(kind));
});

describe('checkTargetUrl', () => {
  it('outside production accepts a local http receiver', () => {
    expect(checkTargetUrl('http://127.0.0.1:9000/hook', { strict: false })).toMatchObject({ ok: true });
    expect(checkTargetUrl('http://localhost:9000/hook', { strict: false })).toMatchObject({ ok: true });
  });
  it('in production refuses http, local names, literal private addresses and credentials', () => {
    expect(checkTargetUrl('http://example.com/', { strict: true })).toEqual({ ok: false, reason: 'SCHEME_NOT_ALLOWED' });
    expect(checkTargetUrl('https://localhost/', { strict: true })).toEqual({ ok: false, reason: 'HOST_NOT_ALLOWED' });
    expect(checkTargetUrl('https://metadata.internal/', { strict: true })).toEqual({ ok: false, reason: 'HOST_NOT_ALLOWED' });
    expect(checkTargetUrl('https://0x7f.1/', { strict: true })).toEqual({ ok: false, reason: 'ADDRESS_NOT_PUBLIC' });
    expect(checkTargetUrl('https://[::1]:8443/', { strict: true })).toEqual({ ok: false, reason: 'ADDRESS_NOT_PUBLIC' });
    expect(checkTargetUrl('ftp://example.com/', { strict: true })).toEqual({ ok: false, reason: 'SCHEME_NOT_ALLOWED' });
    expect(checkTargetUrl('https://a:b@example.com/', { strict: true })).toEqual({ ok: false, reason: 'CREDENTIALS_IN_URL' });
    expect(checkTargetUrl('https://hooks.example.com/x', { strict: true })).toMatchObject({ ok: true, literal: false });
  });
  it('every resolved address must be public', () => {
    expect(checkResolvedAddresses(['93.184.216.34'], { strict: true })).toBeNull();
    expect(checkResolvedAddresses(['93.184.216.34', '127.0.0.1'], { strict: true })).toBe('ADDRESS_NOT_PUBLIC');
    expect(checkResolvedAddresses([], { strict: true })).toBe('UNRESOLVABLE');
    expect(checkResolvedAddresses(['127.0.0.1'], { strict: false })).toBeNull();
  });
});
