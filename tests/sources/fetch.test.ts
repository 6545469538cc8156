import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, FetchError, type Fetcher } from '../../src/sources/fetch.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/http-server.js';

const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture</title></channel></rss>';

let server: FixtureServer;
let other: FixtureServer;
let fetcher: Fetcher;

beforeAll(async () => {
  other = await startFixtureServer({
    '/secret': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end('secret'),
  });
  server = await startFixtureServer({
    '/feed.xml': (_q, s) => s.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(RSS),
    '/gzip': (_q, s) =>
      s.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(gzipSync(RSS)),
    '/etag': (q, s) => {
      if (q.headers['if-none-match'] === '"v1"') return s.writeHead(304, { etag: '"v1"' }).end();
      s.writeHead(200, {
        'content-type': 'application/rss+xml',
        etag: '"v1"',
        'last-modified': 'Wed, 02 Dec 2026 10:00:00 GMT',
      }).end(RSS);
    },
    '/modified': (q, s) => {
      if (q.headers['if-modified-since'] === 'Wed, 02 Dec 2026 10:00:00 GMT') return s.writeHead(304).end();
      s.writeHead(200, { 'content-type': 'application/rss+xml', 'last-modified': 'Wed, 02 Dec 2026 10:00:00 GMT' }).end(
        RSS,
      );
    },
    '/redirect': (_q, s) => s.writeHead(302, { location: '/feed.xml' }).end(),
    '/loop': (_q, s) => s.writeHead(301, { location: '/loop' }).end(),
    '/to-other-port': (_q, s) => s.writeHead(302, { location: other.url('/secret') }).end(),
    '/to-metadata': (_q, s) => s.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    '/to-file': (_q, s) => s.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/500': (_q, s) => s.writeHead(500, { 'content-type': 'text/html' }).end('oops'),
    '/429': (_q, s) => s.writeHead(429, { 'retry-after': '120', 'content-type': 'text/html' }).end('slow down'),
    '/slow': (_q, s) => {
      s.writeHead(200, { 'content-type': 'text/html' });
      s.write('<html>');
      // Never finishes: the fetcher's deadline must end it.
    },
    '/endless': (_q, s) => {
      s.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = (): void => {
        while (s.write(chunk)) if (s.destroyed) return;
        s.once('drain', pump);
      };
      s.on('close', () => s.removeAllListeners('drain'));
      pump();
    },
    '/bomb': (_q, s) =>
      s
        .writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' })
        .end(gzipSync(Buffer.alloc(4 * 1024 * 1024, 'a'))),
    '/image': (_q, s) => s.writeHead(200, { 'content-type': 'image/png' }).end('png'),
    '/page.html': (_q, s) =>
      s.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>Not a feed</p></body></html>'),
    '/cp1252': (_q, s) =>
      s
        .writeHead(200, { 'content-type': 'text/html; charset=windows-1252' })
        .end(iconv.encode('<p>\u201cCaf\u00e9\u201d \u2014 na\u00efve</p>', 'windows-1252')),
    '/sjis': (_q, s) =>
      s
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(
          iconv.encode(
            '<?xml version="1.0" encoding="Shift_JIS"?><rss><title>日本語のニュース</title></rss>',
            'shift_jis',
          ),
        ),
    '/wrong-charset': (_q, s) =>
      s
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(iconv.encode('<meta charset="iso-8859-1"><p>Se\u00f1or Gar\u00e7on</p>', 'latin1')),
    '/cookie': (q, s) =>
      s.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'id=1' }).end(String(q.headers.cookie ?? 'none')),
  });
  fetcher = createFetcher({ allow: [server.allow], timeoutMs: 1500, maxBytes: 1024 * 1024 });
});

afterAll(async () => {
  await fetcher.close();
  await server.close();
  await other.close();
});

async function failure(url: string, f = fetcher): Promise<FetchError> {
  const error = await f.fetch(url).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe('fetcher', () => {
  it('fetches a feed and names the bot in its User-Agent', async () => {
    const result = await fetcher.fetch(server.url('/feed.xml'));
    expect(result.status).toBe(200);
    expect(result.text).toBe(RSS);
    expect(server.requests.at(-1)?.headers['user-agent']).toMatch(/^briefbot\/\d+\.\d+\.\d+/);
    expect(server.requests.at(-1)?.headers['if-none-match']).toBeUndefined();
  });

  it('decompresses gzip', async () => {
    expect((await fetcher.fetch(server.url('/gzip'))).text).toBe(RSS);
  });

  it('sends validators only when it has them, and a 304 counts as ok', async () => {
    const first = await fetcher.fetch(server.url('/etag'));
    expect(first.etag).toBe('"v1"');
    const second = await fetcher.fetch(server.url('/etag'), { etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ status: 304, notModified: true, text: '' });
    const modified = await fetcher.fetch(server.url('/modified'), {
      etag: null,
      lastModified: 'Wed, 02 Dec 2026 10:00:00 GMT',
    });
    expect(modified.notModified).toBe(true);
    expect(server.requests.at(-1)?.headers['if-none-match']).toBeUndefined();
  });

  it('follows a redirect and reports the final URL', async () => {
    const result = await fetcher.fetch(server.url('/redirect'));
    expect(result.url).toBe(server.url('/feed.xml'));
    expect(result.redirects).toEqual([server.url('/feed.xml')]);
  });

  it('stops after five redirects', async () => {
    expect((await failure(server.url('/loop'))).kind).toBe('too-many-redirects');
  });

  it('refuses a redirect to another loopback port, to the metadata address and to file:', async () => {
    const otherPort = await failure(server.url('/to-other-port'));
    expect(otherPort.kind).toBe('blocked-address');
    expect(otherPort.message).toMatch(/loopback/);
    expect(other.requests).toHaveLength(0);
    expect((await failure(server.url('/to-metadata'))).kind).toBe('blocked-address');
    expect((await failure(server.url('/to-file'))).kind).toBe('bad-url');
  });

  it('refuses loopback in odd spellings without an allow-list entry', async () => {
    const port = server.port;
    const plain = createFetcher({ timeoutMs: 1500 });
    try {
      for (const url of [
        server.url('/feed.xml'),
        `http://2130706433:${port}/`,
        `http://0x7f.1:${port}/`,
        `http://[::ffff:127.0.0.1]:${port}/`,
        `http://0177.0.0.1:${port}/`,
        // localhost goes through DNS, so the lookup guard refuses it.
        `http://localhost:${port}/feed.xml`,
      ]) {
        expect((await failure(url, plain)).kind, url).toBe('blocked-address');
      }
    } finally {
      await plain.close();
    }
    // The allow-list names one address and port: ::1 on the same port is another address.
    expect((await failure(`http://[::1]:${port}/`)).kind).toBe('blocked-address');
    expect(other.requests).toHaveLength(0);
  });

  it('reports HTTP errors with their status and Retry-After', async () => {
    expect(await failure(server.url('/404'))).toMatchObject({ kind: 'http-status', status: 404 });
    expect(await failure(server.url('/500'))).toMatchObject({ kind: 'http-status', status: 500 });
    expect(await failure(server.url('/429'))).toMatchObject({ kind: 'http-status', status: 429, retryAfter: '120' });
  });

  it('gives up on a slow body at the deadline', async () => {
    const error = await failure(server.url('/slow'));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/1\.5 s/);
  });

  it('caps an endless body and a decompression bomb', async () => {
    expect((await failure(server.url('/endless'))).kind).toBe('too-large');
    expect((await failure(server.url('/bomb'))).kind).toBe('too-large');
  });

  it('refuses content types that are neither pages nor feeds, and accepts HTML that is not a feed', async () => {
    expect((await failure(server.url('/image'))).kind).toBe('not-allowed-type');
    expect((await fetcher.fetch(server.url('/page.html'))).text).toContain('Not a feed');
  });

  it('refuses other schemes and non-URLs', async () => {
    expect((await failure('ftp://example.com/feed')).kind).toBe('bad-url');
    expect((await failure('not a url')).kind).toBe('bad-url');
  });

  it('reports a refused connection', async () => {
    const closed = await startFixtureServer({});
    const url = closed.url('/');
    await closed.close();
    const f = createFetcher({ allow: [closed.allow], timeoutMs: 1500 });
    try {
      expect((await failure(url, f)).kind).toBe('refused');
    } finally {
      await f.close();
    }
  });

  it('decodes Windows-1252, Shift_JIS and a wrongly declared charset', async () => {
    const cp = await fetcher.fetch(server.url('/cp1252'));
    expect(cp.text).toBe('<p>\u201cCaf\u00e9\u201d \u2014 na\u00efve</p>');
    expect(cp.charset).toBe('windows-1252');
    const sjis = await fetcher.fetch(server.url('/sjis'));
    expect(sjis.text).toContain('日本語のニュース');
    expect(sjis.charset).toBe('shift_jis');
    const wrong = await fetcher.fetch(server.url('/wrong-charset'));
    expect(wrong.text).toContain('Se\u00f1or Gar\u00e7on');
  });

  it('keeps no cookies', async () => {
    await fetcher.fetch(server.url('/cookie'));
    expect((await fetcher.fetch(server.url('/cookie'))).text).toBe('none');
  });
});
