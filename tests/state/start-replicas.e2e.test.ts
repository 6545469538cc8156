// Three `briefbot start` processes on one Postgres against the Discord emulator, the way docs/deploy.md runs them:
// exactly one holds the gateway (elected by a Postgres advisory lock). An article stored in Postgres after they
// started reaches every replica's library through LISTEN/NOTIFY, so the holder answers a mention about it. The holder
// is then killed with SIGKILL: another replica takes the lock and the gateway within the retry interval (plus its
// session's start-up) and answers the next mention about the same article. The emulator never sees a second
// gateway connection while one is open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articleText, textHash } from '../../src/feeds/articles.js';
import { PostgresArticleStore } from '../../src/feeds/postgres-store.js';
import { postgresBackend, type PostgresBackend } from '../../src/state/backend.js';
import { startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { logged, startBriefbot, stopAll, until, type StartedBot } from '../e2e/helpers.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';
import { bodyText } from '../discord/helpers.js';

const RETRY_MS = 300;

type Proc = StartedBot;

let emu: DiscordEmulator;
let db: TestDatabase;
let backend: PostgresBackend;
let seeds: string;
const procs: Proc[] = [];

const HOLDS = 'this replica holds the Discord gateway';
const FOLLOWS = 'following the articles other replicas store';

function start(name: string): Proc {
  const proc = startBriefbot(name, {
    DATABASE_URL: db.url,
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.restUrl,
    DISCORD_GATEWAY_RETRY_MS: String(RETRY_MS),
    SEEDS_DIR: seeds,
    OPS_PORT: '0',
    LOG_LEVEL: 'debug',
  });
  procs.push(proc);
  return proc;
}

/** Sends a mention and returns the text of the one reply it got (failing on a second one). */
async function askByMention(question: string): Promise<string> {
  const from = emu.calls.length;
  emu.sendMessage(`${emu.mentionOfBot()} ${question}`);
  const isReply = (c: (typeof emu.calls)[number]) =>
    c.route === 'POST /channels/:channel/messages' &&
    Boolean((c.body as { message_reference?: unknown }).message_reference);
  const reply = await emu.waitForCall(isReply, { from, timeoutMs: 30_000 });
  await new Promise((r) => setTimeout(r, 3 * RETRY_MS));
  expect(emu.calls.slice(from).filter(isReply)).toHaveLength(1);
  return bodyText(reply.body);
}

beforeAll(async () => {
  emu = await startDiscordEmulator();
  db = await createTestDatabase('replicas');
  backend = postgresBackend(db.url, { max: 2 });
  seeds = mkdtempSync(join(tmpdir(), 'replicas-seeds-'));
  for (const name of ['r1', 'r2', 'r3']) start(name);
}, 60_000);

afterAll(async () => {
  await stopAll(procs);
  await backend?.close();
  await emu?.close();
  await db?.drop();
  rmSync(seeds, { recursive: true, force: true });
});

it(
  'one of 3 replica processes holds the gateway; an article stored later reaches them all; SIGKILL hands it over',
  { timeout: 180_000 },
  async () => {
    await until(() => procs.every((p) => logged(p, FOLLOWS)) && procs.some((p) => logged(p, HOLDS)), 'start-up');
    // Give the others a few retry intervals: none of them may take the gateway too.
    await new Promise((r) => setTimeout(r, 5 * RETRY_MS));
    const holders = procs.filter((p) => logged(p, HOLDS));
    expect(holders).toHaveLength(1);
    const holder = holders[0]!;

    // Stored in Postgres after every replica started (as a replica's feed poller or /brief url: stores it).
    const url = 'https://harbour.example/dredging';
    const text = articleText(
      'Harbour board agrees to dredge the eastern channel',
      '2026-12-01',
      'The harbour board agreed on Tuesday to dredge the eastern channel, said Mara Quill, its chair. '.repeat(3),
    );
    await new PostgresArticleStore(() => backend.pool()).put({
      url,
      feedUrl: null,
      outlet: 'Harbour Post',
      title: 'Harbour board agrees to dredge the eastern channel',
      published: '2026-12-01',
      fetchedAt: Date.now(),
      text,
      hash: textHash(text),
    });
    await until(() => procs.every((p) => logged(p, 'took in an article stored by another replica')), 'NOTIFY');
    expect(await askByMention('who is Mara Quill?')).toMatch(/chair/);

    const connections = emu.gateway.connections.length;
    const killedAt = Date.now();
    holder.child.kill('SIGKILL');
    await holder.exited;
    await until(() => procs.some((p) => p !== holder && logged(p, HOLDS)), 'another replica to take the gateway');
    const takeoverMs = Date.now() - killedAt;
    console.log(`gateway takeover after SIGKILL: ${takeoverMs} ms (retry interval ${RETRY_MS} ms)`);
    expect(takeoverMs).toBeLessThan(15_000);
    expect(procs.filter((p) => p !== holder && logged(p, HOLDS))).toHaveLength(1);
    // The new holder learnt of the article through NOTIFY, not a restart.
    expect(await askByMention('who is Mara Quill?')).toMatch(/chair/);
    expect(emu.gateway.connections.length).toBe(connections + 1);
    expect(emu.gateway.replaced).toBe(0);
    // The survivors are ready (state answers) on their ops ports.
    for (const p of procs.filter((q) => q !== holder)) {
      const port = /health and metrics on http:\/\/127\.0\.0\.1:(\d+)/.exec(p.lines.join('\n'))?.[1];
      expect(port).toBeDefined();
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(new RegExp(`^briefbot_gateway_held ${logged(p, HOLDS) ? 1 : 0}$`, 'm'));
      expect(metrics).toMatch(/^briefbot_queue_depth\{queue="article_changes"\} 0$/m);
    }
  },
);
