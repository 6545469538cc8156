// The one fetcher for feeds and links. The network guard sits in the connector: every socket, for every
// redirect hop and whatever DNS answered, is checked against the address it actually reached.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, request } from 'undici';
import type { AllowList } from './address-guard.js';
import { decodeBytes } from './charset.js';
import { checkUrl, guardedConnector, parseAllow } from './connect-guard.js';
import { asFetchError, FetchError } from './fetch-error.js';

export { FetchError, type FetchErrorKind } from './fetch-error.js';

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
    const headers = requestHeaders(userAgent, req);
    for (;;) {
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
        const empty = { bytes: Buffer.alloc(0), text: '', charset: undefined };
        return { ...common, notModified: true, contentType: responseHeaders['content-type'], ...empty };
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

/** The request's headers: the bot's name, what it accepts, and validators only when they have values. */
function requestHeaders(userAgent: string, req: FetchRequest): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept:
      req.accept ??
      'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.1',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (req.etag) headers['if-none-match'] = req.etag;
  if (req.lastModified) headers['if-modified-since'] = req.lastModified;
  return headers;
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

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
