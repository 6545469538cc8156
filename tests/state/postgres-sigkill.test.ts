// One digest replica killed with SIGKILL mid-run, on Postgres: 200 subscriptions due in one slot, a slow replica
// starts first and is killed after a few posts while 2 other processes run the same slot. Nothing is posted twice.
// What the killed replica held and did not post is at most its claim in flight, recorded `unknown` by the next
// wake-up after the stale-claim window, which is inside the catch-up (grace) window; every other digest is posted.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PostgresDigestStore } from '../../src/digest/postgres-store.js';
import { postgresBackend, type PostgresBackend } from '../../src/state/backend.js';
import { at, postLines, subscribeDaily, tempDir } from '../digest/helpers.js';
import { QUIET_ENV, ROOT, run } from '../e2e/helpers.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';

const CHANNELS = Array.from({ length: 200 }, (_, i) => `discord:${1000 + i}`);
const SCRIPT = resolve(ROOT, 'tests/digest/fixtures/run-due.ts');
const RUN_TS = resolve(ROOT, 'bin/run-ts.mjs');

let db: TestDatabase;
let backend: PostgresBackend;
let tmp: { dir: string; cleanup: () => void };
beforeEach(async () => {
  db = await createTestDatabase('sigkill');
  backend = postgresBackend(db.url, { max: 2 });
  tmp = tempDir();
});
afterEach(async () => {
  await backend.close();
  await db.drop();
  tmp.cleanup();
});

it(
  'loses at most the claim in flight and doubles nothing when one of 3 replica processes is SIGKILLed mid-run',
  { timeout: 120_000 },
  async () => {
    const store = new PostgresDigestStore(await backend.pool());
    await subscribeDaily(store, CHANNELS, at('2026-06-01T06:00:00Z'));
    const out = join(tmp.dir, 'posts.txt');
    writeFileSync(out, '');
    const now = '2026-06-01T08:00:30Z';

    // The victim: 40 ms per post, so it is still posting when it is killed.
    const victim = spawn(process.execPath, [RUN_TS, SCRIPT, db.url, now, out, 'victim', '40'], {
      cwd: ROOT,
      env: { ...process.env, ...QUIET_ENV },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((done) => victim.on('exit', (_code, signal) => done(signal)));
    const deadline = Date.now() + 60_000;
    while (postLines(out).filter(([, by]) => by === 'victim').length < 3 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(postLines(out).length, 'the victim never started posting').toBeGreaterThanOrEqual(3);

    const survivors = ['p2', 'p3'].map((id) => run(process.execPath, [RUN_TS, SCRIPT, db.url, now, out, id, '5']));
    // Killed once the survivors are posting too, so all three are claiming from the same slot.
    while (!postLines(out).some(([, by]) => by !== 'victim') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    const beforeKill = postLines(out).filter(([, by]) => by === 'victim').length;
    victim.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    for (const r of await Promise.all(survivors))
      expect(r.stderr, `a surviving replica failed (exit ${r.code})`).toBe('');

    // The next wake-up after the stale-claim window (10 minutes), still inside the 60-minute grace window.
    const later = await run(process.execPath, [RUN_TS, SCRIPT, db.url, '2026-06-01T08:12:00Z', out, 'p4', '0']);
    expect(later.stderr).toBe('');

    const posted = postLines(out).map(([channel]) => channel);
    expect(posted.length, 'a digest was posted twice').toBe(new Set(posted).size);
    const ledger = await store.deliveries();
    expect(ledger).toHaveLength(CHANNELS.length);
    const notSent = ledger.filter((d) => d.status !== 'sent');
    // Only the victim's claim in flight can be neither posted nor retried: whether it reached Discord is unknown.
    expect(notSent.every((d) => d.claimedBy === 'victim' && d.status === 'unknown')).toBe(true);
    expect(notSent.length).toBeLessThanOrEqual(1);
    const missing = CHANNELS.filter((c) => !posted.includes(c));
    expect(missing.every((c) => notSent.some((d) => d.channel === c))).toBe(true);
    const by = (id: string) => postLines(out).filter(([, who]) => who === id).length;
    expect(by('victim')).toBeGreaterThanOrEqual(beforeKill);
    expect(by('victim'), 'the victim finished before it was killed').toBeLessThan(CHANNELS.length / 2);
    expect(by('p2') + by('p3') + by('p4')).toBeGreaterThan(0);
  },
);
