// Shards with gateway election: one Postgres advisory lock per shard id, a replica opening its shards only while
// it holds the locks of all of them. Two replicas own shards 0,1 (a standby pair), one owns 2,3, and a fourth
// owns 0-3, overlapping both. Every shard is identified once and open on exactly one replica; the 0-3 replica
// never opens while the others hold their shards; when the 0,1 holder's lock connection dies, its standby takes
// 0,1 over (shards 2,3 untouched) and answers a mention in a guild on shard 1.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresBackend, type PostgresBackend } from '../../src/state/backend.js';
import { gatewayLock, LEASE_KEYS, type Lease } from '../../src/state/lease.js';
import { startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';
import { identifies, mentionIn, shardAdapter, watch, type ShardReplica } from './shard-helpers.js';

const RETRY_MS = 200;

interface Replica extends ShardReplica {
  ids: number[];
  lease: Lease;
  backend: PostgresBackend;
}

let emu: DiscordEmulator;
let db: TestDatabase;
const replicas: Replica[] = [];
let sampler: NodeJS.Timeout;
/** The most replicas ever seen with one shard open at once, per shard. */
const mostOpen = [0, 0, 0, 0];
let overlappingEverHeld = false;

const ready = (r: Replica) => r.adapter.client.isReady();

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}: ready ${replicas.filter(ready).map((r) => r.name)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function startReplica(name: string, ids: string): Promise<Replica> {
  const env = { DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: ids, DATABASE_URL: db.url };
  const backend = postgresBackend(db.url, { max: 1 });
  const probe = shardAdapter(emu, name, env);
  const shards = probe.adapter.client.options.shards as number[];
  const lease = backend.lease({ ...gatewayLock({ ids: shards }), retryMs: RETRY_MS });
  const replica: Replica = { ...shardAdapter(emu, name, env, { gateway: lease }), ids: shards, lease, backend };
  await replica.adapter.start();
  replicas.push(replica);
  return replica;
}

async function terminateHolderOf(shard: number): Promise<number> {
  const admin = new pg.Client(db.url);
  await admin.connect();
  try {
    // The two-int form: classid is the first key, objid the second, objsubid 2.
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 AND classid = $1 AND objid = $2 AND granted`,
      [LEASE_KEYS.discordShard, shard],
    );
    for (const { pid } of rows) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    return rows.length;
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  emu = await startDiscordEmulator({ shards: 4 });
  db = await createTestDatabase('shards');
  sampler = setInterval(() => {
    for (let shard = 0; shard < 4; shard += 1) {
      const open = replicas.filter((r) => ready(r) && r.ids.includes(shard)).length;
      mostOpen[shard] = Math.max(mostOpen[shard]!, open);
    }
    if (replicas.some((r) => r.name === 'all' && r.lease.held)) overlappingEverHeld = true;
  }, 2);
  await startReplica('a1', '0,1');
  await startReplica('b', '2,3');
  await until(() => replicas.filter(ready).length === 2, 'a1 and b to open their shards');
  await startReplica('a2', '0-1');
  await startReplica('all', '0-3');
});

afterAll(async () => {
  clearInterval(sampler);
  for (const r of replicas) {
    await r.adapter.stop();
    await r.backend.close();
  }
  await emu?.close();
  await db?.drop();
});

const byName = (name: string) => replicas.find((r) => r.name === name)!;

it('each shard is identified once and open on one replica; the standby and the overlapping replica wait', async () => {
  // A few retry intervals, so the waiting replicas have tried for their locks several times.
  await new Promise((r) => setTimeout(r, 5 * RETRY_MS));
  expect(identifies(emu)).toEqual({ 0: 1, 1: 1, 2: 1, 3: 1 });
  expect(replicas.filter(ready).map((r) => r.name)).toEqual(['a1', 'b']);
  expect(byName('a2').lease.held).toBe(false);
  expect(byName('all').lease.held).toBe(false);
  for (const r of replicas.filter(ready)) watch(r);
  expect(await mentionIn(emu, emu.guildOnShard(3).id)).toBe(1);
  expect(await mentionIn(emu, emu.guildOnShard(0).id)).toBe(1);
  expect(byName('b').seen).toEqual([emu.guildOnShard(3).id]);
  expect(byName('a1').seen).toEqual([emu.guildOnShard(0).id]);
});

it(
  'when the 0,1 holder loses its lock connection, its standby opens 0,1; shards 2,3 stay where they are',
  { timeout: 90_000 },
  async () => {
    const a1 = byName('a1');
    const a2 = byName('a2');
    expect(await terminateHolderOf(0)).toBe(1);
    // Generous under load: the whole suite shares 2 cores with replica processes, and the holder notices its lost
    // lock at its next check.
    await until(() => ready(a2) && !ready(a1), 'a2 to take shards 0,1', 45_000);
    expect(identifies(emu)).toEqual({ 0: 2, 1: 2, 2: 1, 3: 1 });
    expect(ready(byName('b'))).toBe(true);
    watch(a2);
    expect(await mentionIn(emu, emu.guildOnShard(1).id)).toBe(1);
    expect(a2.seen).toEqual([emu.guildOnShard(1).id]);
    expect(await mentionIn(emu, emu.guildOnShard(2).id)).toBe(1);
    expect(byName('b').seen).toEqual([emu.guildOnShard(3).id, emu.guildOnShard(2).id]);
  },
);

it('never had a shard open on two replicas, and the overlapping replica never held its locks', () => {
  expect(mostOpen).toEqual([1, 1, 1, 1]);
  expect(overlappingEverHeld).toBe(false);
  expect(emu.gateway.replaced).toBe(0);
});
