// Exactly once across processes: several scheduler processes wake at the same instant on one database file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SqliteDigestStore } from '../../src/digest/sqlite-store.js';
import { openDatabase } from '../../src/state/database.js';
import { run, ROOT } from '../e2e/helpers.js';
import { at, subscribe, tempDir } from './helpers.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

// Four tsx start-ups can be slow when the whole suite runs in parallel, hence the longer timeout.
it('posts each slot once when four processes share the database file', { timeout: 120_000 }, async () => {
  const dbPath = join(tmp.dir, 'briefbot.db');
  const out = join(tmp.dir, 'posts.txt');
  writeFileSync(out, '');
  const db = openDatabase(dbPath);
  const store = new SqliteDigestStore(db);
  const channels = Array.from({ length: 12 }, (_, i) => `discord:${100 + i}`);
  for (const channel of channels) await subscribe(store, channel, '0 8 * * *', 'UTC', at('2026-06-01T06:00:00Z'));
  db.close();

  const script = resolve(ROOT, 'tests/digest/fixtures/run-due.ts');
  const results = await Promise.all(
    ['p1', 'p2', 'p3', 'p4'].map((id) =>
      run(process.execPath, [resolve(ROOT, 'bin/run-ts.mjs'), script, dbPath, '2026-06-01T08:00:30Z', out, id]),
    ),
  );
  for (const r of results) expect(r.stderr, `a scheduler process failed (exit ${r.code})`).toBe('');
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  expect(lines.map((l) => l.split(' ')[0]).sort()).toEqual([...channels].sort());
  expect(results.reduce((n, r) => n + (JSON.parse(r.stdout) as { sent: number }).sent, 0)).toBe(channels.length);

  const check = new SqliteDigestStore(openDatabase(dbPath));
  expect((await check.deliveries()).every((d) => d.status === 'sent')).toBe(true);
  check.db.close();
});
