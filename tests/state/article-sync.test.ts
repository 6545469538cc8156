// Articles between replicas through LISTEN/NOTIFY: two replicas' runtimes (createRuntime, each with its own pool,
// library and LISTEN connection) on one real Postgres. Replica A reads a link; replica B's library, /stories and
// /ask have it without a restart, and a changed article replaces the old one. Nothing polls: a change whose
// notification is lost (written with triggers off) stays unseen until B's LISTEN connection drops, and B's
// reconnection catches it up from its stored-at cursor, deletes included.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { consoleCaller } from '../../src/core/caller.js';
import { replyTexts } from '../../src/core/reply.js';
import { articleText, textHash } from '../../src/feeds/articles.js';
import { createLogger } from '../../src/log.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/http-server.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';
import { until } from '../e2e/helpers.js';

let dir: string;
let db: TestDatabase;
let server: FixtureServer;
let a: Runtime;
let b: Runtime;
let pageBody = '';
const applied: string[] = [];

const page = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title><meta property="og:site_name" content="Harbour Post"></head>` +
  `<body><article><h1>${title}</h1><p>${body}</p><p>${body}</p></article></body></html>`;

async function replica(name: string): Promise<Runtime> {
  const seeds = join(dir, name);
  mkdirSync(seeds);
  const config = loadConfig({
    DATABASE_URL: db.url,
    BRIEFING_CACHE: 'off',
    LOG_LEVEL: 'silent',
    FETCH_ALLOW: server.allow,
    WATCH_SEEDS: 'false',
  });
  const runtime = await createRuntime(config, createLogger({ level: 'silent' }), seeds, {
    tickMs: 0,
    ...(name === 'b' ? { onSynced: (url: string, op: string) => applied.push(`${op} ${url}`) } : {}),
  });
  await runtime.feeds!.follow();
  return runtime;
}

/** Runs SQL on its own connection; `quiet` turns triggers off, so the write sends no NOTIFY (a lost event). */
async function sql(text: string, params: unknown[] = [], quiet = false): Promise<void> {
  const client = new pg.Client(db.url);
  await client.connect();
  try {
    if (quiet) await client.query('SET session_replication_role = replica');
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'article-sync-'));
  db = await createTestDatabase('article_sync');
  server = await startFixtureServer({
    '/harbour': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(pageBody);
    },
  });
  a = await replica('a');
  b = await replica('b');
});

afterAll(async () => {
  for (const r of [a, b]) {
    await r?.feeds?.stop();
    await r?.state.close();
  }
  await server?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

it('a link read on replica A reaches replica B: its library, /stories and /ask, without a restart', async () => {
  const url = `http://${server.allow}/harbour`;
  pageBody = page(
    'Harbour board agrees to dredge the eastern channel',
    'The harbour board agreed on Tuesday to dredge the eastern channel before the spring tides, said Mara Quill, its chair.',
  );
  expect(b.library.bySourcePath(url)).toBeUndefined();
  const opened = await a.feeds!.links.open(url);
  expect(opened.ok).toBe(true);
  await until(() => b.library.bySourcePath(url) !== undefined, 'B to hear of the article');
  const story = b.library.bySourcePath(url)!;
  expect(story.article?.outlet).toBe('Harbour Post');
  expect(story.briefing.title).toMatch(/dredge the eastern channel/);
  expect(replyTexts(await b.bot.run('stories', {}, consoleCaller)).join('\n')).toMatch(/dredge the eastern channel/);
  const answer = replyTexts(await b.bot.run('ask', { question: 'who is Mara Quill?' }, consoleCaller)).join('\n');
  expect(answer).toMatch(/chair/);
  // A's own notification came back to A, and changed nothing: A's library holds the article once, as it stored it.
  await a.feeds!.synced();
  expect(a.library.stories().filter((s) => s.briefing.source === url)).toHaveLength(1);
  expect(applied).toEqual([`upsert ${url}`]);

  // The page changes and A reads it again: B replaces its copy.
  pageBody = page(
    'Harbour board postpones the dredging',
    'The harbour board postponed the dredging of the eastern channel until the autumn, said Mara Quill.',
  );
  expect((await a.feeds!.links.open(url)).ok).toBe(true);
  await until(() => /postpones/.test(b.library.bySourcePath(url)?.briefing.title ?? ''), 'B to take the change');
  expect(b.library.stories().filter((s) => s.briefing.source === url)).toHaveLength(1);
});

it('an article whose URL cannot fit in a notification still reaches B, through a catch-up', async () => {
  // Postgres refuses a NOTIFY payload of 8000 bytes or more; the write must not fail, and B must still hear of it.
  const url = `https://long.example/${'a'.repeat(8100)}`;
  const text = articleText('Lighthouse keeper retires after forty years', null, 'The keeper retired. '.repeat(10));
  await sql(
    `INSERT INTO articles (url, outlet, title, fetched_at, text, hash, stored_at)
     VALUES ($1, 'Long', 'Lighthouse', $2, $3, $4, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint)`,
    [url, Date.now(), text, textHash(text)],
  );
  await until(() => b.library.bySourcePath(url) !== undefined, 'B to catch up on the long URL');
  await sql('DELETE FROM articles WHERE url = $1', [url]);
  await until(() => b.library.bySourcePath(url) === undefined, 'B to drop it');
});

it('catches up after its LISTEN connection drops, on what was stored and deleted while it could not hear', async () => {
  const url = 'https://quiet.example/ferry';
  const text = articleText(
    'Ferry service returns to the island',
    null,
    'The ferry service returned on Monday. '.repeat(8),
  );
  // Stored with triggers off: no NOTIFY, as if B had been disconnected when it was sent.
  await sql(
    `INSERT INTO articles (url, outlet, title, fetched_at, text, hash, stored_at)
     VALUES ($1, 'Quiet', 'Ferry', $2, $3, $4, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint)`,
    [url, Date.now(), text, textHash(text)],
    true,
  );
  const harbour = `http://${server.allow}/harbour`;
  await sql('DELETE FROM articles WHERE url = $1', [harbour], true);
  // Payloads that are not an article event are ignored without breaking the listener.
  await sql(`SELECT pg_notify('briefbot_articles', 'null'), pg_notify('briefbot_articles', 'not json')`);
  // B does not look by itself: no polling loop finds the row.
  await new Promise((r) => setTimeout(r, 500));
  await b.feeds!.synced();
  expect(b.library.bySourcePath(url)).toBeUndefined();
  expect(b.library.bySourcePath(harbour)).toBeDefined();

  // Drop every LISTEN connection of this database (B's and A's); they reconnect and catch up.
  await sql(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
     WHERE datname = current_database() AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`,
  );
  await until(() => b.library.bySourcePath(url) !== undefined, 'B to catch up on the article');
  await until(() => b.library.bySourcePath(harbour) === undefined, 'B to drop the deleted article');
  expect(b.library.bySourcePath(url)!.briefing.title).toMatch(/Ferry service returns/);
  // A caught up too (it was as deaf as B).
  await until(() => a.library.bySourcePath(url) !== undefined, 'A to catch up');

  // And B hears live events again on the new connection.
  await sql(`UPDATE articles SET hash = 'changed', title = 'Ferry' WHERE url = $1`, [url]);
  await sql('DELETE FROM articles WHERE url = $1', [url]);
  await until(() => b.library.bySourcePath(url) === undefined, 'B to hear of the delete');
});
