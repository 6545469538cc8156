// Exactly once across replicas on Postgres: several schedulers, each with its own connection pool (in this process,
// and as separate processes), wake for the same slot of 200 subscriptions; every digest is posted exactly once.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PostgresDigestStore } from '../../src/digest/postgres-store.js';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { postgresBackend, type PostgresBackend } from '../../src/state/backend.js';
import { migratePostgres } from '../../src/state/postgres.js';
import { PG_MIGRATIONS } from '../../src/state/pg-migrations.js';
import { at, sampleStories, tempDir, subscribeDaily } from '../digest/helpers.js';
import { run, ROOT } from '../e2e/helpers.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';

let db: TestDatabase;
let opened: PostgresBackend[];
beforeEach(async () => {
  db = await createTestDatabase('replicas');
  opened = [];
});
afterEach(async () => {
  for (const b of opened) await b.close();
  await db.drop();
});

const replica = (max = 2) => {
  const backend = postgresBackend(db.url, { max });
  opened.push(backend);
  return backend;
};

const CHANNELS = Array.from({ length: 200 }, (_, i) => `discord:${1000 + i}`);

async function subscribeAll(): Promise<PostgresDigestStore> {
  const store = new PostgresDigestStore(await replica().pool());
  await subscribeDaily(store, CHANNELS, at('2026-06-01T06:00:00Z'));
  return store;
}

it('migrates once when several replicas start together', async () => {
  const pools = await Promise.all([1, 2, 3, 4].map(async () => (await import('pg')).default.Pool));
  const started = pools.map((Pool) => new Pool({ connectionString: db.url, max: 1 }));
  try {
    expect(await Promise.all(started.map((p) => migratePostgres(p)))).toEqual(Array(4).fill(PG_MIGRATIONS.length));
    const { rows } = await started[0]!.query('SELECT version FROM briefbot_schema');
    expect(rows).toEqual([{ version: PG_MIGRATIONS.length }]);
  } finally {
    for (const p of started) await p.end();
  }
});

it('posts each of 200 due digests exactly once across 5 concurrent schedulers with their own pools', async () => {
  const check = await subscribeAll();
  const now = at('2026-06-01T08:00:30Z');
  const posts: string[] = [];
  const schedulers = await Promise.all(
    [1, 2, 3, 4, 5].map(async (n) => {
      const store = new PostgresDigestStore(await replica().pool());
      return new DigestScheduler({
        store,
        library: new Library(sampleStories()),
        deliver: {
          handles: () => true,
          send: async (channel) => {
            await new Promise((r) => setImmediate(r)); // let the others interleave
            posts.push(channel);
          },
        },
        log: silentLogger,
        clock: () => now,
        graceMinutes: 60,
        maxFailures: 3,
        instanceId: `r${n}`,
      });
    }),
  );
  const reports = await Promise.all(schedulers.map((s) => s.runDue(now)));
  expect(posts.length).toBe(CHANNELS.length);
  expect([...posts].sort()).toEqual([...CHANNELS].sort());
  expect(reports.reduce((n, r) => n + r.sent.length, 0)).toBe(CHANNELS.length);
  const ledger = await check.deliveries();
  expect(ledger).toHaveLength(CHANNELS.length);
  expect(ledger.every((d) => d.status === 'sent' && d.slot === at('2026-06-01T08:00:00Z'))).toBe(true);
  // A second wake-up of every replica posts nothing more.
  await Promise.all(schedulers.map((s) => s.runDue(now + 60_000)));
  expect(posts.length).toBe(CHANNELS.length);
});

// Three tsx start-ups can be slow when the whole suite runs in parallel, hence the longer timeout.
it(
  'posts each of 200 due digests exactly once when 3 replica processes share the Postgres database',
  { timeout: 120_000 },
  async () => {
    const check = await subscribeAll();
    const tmp = tempDir();
    try {
      const out = join(tmp.dir, 'posts.txt');
      writeFileSync(out, '');
      const script = resolve(ROOT, 'tests/digest/fixtures/run-due.ts');
      const results = await Promise.all(
        ['p1', 'p2', 'p3'].map((id) =>
          run(process.execPath, [resolve(ROOT, 'bin/run-ts.mjs'), script, db.url, '2026-06-01T08:00:30Z', out, id]),
        ),
      );
      for (const r of results) expect(r.stderr, `a replica process failed (exit ${r.code})`).toBe('');
      const lines = readFileSync(out, 'utf8').trim().split('\n');
      expect(lines.map((l) => l.split(' ')[0]).sort()).toEqual([...CHANNELS].sort());
      expect(results.reduce((n, r) => n + (JSON.parse(r.stdout) as { sent: number }).sent, 0)).toBe(CHANNELS.length);
      expect((await check.deliveries()).every((d) => d.status === 'sent')).toBe(true);
    } finally {
      tmp.cleanup();
    }
  },
);
