// 200 digest subscriptions due in one slot, posted by 3 `briefbot start` processes on one Postgres against the
// Discord emulator and the Slack Web API stub: 100 Discord channels and 100 Slack channels. Every replica has
// DISCORD_TOKEN (one holds the gateway, all three post digests over REST) and the Slack token in HTTP mode. Every
// channel gets its digest exactly once, the ledger says sent for each, and more than one replica posted.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PostgresDigestStore } from '../../src/digest/postgres-store.js';
import { postgresBackend, type PostgresBackend } from '../../src/state/backend.js';
import { startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { startWebApiStub, type WebApiStub } from '../../testkit/emulators/slack/web-api.js';
import { startBriefbot, stopAll, until, type StartedBot } from '../e2e/helpers.js';
import { digestsPostedBy, slackReplicaEnv, storySeeds, subscribeDueAtStart } from './replica-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';

const CHANNELS = Array.from({ length: 100 }, (_, i) => String(500000000000000000n + BigInt(i)));
const SLACK_CHANNELS = Array.from({ length: 100 }, (_, i) => `CDIGEST${String(i).padStart(3, '0')}`);
const SLACK_TOKEN = 'xoxb-replica-digests-000';

type Proc = StartedBot;

let emu: DiscordEmulator;
let slack: WebApiStub;
let db: TestDatabase;
let backend: PostgresBackend;
let seeds: { dir: string; cleanup: () => void };
const procs: Proc[] = [];

function start(): Proc {
  const proc = startBriefbot(`r${procs.length + 1}`, {
    ...slackReplicaEnv(db.url, slack, seeds.dir, SLACK_TOKEN),
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.restUrl,
    DISCORD_GATEWAY_RETRY_MS: '300',
  });
  procs.push(proc);
  return proc;
}

const posts = () => emu.calls.filter((c) => c.route === 'POST /channels/:channel/messages' && c.status === 200);
const slackCalls = () => slack.callsTo('chat.postMessage').filter((c) => c.status === 200);

beforeAll(async () => {
  emu = await startDiscordEmulator({ otherChannels: CHANNELS });
  slack = await startWebApiStub();
  db = await createTestDatabase('replica_digests');
  backend = postgresBackend(db.url, { max: 2 });
  seeds = storySeeds('replica-digests-');
  await subscribeDueAtStart(new PostgresDigestStore(await backend.pool()), [
    ...CHANNELS.map((c) => `discord:${c}`),
    ...SLACK_CHANNELS.map((c) => `slack:${c}`),
  ]);
}, 60_000);

afterAll(async () => {
  await stopAll(procs);
  await backend?.close();
  await emu?.close();
  await slack?.close();
  await db?.drop();
  seeds?.cleanup();
});

it(
  '3 replica processes post each of 200 due digests exactly once, on Discord and Slack',
  { timeout: 180_000 },
  async () => {
    for (let i = 0; i < 3; i++) start();
    await until(
      () =>
        new Set(posts().map((c) => c.params.channel)).size === CHANNELS.length &&
        new Set(slackCalls().map((c) => c.body.channel)).size === SLACK_CHANNELS.length,
      'every digest',
    );
    // A moment more, for any second post of a slot to show.
    await new Promise((r) => setTimeout(r, 2_000));
    const channels = posts().map((c) => c.params.channel);
    expect(channels.length, 'a digest was posted twice').toBe(CHANNELS.length);
    expect(new Set(channels)).toEqual(new Set(CHANNELS));
    const slackChannels = slackCalls().map((c) => c.body.channel);
    expect(slackChannels.length, 'a Slack digest was posted twice').toBe(SLACK_CHANNELS.length);
    expect(new Set(slackChannels)).toEqual(new Set(SLACK_CHANNELS));
    expect(slackCalls().every((c) => c.token === SLACK_TOKEN)).toBe(true);
    const store = new PostgresDigestStore(await backend.pool());
    const ledger = await store.deliveries();
    expect(ledger).toHaveLength(CHANNELS.length + SLACK_CHANNELS.length);
    expect(ledger.every((d) => d.status === 'sent')).toBe(true);
    const postedBy = procs.map(digestsPostedBy);
    console.log(`digests posted per replica: ${postedBy.join(', ')}`);
    expect(postedBy.reduce((a, b) => a + b, 0)).toBe(CHANNELS.length + SLACK_CHANNELS.length);
    expect(postedBy.filter((n) => n > 0).length, 'only one replica posted').toBeGreaterThan(1);
    // One gateway across the three.
    expect(procs.filter((p) => p.lines.some((l) => l.includes('this replica holds the Discord gateway')))).toHaveLength(
      1,
    );
    expect(emu.gateway.replaced).toBe(0);
  },
);
