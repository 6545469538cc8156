// The network guard: URLs refused before connecting (other schemes, credentials, literal private addresses), and
// a connector whose DNS answers and connected sockets are both checked, so DNS rebinding and every redirect hop
// are covered. Tests may allow their own loopback server by exact host and port.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { Socket } from 'node:net';
import { buildConnector } from 'undici';
import { allowKey, checkAddress, isAllowed, type AllowList } from './address-guard.js';
import { FetchError } from './fetch-error.js';

export function parseAllow(entry: string): string {
  const match = /^(.+):(\d+)$/.exec(entry.trim());
  if (!match) throw new Error(`The fetch allow-list entry "${entry}" is not host:port`);
  return allowKey(match[1]!, Number(match[2]));
}

/** Parses a URL and refuses what can be refused before connecting: other schemes, credentials, literal addresses. */
export function checkUrl(text: string, original: string, allow: AllowList): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FetchError('bad-url', `"${text}" is not a URL`, original);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(
      'bad-url',
      `${url.protocol.replace(':', '')} links cannot be fetched; only http and https`,
      original,
    );
  }
  if (url.username || url.password)
    throw new FetchError('bad-url', `${url.origin} carries a user name or password`, original);
  // WHATWG URL parsing has already turned 2130706433, 0x7f.1 and 0177.0.0.1 into 127.0.0.1.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (/^[\d.]+$/.test(host) || host.includes(':')) {
    const verdict = checkAddress(host);
    if (!verdict.ok && !isAllowed(allow, host, port)) {
      throw new FetchError(
        'blocked-address',
        `${text} points at ${verdict.reason.replace(/^\S+ is /, '')}; it is not fetched`,
        original,
      );
    }
  }
  return url;
}

type Connector = buildConnector.connector;

/** A connector whose DNS answers and connected sockets are both checked; allowed only by exact address and port. */
export function guardedConnector(allow: AllowList, allowedHosts: ReadonlySet<string>, timeoutMs: number): Connector {
  const lookup = (hostname: string, opts: object, callback: (...args: unknown[]) => void): void => {
    dnsLookup(hostname, { ...opts, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      if (addresses.length === 0)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
      const refused = addresses.find(
        (a) => !checkAddress(a.address).ok && !allowedHosts.has(allowKey(a.address, 0).slice(0, -2)),
      );
      if (refused) {
        const reason = (checkAddress(refused.address) as { reason: string }).reason;
        return callback(
          new FetchError(
            'blocked-address',
            `${hostname} resolves to ${reason.replace(/^\S+ is /, '')} (${refused.address}); it is not fetched`,
            hostname,
          ),
        );
      }
      if ((opts as { all?: boolean }).all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const base = buildConnector({ lookup, timeout: timeoutMs } as buildConnector.BuildOptions);
  return (opts, callback) => {
    base(opts, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('no socket'), null);
      const address = (socket as Socket).remoteAddress ?? '';
      const port = (socket as Socket).remotePort ?? 0;
      const verdict = checkAddress(address);
      if (!verdict.ok && !isAllowed(allow, address, port)) {
        socket.destroy();
        return callback(
          new FetchError(
            'blocked-address',
            `${opts.hostname}:${port} connected to ${verdict.reason.replace(/^\S+ is /, '')} (${address}); it is not fetched`,
            opts.hostname,
          ),
          null,
        );
      }
      callback(null, socket);
    });
  };
}
