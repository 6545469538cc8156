// Gateway election across replicas: 3 Discord adapters (real discord.js clients, each with its own lock connection)
// against the emulator and one real Postgres. Exactly one opens the gateway and answers a mention; the others post
// over REST. When the holder's lock connection dies (pg_terminate_backend, as when its process or network dies),
// it closes its gateway and another replica takes the lock within the retry interval and answers the next mention.
// A sampler checks the whole time that no two replicas hold the lock or a ready gateway at once, and the emulator
// counts any connection that arrived while another was still open.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { DiscordAdapter } from '../../src/adapters/discord/index.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { postgresBackend, type PostgresBackend } from '../../src/state/backend.js';
import { LEASE_KEYS, type Lease } from '../../src/state/lease.js';
import { startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { testRuntime } from '../adapters/test-runtime.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';
import { smallLibrary } from './fixtures.js';

const RETRY_MS = 200;

interface Replica {
  name: string;
  adapter: DiscordAdapter;
  lease: Lease;
  backend: PostgresBackend;
  stopped: boolean;
}

let emu: DiscordEmulator;
let db: TestDatabase;
const replicas: Replica[] = [];
let sampler: NodeJS.Timeout;
let mostHeld = 0;
let mostReady = 0;

const until = async (check: () => boolean, what: string, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}: held ${holders().map((r) => r.name)}, ready ${ready().map((r) => r.name)}`,
      );
    await new Promise((r) => setTimeout(r, 10));
  }
};

const holders = () => replicas.filter((r) => !r.stopped && r.lease.held);
const ready = () => replicas.filter((r) => !r.stopped && r.adapter.client.isReady());

async function startReplica(name: string): Promise<Replica> {
  const config = loadConfig({
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.restUrl,
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
  });
  const log = createLogger({ level: 'silent' });
  const backend = postgresBackend(db.url, { max: 1 });
  const lease = backend.lease({ key: LEASE_KEYS.discordGateway, retryMs: RETRY_MS });
  const adapter = new DiscordAdapter(testRuntime(config, log, smallLibrary(), commands), { gateway: lease });
  await adapter.start();
  const replica = { name, adapter, lease, backend, stopped: false };
  replicas.push(replica);
  return replica;
}

/** Sends a mention and returns the replies it got (waiting a little after the first, to see any second one). */
async function mentionReplies(question: string): Promise<number> {
  const from = emu.calls.length;
  emu.sendMessage(`${emu.mentionOfBot()} ${question}`);
  const isReply = (c: (typeof emu.calls)[number]) =>
    c.route === 'POST /channels/:channel/messages' &&
    Boolean((c.body as { message_reference?: unknown }).message_reference);
  await emu.waitForCall(isReply, { from });
  await new Promise((r) => setTimeout(r, 4 * RETRY_MS));
  return emu.calls.slice(from).filter(isReply).length;
}

async function terminateLockHolder(): Promise<number> {
  const admin = new pg.Client(db.url);
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = $1 AND granted`,
      [LEASE_KEYS.discordGateway],
    );
    for (const { pid } of rows) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    return rows.length;
  } finally {
    await admin.end();
  }
}

beforeAll(async () => {
  emu = await startDiscordEmulator();
  db = await createTestDatabase('gateway');
  sampler = setInterval(() => {
    mostHeld = Math.max(mostHeld, holders().length);
    mostReady = Math.max(mostReady, ready().length);
  }, 2);
  for (const name of ['r1', 'r2', 'r3']) await startReplica(name);
});

afterAll(async () => {
  clearInterval(sampler);
  for (const r of replicas) {
    if (!r.stopped) await r.adapter.stop();
    await r.backend.close();
  }
  await emu?.close();
  await db?.drop();
});

it('one replica holds the gateway and answers a mention once; the others post over REST', async () => {
  await until(() => ready().length === 1, 'one replica to open the gateway');
  expect(holders()).toHaveLength(1);
  expect(ready()[0]).toBe(holders()[0]);
  expect(await mentionReplies('who is quoted?')).toBe(1);

  // A digest or feed post from a replica without the gateway goes straight to REST.
  const other = replicas.find((r) => !r.lease.held)!;
  expect(other.adapter.client.isReady()).toBe(false);
  const from = emu.calls.length;
  await other.adapter.send(`discord:${emu.world.channelId}`, {
    title: 'News digest',
    sections: [{ blocks: [{ type: 'text', text: 'Harbour council agrees a new budget' }] }],
  });
  const posted = await emu.waitForCall('POST /channels/:channel/messages', { from });
  expect(posted.status).toBe(200);
  expect(posted.body).toMatchObject({ allowed_mentions: { parse: [], replied_user: false } });
  expect(JSON.stringify(posted.body)).toContain('Harbour council agrees a new budget');
});

it('when the holder loses its lock connection, another replica takes the gateway and answers', async () => {
  const before = holders()[0]!;
  const connections = emu.gateway.connections.length;
  const killedAt = Date.now();
  expect(await terminateLockHolder()).toBe(1);
  await until(() => holders().length === 1 && holders()[0] !== before && ready().length === 1, 'a new holder');
  const takeoverMs = Date.now() - killedAt;
  expect(before.lease.held).toBe(false);
  expect(before.adapter.client.isReady()).toBe(false);
  expect(emu.gateway.connections.length).toBe(connections + 1);
  // Within a few retry intervals (the new session's start-up included).
  expect(takeoverMs).toBeLessThan(5_000);
  expect(await mentionReplies('who is quoted?')).toBe(1);
  // The replica that lost the lock keeps contending, and can take it again later.
  expect(before.stopped).toBe(false);
});

it("when Discord ends the holder's session for good, it gives the lock up and a replica opens a new one", async () => {
  const connections = emu.gateway.connections.length;
  // 4004 (authentication failed) is fatal: discord.js does not reconnect that session by itself.
  emu.dropConnection(4004);
  await until(
    () => emu.gateway.connections.length > connections && emu.gateway.isLive && holders().length === 1,
    'a new session',
  );
  await until(() => ready().length === 1 && ready()[0] === holders()[0], 'the holder to be ready');
  expect(await mentionReplies('who is quoted?')).toBe(1);
});

it('a holder that stops closes its gateway before giving the lock up, and the next takes over', async () => {
  const before = holders()[0]!;
  await before.adapter.stop();
  before.stopped = true;
  await until(() => holders().length === 1 && ready().length === 1, 'a holder after the stop');
  expect(holders()[0]).not.toBe(before);
  expect(await mentionReplies('who is quoted?')).toBe(1);
});

it('a replica with a bad token fails at start, as without election, and never contends for the lock', async () => {
  const config = loadConfig({
    DISCORD_TOKEN: 'MTAw.wrong.token',
    DISCORD_API_URL: emu.restUrl,
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
  });
  const backend = postgresBackend(db.url, { max: 1 });
  const real = backend.lease({ key: LEASE_KEYS.discordGateway, retryMs: RETRY_MS });
  let started = false;
  const lease: Lease = {
    get held() {
      return real.held;
    },
    start: (handlers) => {
      started = true;
      real.start(handlers);
    },
    release: () => real.release(),
    stop: () => real.stop(),
  };
  const log = createLogger({ level: 'silent' });
  const adapter = new DiscordAdapter(testRuntime(config, log, smallLibrary(), commands), { gateway: lease });
  try {
    await expect(adapter.start()).rejects.toThrow(/^Could not connect to Discord: .*/);
    expect(started).toBe(false);
    expect(lease.held).toBe(false);
  } finally {
    await adapter.stop();
    await backend.close();
  }
});

it('never had two gateways at once', () => {
  expect(mostHeld).toBe(1);
  expect(mostReady).toBe(1);
  expect(emu.gateway.replaced).toBe(0);
});
