// The per-shard gateway locks on a real Postgres: a lease over several shard ids is held only with every one of
// them, and a try that finds one taken gives back the others at once, so a replica whose set overlaps another's
// never blocks a third replica on the ids only it wanted.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresBackend, type PostgresBackend } from '../../src/state/backend.js';
import { gatewayLock, LEASE_KEYS, type Lease } from '../../src/state/lease.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';

const RETRY_MS = 100;

let db: TestDatabase;
let backend: PostgresBackend;
const leases: Lease[] = [];
const events: string[] = [];

function lease(name: string, ids: number[]): Lease {
  const made = backend.lease({ ...gatewayLock({ ids }), retryMs: RETRY_MS });
  made.start({ acquired: () => void events.push(`${name} acquired`), lost: () => void events.push(`${name} lost`) });
  leases.push(made);
  return made;
}

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; events: ${events.join(', ')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  db = await createTestDatabase('shardlocks');
  backend = postgresBackend(db.url, { max: 1 });
});

afterAll(async () => {
  for (const l of leases) await l.stop();
  await backend?.close();
  await db?.drop();
});

it('holds all of its shards or none, and a failed try leaves the others free', async () => {
  const first = lease('first', [0, 1]);
  await until(() => first.held, 'the first lease');
  // Wants 1 (held by first) and 2 (free): must not hold, and must not keep 2 either.
  const overlapping = lease('overlapping', [1, 2]);
  await new Promise((r) => setTimeout(r, 4 * RETRY_MS));
  expect(overlapping.held).toBe(false);
  const third = lease('third', [2, 3]);
  await until(() => third.held, 'the lease on 2,3');
  expect(overlapping.held).toBe(false);

  // Once first lets 0,1 go, overlapping still cannot have 2 (third holds it); a lease on 0 alone can.
  await first.stop();
  const zero = lease('zero', [0]);
  await until(() => zero.held, 'the lease on 0');
  await new Promise((r) => setTimeout(r, 4 * RETRY_MS));
  expect(overlapping.held).toBe(false);

  // With third gone too, overlapping finally gets both of its shards.
  await third.stop();
  await until(() => overlapping.held, 'the overlapping lease');
  expect(events.filter((e) => e.endsWith('acquired'))).toEqual([
    'first acquired',
    'third acquired',
    'zero acquired',
    'overlapping acquired',
  ]);
});

it('never takes, even for a moment, the free part of a set another session holds part of', async () => {
  const key = LEASE_KEYS.discordShard;
  const holder = new pg.Client(db.url);
  const prober = new pg.Client(db.url);
  await holder.connect();
  await prober.connect();
  try {
    // Shard 12 is held elsewhere for good; the lease wants 10, 11 and 12, so it can never hold its set.
    await holder.query('SELECT pg_advisory_lock($1::int, 12)', [key]);
    const wide = lease('wide', [10, 11, 12]);
    // Probe 10 as fast as one connection can for 20 retry intervals: a try by `wide` that took 10 and gave it back
    // would make some probe fail (it did, before such a set was left alone).
    let refused = 0;
    let probes = 0;
    const end = Date.now() + 20 * RETRY_MS;
    while (Date.now() < end) {
      const { rows } = await prober.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1::int, 10) AS got', [key]);
      probes += 1;
      if (rows[0]!.got) await prober.query('SELECT pg_advisory_unlock($1::int, 10)', [key]);
      else refused += 1;
    }
    expect(probes).toBeGreaterThan(100);
    expect(refused).toBe(0);
    expect(wide.held).toBe(false);
    // Once 12 is free, the set is taken whole.
    await holder.query('SELECT pg_advisory_unlock($1::int, 12)', [key]);
    await until(() => wide.held, 'the lease on 10-12');
  } finally {
    await holder.end();
    await prober.end();
  }
});

it('refuses a lease over no shard at all', () => {
  expect(() => backend.lease({ ...gatewayLock({ ids: [] }), retryMs: RETRY_MS })).toThrow(/at least one/);
});
