// Postgres restarted between two wake-ups (its own throwaway server, so the shared one is left alone): the pool
// drops its dead connections, the next wake-up reconnects, and nothing is posted twice or lost.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDigestStore } from '../../src/digest/open-store.js';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { postgresBackend } from '../../src/state/backend.js';
import { at, FakeDeliver, sampleStories } from '../digest/helpers.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../testkit/postgres-server.js';

let server: ThrowawayPostgres;
beforeAll(async () => {
  server = await startThrowawayPostgres();
});
afterAll(async () => server?.stop());

it('keeps posting each slot once after Postgres restarts', async () => {
  const backend = postgresBackend(server.url, { max: 2 });
  try {
    const store = await openDigestStore(backend);
    const start = at('2026-06-01T06:00:00Z');
    for (const channel of ['discord:1', 'discord:2']) {
      await store.upsert(
        {
          channel,
          cron: '0 * * * *',
          scheduleLabel: 'hourly',
          timezone: 'UTC',
          quiet: null,
          origin: 'chat',
          createdBy: 'U1',
        },
        start,
      );
    }
    const deliver = new FakeDeliver();
    let now = at('2026-06-01T07:00:30Z');
    const scheduler = new DigestScheduler({
      store,
      library: new Library(sampleStories()),
      deliver,
      log: silentLogger,
      clock: () => now,
      graceMinutes: 60,
      maxFailures: 3,
    });
    expect((await scheduler.runDue(now)).sent).toHaveLength(2);

    await server.restart();
    now = at('2026-06-01T08:00:30Z');
    // The first query after the restart may meet a connection the server closed; the pool replaces it.
    let report = await scheduler.runDue(now).catch(() => null);
    report ??= await scheduler.runDue(now);
    expect(report.sent).toHaveLength(2);
    expect(deliver.posts.map((p) => p.channel).sort()).toEqual(['discord:1', 'discord:1', 'discord:2', 'discord:2']);
    expect(
      (await store.deliveries()).map((d) => [d.channel, new Date(d.slot).toISOString().slice(11, 16), d.status]),
    ).toEqual([
      ['discord:1', '07:00', 'sent'],
      ['discord:1', '08:00', 'sent'],
      ['discord:2', '07:00', 'sent'],
      ['discord:2', '08:00', 'sent'],
    ]);
  } finally {
    await backend.close();
  }
});
