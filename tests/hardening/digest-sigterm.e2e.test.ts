// SIGTERM while a scheduled digest is being posted, on the real process (`briefbot start`) against the loopback
// Discord: shutdown either finishes the post or records the slot as not sent, and a restart leaves exactly one post.
// (The scheduler-level version, with a fake delivery: tests/digest/scheduler.test.ts "runDue: shutdown and crashes".)
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteDigestStore } from '../../src/digest/sqlite-store.js';
import { openDatabase } from '../../src/state/database.js';
import { startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';

const POST = 'POST /channels/:channel/messages';
let emu: DiscordEmulator;
let root: string;
let channel: string;

function startBot(): {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null }>;
  output: () => string;
} {
  let output = '';
  const child = spawn(process.execPath, ['bin/briefbot.mjs', 'start'], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: emu.token,
      DISCORD_API_URL: emu.restUrl,
      SEEDS_DIR: join(root, 'seeds'),
      DATABASE_PATH: join(root, 'bot.db'),
      BRIEFING_CACHE: 'off',
      WATCH_SEEDS: 'false',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output };
}

beforeAll(async () => {
  emu = await startDiscordEmulator();
  channel = `discord:${emu.world.channelId}`;
  root = mkdtempSync(join(tmpdir(), 'briefbot-sigterm-'));
  mkdirSync(join(root, 'seeds'));
  writeFileSync(
    join(root, 'seeds', 'dam.txt'),
    'Dam repairs finish early\n\nEngineers finished repairs to the Wexley dam on Monday, two weeks ahead of schedule, the council said.\n',
  );
  // A daily slot two minutes ago, on a schedule last checked five minutes ago: the slot is inside the grace window,
  // so the bot posts it as soon as it starts, and no other slot falls due while the test runs.
  const slot = new Date(Date.now() - 2 * 60_000);
  const cron = `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`;
  const db = openDatabase(join(root, 'bot.db'));
  new SqliteDigestStore(db).upsert(
    {
      channel,
      cron,
      scheduleLabel: cron,
      timezone: 'UTC',
      quiet: null,
      origin: 'chat',
      createdBy: '200000000000000001',
    },
    Date.now() - 5 * 60_000,
  );
  db.close();
});

afterAll(async () => {
  await emu?.close();
});

describe('SIGTERM during a digest post', () => {
  it('finishes the post or records it as not sent, and after a restart it has been posted exactly once', async () => {
    // Rate-limited for 2 s: the post is certainly in flight when the signal arrives.
    emu.failNext(POST, 1, { status: 429, retryAfter: 2 });
    const first = startBot();
    await emu.waitForCall((c) => c.route === POST && c.status === 429, { timeoutMs: 30_000 });
    first.child.kill('SIGTERM');
    const exit = await first.exited;
    expect(exit, first.output()).toEqual({ code: 0, signal: null });

    const db = openDatabase(join(root, 'bot.db'));
    const ledger = await new SqliteDigestStore(db).deliveries(channel);
    db.close();
    const delivered = () => emu.calls.filter((c) => c.route === POST && c.status === 200).length;
    expect(ledger).toHaveLength(1);
    if (delivered() === 1) expect(ledger[0]!.status).toBe('sent');
    else expect(ledger[0]!.status).toBe('unsent');

    // The restart is signalled once it answers a command, so it is surely past start-up and listening for signals;
    // its start-up catch-up still completes before it exits.
    const ready = emu.sessionReady();
    const second = startBot();
    await ready;
    const { token } = emu.sendChatInput('help');
    await emu.waitForCall(
      (c) => c.params.token === token && c.route === 'PATCH /webhooks/:app/:token/messages/@original',
      { timeoutMs: 30_000 },
    );
    second.child.kill('SIGTERM');
    expect(await second.exited, second.output()).toEqual({ code: 0, signal: null });
    expect(delivered()).toBe(1);
    const after = openDatabase(join(root, 'bot.db'));
    expect((await new SqliteDigestStore(after).deliveries(channel)).map((d) => d.status)).toEqual(['sent']);
    after.close();
  }, 90_000);
});
