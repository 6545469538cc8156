import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { applyEnvironmentDefaults } from '../../src/digest/env-defaults.js';
import { DigestRuntime } from '../../src/digest/runtime.js';
import { SqliteDigestStore } from '../../src/digest/sqlite-store.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase } from '../../src/state/database.js';
import { at, FakeClock, FakeDeliver, sampleStories, subscribe, tempDir } from './helpers.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const env = (extra: Record<string, string>) => loadConfig({ DIGEST_TIMEZONE: 'Europe/London', ...extra });

describe('applyEnvironmentDefaults', () => {
  it('gives each listed channel the default schedule, lets chat schedules win, and drops unlisted ones', async () => {
    const store = new SqliteDigestStore(openDatabase(join(tmp.dir, 'db')));
    const now = at('2026-06-01T06:00:00Z');
    await subscribe(store, 'slack:C2', '0 9 * * *', 'UTC', now); // made in chat
    await applyEnvironmentDefaults(
      store,
      env({ DIGEST_CRON: 'weekdays 07:30', DIGEST_CHANNELS: 'discord:1,slack:C2', DIGEST_QUIET_HOURS: '22:00-06:00' }),
      now,
      silentLogger,
    );
    expect(await store.subscription('discord:1')).toMatchObject({
      cron: '30 7 * * 1-5',
      timezone: 'Europe/London',
      origin: 'env',
      createdBy: 'env',
      quiet: '22:00-06:00',
    });
    expect(await store.subscription('slack:C2')).toMatchObject({ cron: '0 9 * * *', origin: 'chat' });

    // A paused default stays paused across a restart with the same settings.
    await store.markFailed({ channel: 'discord:1', slot: 1 }, 'x', 'failed', 'Missing Access', 1, now);
    await applyEnvironmentDefaults(
      store,
      env({ DIGEST_CRON: 'weekdays 07:30', DIGEST_CHANNELS: 'discord:1,slack:C2', DIGEST_QUIET_HOURS: '22:00-06:00' }),
      now,
      silentLogger,
    );
    expect((await store.subscription('discord:1'))!.status).toBe('paused');

    await applyEnvironmentDefaults(
      store,
      env({ DIGEST_CRON: 'weekdays 07:30', DIGEST_CHANNELS: 'slack:C2' }),
      now,
      silentLogger,
    );
    expect(await store.subscription('discord:1')).toBeUndefined();
    expect(await store.subscription('slack:C2')).toBeDefined();
    store.db.close();
  });

  it('refuses an invalid DIGEST_CRON with a message naming the key', async () => {
    const store = new SqliteDigestStore(openDatabase(join(tmp.dir, 'db')));
    await expect(
      applyEnvironmentDefaults(store, env({ DIGEST_CRON: '0 8 * *', DIGEST_CHANNELS: 'discord:1' }), 0, silentLogger),
    ).rejects.toThrow(/DIGEST_CRON is invalid.*5 fields/);
    expect(await store.subscriptions()).toEqual([]);
    store.db.close();
  });
});

describe('DigestRuntime', () => {
  it('creates no database until a schedule exists, then starts the scheduler and posts on time', async () => {
    const dbPath = join(tmp.dir, 'data', 'briefbot.db');
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const runtime = new DigestRuntime(
      loadConfig({ DATABASE_PATH: dbPath }),
      new Library(sampleStories()),
      silentLogger,
      clock.now,
    );
    const deliver = new FakeDeliver();
    await runtime.start(deliver);
    expect(existsSync(dbPath)).toBe(false);
    expect(await runtime.service.list()).toEqual([]);
    expect((await runtime.service.preview('discord:1')).included).toHaveLength(2);
    expect(existsSync(dbPath)).toBe(false);

    const result = await runtime.service.subscribe({
      channel: 'discord:1',
      schedule: 'daily 08:00',
      timezone: 'UTC',
      createdBy: 'U1',
    });
    expect(result.ok).toBe(true);
    expect(existsSync(dbPath)).toBe(true);
    await runtime.stop();

    // A restart after the slot, within the grace window, posts it once at start-up.
    clock.set('2026-06-01T08:20:00Z');
    const again = new DigestRuntime(
      loadConfig({ DATABASE_PATH: dbPath }),
      new Library(sampleStories()),
      silentLogger,
      clock.now,
    );
    await again.start(deliver);
    await again.stop();
    const third = new DigestRuntime(
      loadConfig({ DATABASE_PATH: dbPath }),
      new Library(sampleStories()),
      silentLogger,
      clock.now,
    );
    await third.start(deliver);
    await third.stop();
    expect(deliver.posts.map((p) => p.channel)).toEqual(['discord:1']);
  });
});
