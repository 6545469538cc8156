// Digests at scale on Postgres: N subscriptions due in one slot, R replica processes (bench/digest-replica-worker.ts,
// each its own Postgres pool) waking together on a throwaway Postgres. Reports the time from "go" until every
// replica has finished the slot, whether every digest was posted exactly once, and the Postgres round trips (queries
// sent, counted on every pooled connection of every replica) per digest. Posting itself is a no-op here.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PostgresDigestStore } from '../src/digest/postgres-store.js';
import { postgresBackend } from '../src/state/backend.js';
import { startThrowawayPostgres } from '../testkit/postgres-server.js';

const WORKER = fileURLToPath(new URL('./digest-replica-worker.ts', import.meta.url));
const RUN_TS = fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url));

export interface DigestBench {
  subscriptions: number;
  replicas: number;
  postedOnce: boolean;
  msUntilAllPosted: number;
  roundTripsPerDigest: number;
  /** How many digests each replica process posted. */
  postsPerReplica: number[];
}

export async function benchDigestReplicas(subscriptions = 10_000, replicas = 3): Promise<DigestBench> {
  const server = await startThrowawayPostgres();
  const setupBackend = postgresBackend(server.url, { max: 2 });
  try {
    const setup = new PostgresDigestStore(await setupBackend.pool());
    const channels = Array.from({ length: subscriptions }, (_, i) => `discord:${100_000 + i}`);
    const t0 = Date.parse('2026-06-01T06:00:00Z');
    await setup.pool.query(
      `INSERT INTO subscriptions (channel, cron, schedule_label, timezone, quiet, origin, created_by, created_at, updated_at, checked_until)
       SELECT c, '0 8 * * *', 'daily 08:00', 'UTC', NULL, 'chat', 'U1', $2, $2, $2 FROM unnest($1::text[]) AS c`,
      [channels, t0],
    );
    await setupBackend.close();
    const children = Array.from({ length: replicas }, (_, n) => {
      const child = spawn(process.execPath, [RUN_TS, WORKER, server.url, '2026-06-01T08:00:30Z', `bench-${n}`], {
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      // Every line is kept from the start: a line read before anyone asks for it must not be lost.
      const lines: string[] = [];
      const waiting: Array<(line: string) => void> = [];
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const take = waiting.shift();
        if (take) take(line);
        else lines.push(line);
      });
      const next = () =>
        lines.length ? Promise.resolve(lines.shift()!) : new Promise<string>((resolve) => waiting.push(resolve));
      return { child, next };
    });
    // Every replica connected and ready before the clock starts: start-up is not what is measured.
    for (const c of children) if ((await c.next()) !== 'ready') throw new Error('a digest replica failed to start');
    const start = performance.now();
    const done = children.map((c) => c.next());
    for (const c of children) c.child.stdin!.write('go\n');
    const reports = (await Promise.all(done)).map(
      (line) => JSON.parse(line) as { posted: string[]; queries: number; ms: number },
    );
    const ms = performance.now() - start;
    await Promise.all(children.map((c) => (c.child.exitCode === null ? once(c.child, 'exit') : null)));
    const posts = new Map<string, number>();
    for (const r of reports) for (const channel of r.posted) posts.set(channel, (posts.get(channel) ?? 0) + 1);
    const queries = reports.reduce((sum, r) => sum + r.queries, 0);
    return {
      subscriptions,
      replicas,
      postedOnce: posts.size === subscriptions && [...posts.values()].every((n) => n === 1),
      msUntilAllPosted: Math.round(ms),
      roundTripsPerDigest: Number((queries / subscriptions).toFixed(2)),
      postsPerReplica: reports.map((r) => r.posted.length),
    };
  } finally {
    await setupBackend.close();
    await server.stop();
  }
}
