// The one fetcher for feeds and links. The network guard sits in the connector: every socket, for every
// redirect hop and whatever DNS answered, is checked against the address it actually reached.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, buildConnector, request } from 'undici';
import { allowKey, checkAddress, isAllowed, type AllowList } from './address-guard.js';
import { decodeBytes } from './charset.js';

export type FetchErrorKind =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'http-status'
  | 'too-large'
  | 'not-allowed-type'
  | 'blocked-address'
  | 'bad-url'
  | 'too-many-redirects'
  | 'network';

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly url: string,
    /** For 'http-status': the status and the response's Retry-After header, when given. */
    readonly status?: number,
    readonly retryAfter?: string,
  ) {
    super(message);
  }
}

export const DEFAULT_CONTENT_TYPES: readonly string[] = [
  'text/html',
  'application/xhtml+xml',
  'text/xml',
  'application/xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
];

export interface FetcherOptions {
  /** Largest body accepted, counted after decompression (bytes). Default 10 MB. */
  maxBytes?: number;
  /** Whole-request deadline, redirects included (ms). Default 15 s. */
  timeoutMs?: number;
  maxRedirects?: number;
  contentTypes?: readonly string[];
  userAgent?: string;
  /** Exact "host:port" pairs that may be reached although private (tests' own loopback servers only). */
  allow?: readonly string[];
}

export interface FetchRequest {
  /** Validators from an earlier response: sent only when they have values. */
  etag?: string | null;
  lastModified?: string | null;
  accept?: string;
}

export interface FetchResult {
  /** The URL finally answered, after redirects. */
  url: string;
  status: number;
  /** True on 304: `bytes` and `text` are empty and the caller keeps what it had. */
  notModified: boolean;
  headers: Record<string, string>;
  contentType: string | undefined;
  bytes: Buffer;
  text: string;
  charset: string | undefined;
  redirects: string[];
  etag: string | undefined;
  lastModified: string | undefined;
}

export interface Fetcher {
  fetch(url: string, request?: FetchRequest): Promise<FetchResult>;
  close(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function botUserAgent(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `briefbot/${pkg.version} (news briefing bot)`;
}

export function createFetcher(options: FetcherOptions = {}): Fetcher {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const types = new Set(options.contentTypes ?? DEFAULT_CONTENT_TYPES);
  const userAgent = options.userAgent ?? botUserAgent();
  const allow: AllowList = new Set((options.allow ?? []).map(parseAllow));
  const allowedHosts = new Set([...allow].map((key) => key.slice(0, key.lastIndexOf(':'))));
  const agent = new Agent({ connect: guardedConnector(allow, allowedHosts, timeoutMs) });

  async function fetchOnce(url: string, req: FetchRequest): Promise<FetchResult> {
    const signal = AbortSignal.timeout(timeoutMs);
    const redirects: string[] = [];
    let current = checkUrl(url, url, allow);
    for (;;) {
      const headers: Record<string, string> = {
        'user-agent': userAgent,
        accept:
          req.accept ??
          'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.1',
        'accept-encoding': 'gzip, deflate, br',
      };
      if (req.etag) headers['if-none-match'] = req.etag;
      if (req.lastModified) headers['if-modified-since'] = req.lastModified;
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(current, {
          method: 'GET',
          headers,
          dispatcher: agent,
          signal,
          maxRedirections: 0,
        } as Parameters<typeof request>[1]);
      } catch (error) {
        throw asFetchError(error, current.href, timeoutMs);
      }
      const responseHeaders = flatHeaders(response.headers);
      const status = response.statusCode;
      if (REDIRECTS.has(status) && responseHeaders.location) {
        await response.body.dump().catch(() => undefined);
        if (redirects.length >= maxRedirects) {
          throw new FetchError('too-many-redirects', `${url} redirected more than ${maxRedirects} times`, url);
        }
        const next = new URL(responseHeaders.location, current).href;
        redirects.push(next);
        current = checkUrl(next, url, allow);
        continue;
      }
      const common = {
        url: current.href,
        status,
        headers: responseHeaders,
        redirects,
        etag: responseHeaders.etag,
        lastModified: responseHeaders['last-modified'],
      };
      if (status === 304) {
        await response.body.dump().catch(() => undefined);
        return {
          ...common,
          notModified: true,
          contentType: responseHeaders['content-type'],
          bytes: Buffer.alloc(0),
          text: '',
          charset: undefined,
        };
      }
      if (status < 200 || status > 299) {
        await response.body.dump().catch(() => undefined);
        throw new FetchError(
          'http-status',
          `${current.href} answered HTTP ${status}`,
          current.href,
          status,
          responseHeaders['retry-after'],
        );
      }
      const contentType = responseHeaders['content-type'];
      const mediaType = contentType?.split(';')[0]!.trim().toLowerCase();
      if (mediaType && !types.has(mediaType)) {
        discard(response.body);
        throw new FetchError(
          'not-allowed-type',
          `${current.href} is ${mediaType}, not a web page or a feed`,
          current.href,
        );
      }
      const bytes = await readBody(
        response.body,
        responseHeaders['content-encoding'],
        maxBytes,
        current.href,
        timeoutMs,
      );
      const decoded = decodeBytes(bytes, contentType);
      return { ...common, notModified: false, contentType, bytes, text: decoded.text, charset: decoded.charset };
    }
  }

  return {
    fetch: (url, req = {}) => fetchOnce(url, req),
    close: () => agent.close(),
  };
}

function parseAllow(entry: string): string {
  const match = /^(.+):(\d+)$/.exec(entry.trim());
  if (!match) throw new Error(`The fetch allow-list entry "${entry}" is not host:port`);
  return allowKey(match[1]!, Number(match[2]));
}

/** Parses a URL and refuses what can be refused before connecting: other schemes, credentials, literal addresses. */
function checkUrl(text: string, original: string, allow: AllowList): URL {
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
function guardedConnector(allow: AllowList, allowedHosts: ReadonlySet<string>, timeoutMs: number): Connector {
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

async function readBody(
  body: Readable,
  encoding: string | undefined,
  maxBytes: number,
  url: string,
  timeoutMs: number,
): Promise<Buffer> {
  const coding = (encoding ?? '').trim().toLowerCase();
  const decoder =
    coding === 'gzip' || coding === 'x-gzip'
      ? createGunzip()
      : coding === 'deflate'
        ? createInflate()
        : coding === 'br'
          ? createBrotliDecompress()
          : undefined;
  const stream: Readable = decoder ? body.pipe(decoder) : body;
  if (decoder) body.on('error', (error) => decoder.destroy(error));
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        throw new FetchError('too-large', `${url} is larger than the ${Math.round(maxBytes / 1024)} KB limit`, url);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    discard(body);
    if (decoder) discard(decoder);
    throw asFetchError(error, url, timeoutMs);
  }
  return Buffer.concat(chunks);
}

/** Ends a stream no longer wanted; the abort error it raises then is expected and dropped. */
function discard(stream: Readable | NodeJS.ReadWriteStream): void {
  stream.on('error', () => undefined);
  (stream as Readable).destroy();
}

function asFetchError(error: unknown, url: string, timeoutMs: number): FetchError {
  if (error instanceof FetchError) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof FetchError) return cause;
  const e = error as NodeJS.ErrnoException & { name?: string };
  const code = e.code ?? (cause as NodeJS.ErrnoException | undefined)?.code;
  const host = safeHost(url);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new FetchError('dns', `${host} could not be found (DNS: ${code})`, url);
  }
  if (code === 'ECONNREFUSED') return new FetchError('refused', `${host} refused the connection`, url);
  if (
    e.name === 'TimeoutError' ||
    e.name === 'AbortError' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'ABORT_ERR'
  ) {
    return new FetchError('timeout', `${host} did not answer within ${(timeoutMs / 1000).toFixed(1)} s`, url);
  }
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR__ERROR_FORMAT_PADDING_1') {
    return new FetchError('network', `${host} sent a body that does not decompress (${code})`, url);
  }
  return new FetchError('network', `${host} could not be fetched: ${e.message ?? String(error)}`, url);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
