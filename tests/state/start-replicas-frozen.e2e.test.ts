// A frozen gateway holder (a paused VM, a long GC pause), with two `briefbot start` processes on one Postgres and the
// Discord emulator. The holder is stopped with SIGSTOP and Postgres ends its lock session (pg_terminate_backend, as
// a server does with a session it has given up on): the standby takes the lock and opens its own gateway while the
// frozen one's socket is still open (the emulator counts that as a replaced session: the overlap docs/deploy.md
// describes), and answers a mention. Then SIGCONT: the old holder finds its lock connection dead and closes its
// gateway, and does not take the gateway back; after that every mention is answered once, by the new holder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LEASE_KEYS } from '../../src/state/lease.js';
import { startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { logged, startBriefbot, stopAll, until, type StartedBot } from '../e2e/helpers.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';

const RETRY_MS = 300;
const HOLDS = 'this replica holds the Discord gateway';
const GAVE_UP = /lost the Discord gateway lock|the Discord gateway closed for good here/;

let emu: DiscordEmulator;
let db: TestDatabase;
let seeds: string;
const procs: StartedBot[] = [];

/** Commands (mentions included) a process ran on Discord, from its debug log. */
const ran = (p: StartedBot) => p.lines.filter((l) => l.includes('"command ran"') && l.includes('"discord"')).length;
const holds = (p: StartedBot) => p.lines.filter((l) => l.includes(HOLDS)).length;
const isReply = (c: DiscordEmulator['calls'][number]) =>
  c.route === 'POST /channels/:channel/messages' &&
  Boolean((c.body as { message_reference?: unknown }).message_reference);

/** Sends a mention, waits for its reply and a few intervals more, and returns how many replies it got. */
async function mention(): Promise<number> {
  const from = emu.calls.length;
  emu.sendMessage(`${emu.mentionOfBot()} what happened at the harbour?`);
  await emu.waitForCall(isReply, { from, timeoutMs: 30_000 });
  await new Promise((r) => setTimeout(r, 4 * RETRY_MS));
  return emu.calls.slice(from).filter(isReply).length;
}

/** The backend pid of the session holding the gateway's advisory lock (one-bigint form: objid is the low half). */
async function lockSession(): Promise<number | undefined> {
  const client = new pg.Client(db.url);
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = $1`,
      [LEASE_KEYS.discordGateway],
    );
    return rows[0]?.pid;
  } finally {
    await client.end();
  }
}

async function terminate(pid: number): Promise<void> {
  const client = new pg.Client(db.url);
  await client.connect();
  await client.query('SELECT pg_terminate_backend($1)', [pid]);
  await client.end();
}

beforeAll(async () => {
  emu = await startDiscordEmulator();
  db = await createTestDatabase('frozen');
  seeds = mkdtempSync(join(tmpdir(), 'frozen-seeds-'));
  for (const name of ['f1', 'f2'])
    procs.push(
      startBriefbot(name, {
        DATABASE_URL: db.url,
        DISCORD_TOKEN: emu.token,
        DISCORD_API_URL: emu.restUrl,
        DISCORD_GATEWAY_RETRY_MS: String(RETRY_MS),
        SEEDS_DIR: seeds,
        LOG_LEVEL: 'debug',
      }),
    );
}, 60_000);

afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGCONT');
  await stopAll(procs);
  await emu?.close();
  await db?.drop();
  rmSync(seeds, { recursive: true, force: true });
});

it(
  'a holder frozen while Postgres ends its session overlaps the next holder only until it runs again',
  { timeout: 180_000 },
  async () => {
    await until(() => procs.some((p) => logged(p, HOLDS)), 'a replica to hold the gateway');
    await new Promise((r) => setTimeout(r, 5 * RETRY_MS));
    const [frozen, standby] = logged(procs[0]!, HOLDS) ? [procs[0]!, procs[1]!] : [procs[1]!, procs[0]!];
    expect(logged(standby, HOLDS)).toBe(false);
    expect(await mention()).toBe(1);
    expect([ran(frozen), ran(standby)]).toEqual([1, 0]);
    const pid = await lockSession();
    expect(pid).toBeDefined();

    frozen.child.kill('SIGSTOP');
    const stoppedAt = Date.now();
    await terminate(pid!);
    await until(() => logged(standby, HOLDS), 'the standby to take the gateway while the holder is frozen');
    console.log(`standby took the gateway ${Date.now() - stoppedAt} ms after SIGSTOP (retry ${RETRY_MS} ms)`);
    // The frozen holder's socket was still open: the standby's session replaced it (the overlap).
    expect(emu.gateway.replaced).toBe(1);
    expect(await mention()).toBe(1);
    expect(ran(standby)).toBe(1);

    frozen.child.kill('SIGCONT');
    const resumedAt = Date.now();
    await until(() => frozen.lines.some((l) => GAVE_UP.test(l)), 'the old holder to give the gateway up');
    const why = GAVE_UP.exec(frozen.lines.find((l) => GAVE_UP.test(l))!)![0];
    console.log(`old holder: "${why}" ${Date.now() - resumedAt} ms after SIGCONT (retry ${RETRY_MS} ms)`);
    // Past one more interval, the old holder has not taken the gateway back, nor replaced the new session.
    await new Promise((r) => setTimeout(r, 3 * RETRY_MS));
    const connections = emu.gateway.connections.length;
    for (let i = 0; i < 3; i++) expect(await mention()).toBe(1);
    expect([ran(frozen), ran(standby)]).toEqual([1, 4]);
    expect([holds(frozen), holds(standby)]).toEqual([1, 1]);
    expect(emu.gateway.connections.length).toBe(connections);
    expect(emu.gateway.isLive).toBe(true);
  },
);
