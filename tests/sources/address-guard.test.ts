import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowKey, checkAddress, isAllowed } from '../../src/sources/address-guard.js';

const BLOCKED: [string, RegExp][] = [
  ['127.0.0.1', /loopback/],
  ['127.255.255.254', /loopback/],
  ['10.0.0.1', /private/],
  ['172.16.5.4', /private/],
  ['192.168.0.1', /private/],
  ['169.254.169.254', /metadata/],
  ['169.254.1.1', /link-local/],
  ['100.64.0.1', /carrier-grade NAT/],
  ['224.0.0.1', /multicast/],
  ['0.0.0.0', /unspecified/],
  ['255.255.255.255', /broadcast/],
  ['::1', /loopback/],
  ['::', /unspecified/],
  ['fe80::1', /link-local/],
  ['ff02::1', /multicast/],
  ['fc00::1', /unique local/],
  ['fd00:ec2::254', /metadata/],
  ['[::ffff:127.0.0.1]', /IPv6 form of 127\.0\.0\.1/],
  ['::ffff:7f00:1', /IPv6 form of 127\.0\.0\.1/],
  ['::ffff:169.254.169.254', /metadata/],
  ['::127.0.0.1', /IPv6 form of 127\.0\.0\.1/],
  ['64:ff9b::a00:1', /IPv6 form of 10\.0\.0\.1/],
  ['2002:c0a8:101::1', /IPv6 form of 192\.168\.1\.1/],
  ['fe80::1%eth0', /link-local/],
];

const PUBLIC = [
  '8.8.8.8',
  '93.184.216.34',
  '1.1.1.1',
  '2606:4700:4700::1111',
  '::ffff:8.8.8.8',
  '64:ff9b::808:808',
  '2002:808:808::1',
];

describe('address guard', () => {
  it.each(BLOCKED)('refuses %s', (address, reason) => {
    const verdict = checkAddress(address);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it.each(PUBLIC)('allows public %s', (address) => {
    expect(checkAddress(address)).toEqual({ ok: true });
  });

  it('refuses what is not an address', () => {
    expect(checkAddress('example.com')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not an IP address/),
    });
  });

  it('judges every IPv4-mapped address as its IPv4 address', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), (parts) => {
        const v4 = parts.join('.');
        expect(checkAddress(`::ffff:${v4}`).ok).toBe(checkAddress(v4).ok);
      }),
    );
  });

  it('refuses all of 127/8, 10/8 and 192.168/16 in any host part', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(fc.constantFrom('127', '10', '192.168'), octet, octet, octet, (prefix, a, b, c) => {
        const rest = prefix === '192.168' ? [a, b] : [a, b, c];
        expect(checkAddress(`${prefix}.${rest.join('.')}`).ok).toBe(false);
      }),
    );
  });

  it('allows by exact address and port only', () => {
    const allow = new Set([allowKey('127.0.0.1', 8080)]);
    expect(isAllowed(allow, '127.0.0.1', 8080)).toBe(true);
    expect(isAllowed(allow, '::ffff:127.0.0.1', 8080)).toBe(true);
    expect(isAllowed(allow, '127.0.0.1', 8081)).toBe(false);
    expect(isAllowed(allow, '127.0.0.2', 8080)).toBe(false);
    expect(isAllowed(undefined, '127.0.0.1', 8080)).toBe(false);
  });
});
