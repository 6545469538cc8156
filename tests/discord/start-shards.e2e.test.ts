// Shards across `briefbot start` processes on one Postgres, the way docs/deploy.md ("Shards") runs them: the
// emulator serves 4 shards; two processes own shards 0,1 (one opens them, the other stands by) and one owns 2,3.
// Each shard is identified once; a mention in a guild on shard 3 is answered by the 2,3 process alone, one on
// shard 0 by the 0,1 holder alone. SIGKILL of the 0,1 holder hands 0,1 to its standby, which answers on shard 1,
// while shards 2,3 are left alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { logged, startBriefbot, stopAll, until, type StartedBot } from '../e2e/helpers.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';
import { identifies, mentionIn } from './shard-helpers.js';

const RETRY_MS = 300;
const HOLDS = 'this replica holds the Discord gateway';

type Proc = StartedBot;

let emu: DiscordEmulator;
let db: TestDatabase;
let seeds: string;
const procs: Proc[] = [];

/** Commands (mentions included) this process ran on Discord, from its debug log. */
const ran = (p: Proc) => p.lines.filter((l) => l.includes('"command ran"') && l.includes('"discord"')).length;

function start(name: string, ids: string): Proc {
  const proc = startBriefbot(name, {
    DATABASE_URL: db.url,
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.restUrl,
    DISCORD_GATEWAY_RETRY_MS: String(RETRY_MS),
    DISCORD_SHARD_COUNT: '4',
    DISCORD_SHARD_IDS: ids,
    SEEDS_DIR: seeds,
    LOG_LEVEL: 'debug',
  });
  procs.push(proc);
  return proc;
}

beforeAll(async () => {
  emu = await startDiscordEmulator({ shards: 4 });
  db = await createTestDatabase('startshards');
  seeds = mkdtempSync(join(tmpdir(), 'shards-seeds-'));
  start('a1', '0,1');
  start('b', '2-3');
  start('a2', '0-1');
}, 60_000);

afterAll(async () => {
  await stopAll(procs);
  await emu?.close();
  await db?.drop();
  rmSync(seeds, { recursive: true, force: true });
});

it(
  '3 processes split 4 shards; each shard opens once, answers in its own guilds, and fails over',
  { timeout: 180_000 },
  async () => {
    const [a1, b, a2] = procs as [Proc, Proc, Proc];
    await until(() => logged(b, HOLDS) && (logged(a1, HOLDS) || logged(a2, HOLDS)), 'both shard sets to open');
    await new Promise((r) => setTimeout(r, 5 * RETRY_MS));
    const holders = [a1, a2].filter((p) => logged(p, HOLDS));
    expect(holders).toHaveLength(1);
    const holder = holders[0]!;
    const standby = holder === a1 ? a2 : a1;
    expect(logged(holder, '(shards 0-1 of 4)')).toBe(true);
    expect(logged(b, '(shards 2-3 of 4)')).toBe(true);
    expect(identifies(emu)).toEqual({ 0: 1, 1: 1, 2: 1, 3: 1 });

    const counts = () => procs.map(ran);
    let before = counts();
    expect(await mentionIn(emu, emu.guildOnShard(3).id)).toBe(1);
    expect(counts().map((n, i) => n - before[i]!)).toEqual(procs.map((p) => (p === b ? 1 : 0)));
    before = counts();
    expect(await mentionIn(emu, emu.guildOnShard(0).id)).toBe(1);
    expect(counts().map((n, i) => n - before[i]!)).toEqual(procs.map((p) => (p === holder ? 1 : 0)));

    holder.child.kill('SIGKILL');
    await holder.exited;
    await until(() => logged(standby, HOLDS), 'the standby to open shards 0,1');
    expect(identifies(emu)).toEqual({ 0: 2, 1: 2, 2: 1, 3: 1 });
    before = counts();
    expect(await mentionIn(emu, emu.guildOnShard(1).id)).toBe(1);
    expect(counts().map((n, i) => n - before[i]!)).toEqual(procs.map((p) => (p === standby ? 1 : 0)));
    expect(await mentionIn(emu, emu.guildOnShard(2).id)).toBe(1);
    expect(emu.gateway.replaced).toBe(0);
  },
);
