// DATABASE_URL switches the real CLI's digest state to Postgres: a schedule made by one command is read by the next
// from the database (no SQLite file appears), and the process exits by itself with the pool closed.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PostgresDigestStore } from '../../src/digest/postgres-store.js';
import { postgresBackend } from '../../src/state/backend.js';
import { tempDir } from '../digest/helpers.js';
import { briefbot } from '../e2e/helpers.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';

let tmp: { dir: string; cleanup: () => void };
let db: TestDatabase;
beforeEach(async () => {
  tmp = tempDir();
  db = await createTestDatabase('cli');
});
afterEach(async () => {
  tmp.cleanup();
  await db.drop();
});

it('keeps /digest schedules in Postgres when DATABASE_URL is set', { timeout: 60_000 }, async () => {
  const seeds = join(tmp.dir, 'seeds');
  mkdirSync(seeds);
  writeFileSync(
    join(seeds, 'ferry.txt'),
    'Ferry returns to service\n\nThe island ferry returns to service on Saturday after repairs, the operator said.\n',
  );
  const sqliteFile = join(tmp.dir, 'data', 'briefbot.db');
  const env = { DATABASE_URL: db.url, DATABASE_PATH: sqliteFile };
  const ok = await briefbot(
    [
      'digest',
      'subscribe',
      '--schedule',
      'daily 07:30',
      'timezone:Europe/London',
      'channel:slack:C42',
      '--seeds',
      seeds,
    ],
    { env },
  );
  expect(ok.stderr).toBe('');
  expect(ok.stdout).toContain('Subscribed: digest for slack:C42');
  const list = await briefbot(['digest', 'list', '--seeds', seeds], { env });
  expect(list.stdout).toContain('daily 07:30 (cron 30 7 * * *), Europe/London');
  expect(existsSync(sqliteFile)).toBe(false);

  const backend = postgresBackend(db.url);
  try {
    const store = new PostgresDigestStore(await backend.pool());
    expect(await store.subscription('slack:C42')).toMatchObject({
      cron: '30 7 * * *',
      timezone: 'Europe/London',
      origin: 'chat',
    });
  } finally {
    await backend.close();
  }
  // The password in DATABASE_URL never reaches the output.
  expect(ok.stdout + ok.stderr + list.stdout + list.stderr).not.toContain(new URL(db.url).password);
});
