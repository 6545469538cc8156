// DATABASE_URL puts the running bot's feeds and articles in Postgres (app.ts hands the state backend to the feed
// runtime): a feed added by one runtime is stored there, no SQLite file appears, and another runtime on the same
// database (a second replica, or a restart) loads the fetched articles into its library and sees the feed.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/http-server.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';

const BODY =
  'The county council voted on Monday to reopen the coastal path after storm repairs, a spokesperson said. '.repeat(5);
const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Coast News</title><item><guid>path-1</guid><title>Coastal path reopens</title><link>http://coast.example/path-1</link><pubDate>Wed, 02 Dec 2026 09:00:00 GMT</pubDate><description>${BODY}</description></item></channel></rss>`;

let server: FixtureServer;
let db: TestDatabase;
let dir: string;
const runtimes: Runtime[] = [];

beforeEach(async () => {
  server = await startFixtureServer({
    '/feed.xml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS),
  });
  db = await createTestDatabase('feedruntime');
  dir = mkdtempSync(join(tmpdir(), 'feeds-pg-'));
});

afterEach(async () => {
  for (const r of runtimes.splice(0)) {
    await r.feeds?.stop();
    await r.state.close();
  }
  await server.close();
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function runtime(): Promise<Runtime> {
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATABASE_PATH: join(dir, 'bot.db'),
    BRIEFING_CACHE: 'off',
    SEEDS_DIR: dir,
    FETCH_ALLOW: server.allow,
    FEED_HOST_GAP_MS: '0',
    LOG_LEVEL: 'silent',
  });
  const r = await createRuntime(config, createLogger({ level: 'silent' }), dir, { tickMs: 0 });
  runtimes.push(r);
  return r;
}

it('keeps feeds and fetched articles in Postgres, shared by every runtime on the database', async () => {
  const first = await runtime();
  const added = await first.feeds!.feedService.add({
    url: server.url('/feed.xml'),
    channel: 'discord:1',
    postEach: false,
    addedBy: 'u1',
  });
  expect(added.ok).toBe(true);
  expect(first.library.stories().map((s) => s.briefing.title)).toEqual(['Coastal path reopens']);
  expect(existsSync(join(dir, 'bot.db'))).toBe(false);

  if (first.state.kind !== 'postgres') throw new Error('expected the Postgres backend');
  const pool = await first.state.pool();
  const feeds = await pool.query('SELECT url, title FROM feeds');
  expect(feeds.rows).toEqual([{ url: server.url('/feed.xml'), title: 'Coast News' }]);
  expect((await pool.query('SELECT url FROM articles')).rows).toEqual([{ url: 'http://coast.example/path-1' }]);

  const second = await runtime();
  expect(second.library.stories().map((s) => s.briefing.title)).toEqual(['Coastal path reopens']);
  expect((await second.feeds!.feedService.list('discord:1')).map((f) => f.feed.url)).toEqual([server.url('/feed.xml')]);
  expect(existsSync(join(dir, 'bot.db'))).toBe(false);
});
