import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { main } from '../../src/cli/main.js';
import { addToLibrary, articleText, pruneArticles, textHash } from '../../src/feeds/articles.js';
import { SqliteArticleStore } from '../../src/feeds/sqlite-store.js';
import { Library } from '../../src/library/library.js';
import { openDatabase } from '../../src/state/database.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/http-server.js';

const PAGE = `<!doctype html><html><head><title>Council approves bridge plan</title><meta property="og:site_name" content="Town Gazette">
<meta property="article:published_time" content="2026-12-01T08:00:00Z"></head><body><nav>Home</nav><article><h1>Council approves bridge plan</h1>
<p>The city council approved the new bridge plan on Friday after a long debate, officials said.</p>
<p>"We are pleased with the outcome," Mayor Jane Doe said at the town hall.</p></article></body></html>`;
const FEED =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Town Gazette</title><item><guid>g1</guid><title>First</title><link>http://gazette.example/1</link></item></channel></rss>';

let dir: string;
let server: FixtureServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'feeds-cli-'));
  writeFileSync(join(dir, 'page.html'), PAGE);
  writeFileSync(join(dir, 'feed.xml'), FEED);
  server = await startFixtureServer({
    '/page.html': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    env: { LOG_LEVEL: 'silent', ...env },
  });
  return { code, out, err };
}

describe('briefbot extract and feed parse', () => {
  it('extract --json prints one line per page, from a file or a URL', async () => {
    const r = await cli(['extract', join(dir, 'page.html'), server.url('/page.html'), '--json'], {
      FETCH_ALLOW: server.allow,
    });
    expect(r.code).toBe(0);
    const rows = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(rows.map((x) => x.source)).toEqual([join(dir, 'page.html'), server.url('/page.html')]);
    expect(rows[1]).toMatchObject({
      title: 'Council approves bridge plan',
      siteName: 'Town Gazette',
      published: '2026-12-01T08:00:00.000Z',
    });
    expect(rows[0]!.text).toContain('officials said.\n\n"We are pleased');
    expect(Object.keys(rows[0]!)).toEqual(['source', 'url', 'title', 'byline', 'siteName', 'published', 'text']);
  });

  it('extract refuses a loopback URL that is not allowed', async () => {
    const r = await cli(['extract', server.url('/page.html'), '--json']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/loopback/);
  });

  it('feed parse --json prints the feed and its items', async () => {
    const r = await cli(['feed', 'parse', join(dir, 'feed.xml'), '--json']);
    expect(r.code).toBe(0);
    const feed = JSON.parse(r.out) as { format: string; title: string; items: Array<{ id: string; link: string }> };
    expect(feed).toMatchObject({ format: 'rss', title: 'Town Gazette' });
    expect(feed.items).toEqual([
      expect.objectContaining({ id: 'g1', link: 'http://gazette.example/1', title: 'First' }),
    ]);
  });
});

describe('article retention', () => {
  it('drops articles past ARTICLE_RETENTION_DAYS and past the count limit, from the store and the library', async () => {
    const db = openDatabase(':memory:');
    const store = new SqliteArticleStore(db);
    const library = new Library();
    const day = 86_400_000;
    const now = Date.parse('2026-12-02T12:00:00Z');
    for (const [i, age] of [40, 3, 2, 1].entries()) {
      const text = articleText(
        `Story number ${i} about the bridge`,
        null,
        `The council met on day ${i} and approved the bridge plan, officials said.`,
      );
      const article = {
        url: `http://x.example/${i}`,
        feedUrl: null,
        outlet: 'X',
        title: null,
        published: null,
        fetchedAt: now - age * day,
        text,
        hash: textHash(text),
      };
      await store.put(article);
      addToLibrary(library, article, deriveBriefing);
    }
    const removed = await pruneArticles(library, store, now, 30, 2);
    expect(removed.sort()).toEqual(['http://x.example/0', 'http://x.example/1']);
    expect((await store.all()).map((a) => a.url)).toEqual(['http://x.example/3', 'http://x.example/2']);
    expect(library.size).toBe(2);
    db.close();
  });
});

describe('a mention that is only a link', () => {
  it('briefs the link instead of asking about it', async () => {
    const { createBot } = await import('../../src/core/bot.js');
    const { commands } = await import('../../commands/index.js');
    const { createLogger } = await import('../../src/log.js');
    const opened: string[] = [];
    const library = new Library();
    const links = {
      open: async (url: string) => {
        opened.push(url);
        const text = articleText(
          'Council approves bridge plan',
          '2026-12-01',
          'The city council approved the new bridge plan on Friday, officials said.',
        );
        const story = addToLibrary(
          library,
          {
            url,
            feedUrl: null,
            outlet: 'Town Gazette',
            title: null,
            published: '2026-12-01',
            fetchedAt: 0,
            text,
            hash: textHash(text),
          },
          deriveBriefing,
        );
        return { ok: true as const, story };
      },
    };
    const bot = createBot(
      {
        library,
        questions: () => {
          throw new Error('not asked');
        },
        links,
        commands,
        botName: 'briefbot',
        now: () => new Date(0),
      },
      createLogger({ level: 'silent' }),
    );
    const caller = { platform: 'slack' as const, userId: 'U1', channelId: 'slack:C1', isAdmin: false };
    const reply = await bot.mention('<https://gazette.example/bridge?utm_source=x>', caller);
    expect(opened).toEqual(['https://gazette.example/bridge?utm_source=x']);
    expect(reply.title).toBe('Council approves bridge plan');
    expect(reply.link).toEqual({
      url: 'https://gazette.example/bridge?utm_source=x',
      outlet: 'Town Gazette',
      published: '2026-12-01',
    });
  });
});
