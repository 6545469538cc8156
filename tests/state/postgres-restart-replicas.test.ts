// Postgres restarted in the middle of a run, with 3 replica processes posting 200 digests due in one slot (its own
// throwaway server, so the shared one is left alone). A replica whose connection the restart cut may fail its
// run, as a replica would crash; the next wake-up, after the stale-claim window and inside the catch-up window,
// posts what was left. Nothing is posted twice; what is neither posted nor retried is at most one claim in flight
// per replica at the restart, recorded `unknown` (whether it reached the platform cannot be known).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PostgresDigestStore } from '../../src/digest/postgres-store.js';
import { postgresBackend } from '../../src/state/backend.js';
import { at, postLines, subscribeDaily, tempDir } from '../digest/helpers.js';
import { ROOT, run } from '../e2e/helpers.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../testkit/postgres-server.js';

const CHANNELS = Array.from({ length: 200 }, (_, i) => `discord:${2000 + i}`);
const SCRIPT = resolve(ROOT, 'tests/digest/fixtures/run-due.ts');
const RUN_TS = resolve(ROOT, 'bin/run-ts.mjs');
const REPLICAS = ['r1', 'r2', 'r3'];

let server: ThrowawayPostgres;
let tmp: { dir: string; cleanup: () => void };
beforeAll(async () => {
  server = await startThrowawayPostgres();
  tmp = tempDir();
});
afterAll(async () => {
  await server?.stop();
  tmp?.cleanup();
});

it(
  'posts nothing twice and loses at most the claims in flight when Postgres restarts mid-run under 3 replicas',
  { timeout: 180_000 },
  async () => {
    const setup = postgresBackend(server.url, { max: 2 });
    const store = new PostgresDigestStore(await setup.pool());
    await subscribeDaily(store, CHANNELS, at('2026-06-01T06:00:00Z'));
    await setup.close();
    const out = join(tmp.dir, 'posts.txt');
    writeFileSync(out, '');

    // 30 ms per post: slow enough that the run is still going when Postgres restarts.
    const runs = REPLICAS.map((id) =>
      run(process.execPath, [RUN_TS, SCRIPT, server.url, '2026-06-01T08:00:30Z', out, id, '30']),
    );
    const deadline = Date.now() + 60_000;
    while (postLines(out).length < 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const beforeRestart = postLines(out).length;
    expect(beforeRestart, 'the replicas never started posting').toBeGreaterThanOrEqual(30);
    await server.restart();
    const first = await Promise.all(runs);
    expect(beforeRestart, 'the run ended before the restart').toBeLessThan(CHANNELS.length);

    // The next wake-up of each replica, past the 10-minute stale-claim window, inside the 60-minute grace window.
    const later = await Promise.all(
      REPLICAS.map((id) => run(process.execPath, [RUN_TS, SCRIPT, server.url, '2026-06-01T08:12:00Z', out, id, '0'])),
    );
    for (const r of later) expect(r.stderr, `a replica failed after the restart (exit ${r.code})`).toBe('');

    const posted = postLines(out).map(([channel]) => channel);
    expect(posted.length, 'a digest was posted twice').toBe(new Set(posted).size);
    const check = postgresBackend(server.url, { max: 1 });
    try {
      const ledger = await new PostgresDigestStore(await check.pool()).deliveries();
      expect(ledger).toHaveLength(CHANNELS.length);
      const notSent = ledger.filter((d) => d.status !== 'sent');
      expect(notSent.every((d) => d.status === 'unknown')).toBe(true);
      expect(notSent.length, 'more than one claim in flight per replica was lost').toBeLessThanOrEqual(REPLICAS.length);
      const missing = CHANNELS.filter((c) => !posted.includes(c));
      expect(missing.every((c) => notSent.some((d) => d.channel === c))).toBe(true);
      // The restart really cut the first run short: the later wake-ups posted the rest.
      expect(posted.length - beforeRestart).toBeGreaterThan(0);
      expect(first.some((r) => r.code !== 0) || postLines(out).length > beforeRestart).toBe(true);
    } finally {
      await check.close();
    }
  },
);
