// Digests at scale on Postgres: N subscriptions due in one slot, R schedulers (each its own pool, as replicas are)
// waking together on a throwaway Postgres. Reports the time until every digest is posted and the Postgres round
// trips (queries sent, counted on every pooled connection) per digest. Posting itself is a no-op here.
import pg from 'pg';
import { PostgresDigestStore } from '../src/digest/postgres-store.js';
import { DigestScheduler } from '../src/digest/scheduler.js';
import { Library } from '../src/library/library.js';
import { silentLogger } from '../src/log.js';
import { postgresBackend } from '../src/state/backend.js';
import { sampleStories } from '../testkit/sample-stories.js';
import { startThrowawayPostgres } from '../testkit/postgres-server.js';

export interface DigestBench {
  subscriptions: number;
  replicas: number;
  postedOnce: boolean;
  msUntilAllPosted: number;
  roundTripsPerDigest: number;
}

export async function benchDigestReplicas(subscriptions = 10_000, replicas = 3): Promise<DigestBench> {
  const server = await startThrowawayPostgres();
  const backends = Array.from({ length: replicas + 1 }, () => postgresBackend(server.url, { max: 2 }));
  try {
    const setup = new PostgresDigestStore(await backends[0]!.pool());
    const channels = Array.from({ length: subscriptions }, (_, i) => `discord:${100_000 + i}`);
    const t0 = Date.parse('2026-06-01T06:00:00Z');
    await setup.pool.query(
      `INSERT INTO subscriptions (channel, cron, schedule_label, timezone, quiet, origin, created_by, created_at, updated_at, checked_until)
       SELECT c, '0 8 * * *', 'daily 08:00', 'UTC', NULL, 'chat', 'U1', $2, $2, $2 FROM unnest($1::text[]) AS c`,
      [channels, t0],
    );
    let queries = 0;
    const now = Date.parse('2026-06-01T08:00:30Z');
    const posts = new Map<string, number>();
    const library = new Library(sampleStories());
    const schedulers = await Promise.all(
      backends.slice(1).map(async (backend, n) => {
        const pool = await backend.pool();
        return new DigestScheduler({
          store: new PostgresDigestStore(pool),
          library,
          deliver: {
            handles: () => true,
            send: async (channel) => void posts.set(channel, (posts.get(channel) ?? 0) + 1),
          },
          log: silentLogger,
          clock: () => now,
          graceMinutes: 60,
          maxFailures: 3,
          instanceId: `bench-${n}`,
        });
      }),
    );
    // Every query any connection sends goes through Client.prototype.query (pool.query included): count them.
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      queries++;
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    const start = performance.now();
    await Promise.all(schedulers.map((s) => s.runDue(now)));
    const ms = performance.now() - start;
    pg.Client.prototype.query = original;
    return {
      subscriptions,
      replicas,
      postedOnce: posts.size === subscriptions && [...posts.values()].every((n) => n === 1),
      msUntilAllPosted: Math.round(ms),
      roundTripsPerDigest: Number((queries / subscriptions).toFixed(2)),
    };
  } finally {
    for (const b of backends) await b.close();
    await server.stop();
  }
}
