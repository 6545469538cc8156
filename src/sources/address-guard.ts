// Which network addresses the fetcher may connect to: public unicast only. Checked on the address actually
// connected to (see fetch.ts), so DNS rebinding and redirect hops cannot reach the machine's own network.
import ipaddr from 'ipaddr.js';

export type AddressVerdict = { ok: true } | { ok: false; reason: string };

const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private-network address',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  uniqueLocal: 'a private (unique local) IPv6 address',
  reserved: 'a reserved address',
};

const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254']);

/** Whether `address` (an IP literal, v4 or v6, brackets allowed) is a public unicast address. */
export function checkAddress(address: string): AddressVerdict {
  const literal = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!ipaddr.isValid(literal)) return { ok: false, reason: `"${address}" is not an IP address` };
  const parsed = ipaddr.parse(literal);
  if (parsed.kind() === 'ipv6') return checkIpv6(parsed as ipaddr.IPv6, address);
  return checkIpv4(parsed as ipaddr.IPv4, address);
}

function checkIpv4(ip: ipaddr.IPv4, shown: string): AddressVerdict {
  const text = ip.toString();
  if (METADATA.has(text)) return blocked(shown, 'the cloud metadata address');
  const range = ip.range();
  if (range === 'unicast') return { ok: true };
  return blocked(shown, RANGE_NAMES[range] ?? `a special-purpose address (${range})`);
}

function checkIpv6(ip: ipaddr.IPv6, shown: string): AddressVerdict {
  if (METADATA.has(ip.toString())) {
    return blocked(shown, 'the cloud metadata address');
  }
  const range = ip.range();
  const parts = ip.parts;
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) forms are judged by the IPv4 inside.
  if (range === 'ipv4Mapped' || isIpv4Compatible(parts)) return embedded(ip.toIPv4Address(), shown);
  // NAT64 (64:ff9b::/96) carries the IPv4 address in its last 32 bits; 6to4 (2002::/16) in bits 16–48.
  if (range === 'rfc6052') return embedded(ipv4Of(parts[6]!, parts[7]!), shown);
  if (range === '6to4') return embedded(ipv4Of(parts[1]!, parts[2]!), shown);
  if (range === 'unicast') return { ok: true };
  return blocked(shown, RANGE_NAMES[range] ?? `a special-purpose IPv6 address (${range})`);
}

function isIpv4Compatible(parts: number[]): boolean {
  return parts.slice(0, 6).every((p) => p === 0) && (parts[6] !== 0 || parts[7]! > 1);
}

function ipv4Of(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function embedded(v4: ipaddr.IPv4, shown: string): AddressVerdict {
  const inner = checkIpv4(v4, v4.toString());
  return inner.ok ? inner : blocked(shown, `an IPv6 form of ${v4.toString()}, ${inner.reason.replace(/^.* is /, '')}`);
}

function blocked(shown: string, what: string): AddressVerdict {
  return { ok: false, reason: `${shown} is ${what}` };
}

/** An allow-list of exact "host:port" pairs (for tests' own loopback servers); nothing broader. */
export type AllowList = ReadonlySet<string>;

export function allowKey(address: string, port: number): string {
  const literal = address.replace(/^\[|\]$/g, '');
  const normal = ipaddr.isValid(literal) ? ipaddr.process(literal).toString() : literal.toLowerCase();
  return `${normal}:${port}`;
}

export function isAllowed(allow: AllowList | undefined, address: string, port: number): boolean {
  return allow !== undefined && allow.has(allowKey(address, port));
}
