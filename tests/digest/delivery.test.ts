// Digests posted through the real adapters: the console, the Discord adapter (real discord.js) against the loopback
// Discord emulator, and the Slack adapter (real Bolt) against the loopback Slack Web API.
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { ConsoleAdapter } from '../../src/adapters/console/console.js';
import { DiscordAdapter } from '../../src/adapters/discord/index.js';
import type { AdapterContext } from '../../src/adapters/adapter.js';
import { lazyIndex } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { loadConfig } from '../../src/config.js';
import { createBot } from '../../src/core/bot.js';
import { deliverThrough } from '../../src/digest/deliver.js';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import { createDigestService } from '../../src/digest/service.js';
import { SqliteDigestStore } from '../../src/digest/sqlite-store.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { openDatabase, type Database } from '../../src/state/database.js';
import { answerOf, bodyText } from '../discord/helpers.js';
import { briefing, SMALL, smallLibrary } from '../discord/fixtures.js';
import { Library } from '../../src/library/library.js';
import { messageProblems, startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { startHarness, type Harness } from '../slack/harness.js';
import { at, FakeClock, subscribe, tempDir } from './helpers.js';

let tmp: { dir: string; cleanup: () => void };
let db: Database;
let store: SqliteDigestStore;
beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(join(tmp.dir, 'briefbot.db'));
  store = new SqliteDigestStore(db);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

describe('through the console adapter', () => {
  it('prints the digest', async () => {
    const library = smallLibrary();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d: Buffer) => (printed += d.toString()));
    const bot = createBot(
      { library, questions: lazyIndex(library), commands, botName: 'briefbot', now: () => new Date() },
      silentLogger,
    );
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    await subscribe(store, 'console:local', '0 8 * * *', 'UTC', clock.ms);
    const scheduler = new DigestScheduler({
      store,
      library,
      deliver: deliverThrough([new ConsoleAdapter({ bot, library }, { output, input: new PassThrough() })]),
      log: silentLogger,
      clock: clock.now,
      graceMinutes: 60,
      maxFailures: 3,
    });
    clock.set('2026-06-01T08:00:00Z');
    expect((await scheduler.runDue()).sent).toHaveLength(1);
    expect(printed).toContain('News digest: 2 stories');
    expect(printed).toContain('New: Harbour council agrees a new budget');
    expect(printed).toContain(library.briefings()[0]!.summary.tldr);
  });
});

describe('through the Discord adapter and emulator', () => {
  let emu: DiscordEmulator;
  let adapter: DiscordAdapter;
  let runtime: AdapterContext<Config>;
  // Fifteen stories with long summaries: more than one Discord message can carry.
  const lib = new Library(
    Array.from({ length: 15 }, (_, i) => ({
      briefing: briefing(`story-${i}-abcd`, `Synthetic story number ${i} about the harbour`, { ...SMALL, points: 3 }),
      addedAt: i,
    })),
  );

  beforeAll(async () => {
    emu = await startDiscordEmulator();
    const session = emu.sessionReady();
    const config = loadConfig({ DISCORD_TOKEN: emu.token, DISCORD_API_URL: emu.restUrl });
    const log = createLogger({ level: 'silent' });
    // The digest service here reads the per-test store, so /digest runs against the same database as the scheduler.
    const digests = createDigestService({
      store: async () => store,
      library: lib,
      clock: () => at('2026-06-01T06:00:00Z'),
    });
    const bot = createBot(
      { library: lib, questions: lazyIndex(lib), commands, botName: 'briefbot', now: () => new Date(), digests },
      log,
    );
    runtime = { bot, library: lib, log, config };
    adapter = new DiscordAdapter(runtime);
    await adapter.start();
    await session;
  });
  afterAll(async () => {
    await adapter?.stop();
    await emu?.close();
  });

  it('posts a long digest in several messages within Discord limits, losing no story', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const channel = `discord:${emu.world.channelId}`;
    await subscribe(store, channel, '0 8 * * *', 'UTC', clock.ms);
    const scheduler = new DigestScheduler({
      store,
      library: lib,
      deliver: deliverThrough([adapter]),
      log: silentLogger,
      clock: clock.now,
      graceMinutes: 60,
      maxFailures: 3,
    });
    const from = emu.calls.length;
    clock.set('2026-06-01T08:00:00Z');
    expect((await scheduler.runDue()).sent).toHaveLength(1);
    const posts = emu.calls
      .slice(from)
      .filter((c) => c.route === 'POST /channels/:channel/messages' && c.status === 200);
    expect(posts.length).toBeGreaterThan(1);
    for (const p of posts) expect(messageProblems(p.body)).toEqual([]);
    const text = posts.map((p) => bodyText(p.body)).join('\n');
    for (const b of lib.briefings()) expect(text).toContain(b.title.slice(0, 30));
  });

  it('counts an Unknown Channel as a failure with its reason, and pauses at the limit', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    await subscribe(store, 'discord:499999999999999999', '0 8 * * *', 'UTC', clock.ms, {
      createdBy: emu.world.ownerId,
    });
    const scheduler = new DigestScheduler({
      store,
      library: lib,
      deliver: deliverThrough([adapter]),
      log: silentLogger,
      clock: clock.now,
      graceMinutes: 60,
      maxFailures: 1,
    });
    clock.set('2026-06-01T08:00:00Z');
    const report = await scheduler.runDue();
    expect(report.failed).toHaveLength(1);
    expect(report.paused).toEqual(['discord:499999999999999999']);
    const sub = (await store.subscription('discord:499999999999999999'))!;
    expect(sub.status).toBe('paused');
    expect(sub.lastError).toMatch(/Unknown Channel|499999999999999999/);
  });

  it('refuses /digest subscribe from a member without Manage Server, and accepts it from one with it', async () => {
    const options = { action: 'subscribe', schedule: 'daily 08:00', timezone: 'Europe/London' };
    const member = emu.sendChatInput('digest', options, { admin: false });
    const refused = await answerOf(emu, member.token, 1);
    expect(refused.messages.map((m) => bodyText(m.body)).join('\n')).toContain(
      'Only members with the Manage Server permission',
    );
    expect(await store.subscription(`discord:${emu.world.channelId}`)).toBeUndefined();

    const admin = emu.sendChatInput('digest', options, { admin: true });
    const accepted = await answerOf(emu, admin.token, 1);
    expect(accepted.messages.map((m) => bodyText(m.body)).join('\n')).toContain('Subscribed');
    expect(await store.subscription(`discord:${emu.world.channelId}`)).toMatchObject({
      cron: '0 8 * * *',
      timezone: 'Europe/London',
    });
  });
});

describe('through the Slack adapter and Web API stub', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness('http', { DATABASE_PATH: ':memory:' });
  });
  afterAll(async () => harness?.close());

  it('posts the digest with chat.postMessage to the channel', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    await subscribe(store, 'slack:CNEWS', '0 8 * * 1-5', 'America/New_York', clock.ms);
    const scheduler = new DigestScheduler({
      store,
      library: harness.runtime.library,
      deliver: deliverThrough([harness.adapter]),
      log: silentLogger,
      clock: clock.now,
      graceMinutes: 60,
      maxFailures: 3,
    });
    clock.set('2026-06-01T12:00:00Z'); // 08:00 EDT, a Monday
    expect((await scheduler.runDue()).sent).toHaveLength(1);
    const posts = harness.api.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CNEWS');
    expect(posts.length).toBeGreaterThanOrEqual(1);
    const text = JSON.stringify(posts.map((p) => p.body));
    expect(text).toContain('News digest');
    const first = harness.runtime.library.briefings()[0]!;
    expect(text).toContain(first.summary.tldr.slice(0, 40).replace(/"/g, '\\"'));
  });

  it('counts channel_not_found as a failure with its reason', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    await subscribe(store, 'slack:CGONE', '0 8 * * *', 'UTC', clock.ms);
    harness.api.failNext('chat.postMessage', 'channel_not_found');
    const scheduler = new DigestScheduler({
      store,
      library: harness.runtime.library,
      deliver: deliverThrough([harness.adapter]),
      log: silentLogger,
      clock: clock.now,
      graceMinutes: 60,
      maxFailures: 3,
    });
    clock.set('2026-06-01T08:00:00Z');
    expect((await scheduler.runDue()).failed).toHaveLength(1);
    expect(await store.subscription('slack:CGONE')).toMatchObject({
      failures: 1,
      status: 'active',
      lastError: expect.stringContaining('channel_not_found'),
    });
  });
});
