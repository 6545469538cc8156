// One digest replica process for the digest bench: opens Postgres, waits for the parent's "go" on stdin (so every
// replica is started before the clock runs), runs the due slot once, and prints one JSON line with the channels it
// posted, the Postgres round trips it sent and how long its run took. Posting itself is a no-op.
// Args: POSTGRES_URL NOW_ISO INSTANCE_ID
import pg from 'pg';
import { PostgresDigestStore } from '../src/digest/postgres-store.js';
import { DigestScheduler } from '../src/digest/scheduler.js';
import { Library } from '../src/library/library.js';
import { silentLogger } from '../src/log.js';
import { postgresBackend } from '../src/state/backend.js';
import { sampleStories } from '../testkit/sample-stories.js';

const [url, nowIso, instanceId] = process.argv.slice(2) as [string, string, string];
const backend = postgresBackend(url, { max: 2 });
const pool = await backend.pool();
const now = Date.parse(nowIso);
const posted: string[] = [];
const scheduler = new DigestScheduler({
  store: new PostgresDigestStore(pool),
  library: new Library(sampleStories()),
  deliver: { handles: () => true, send: async (channel) => void posted.push(channel) },
  log: silentLogger,
  clock: () => now,
  graceMinutes: 60,
  maxFailures: 3,
  instanceId,
});
let queries = 0;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queries++;
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof original;
process.stdout.write('ready\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const start = performance.now();
await scheduler.runDue(now);
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ posted, queries, ms })}\n`);
pg.Client.prototype.query = original;
await backend.close();
process.exit(0);
