// One contract for the digest store, run against both backends: the SQLite file (default) and a real Postgres
// (the run's throwaway server, a fresh database per backend instance). Every behaviour the scheduler relies on.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDigestStore } from '../../src/digest/open-store.js';
import { DigestScheduler } from '../../src/digest/scheduler.js';
import type { DigestStore, SubscriptionInput } from '../../src/digest/store.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { postgresBackend, sqliteBackend, type StateBackend } from '../../src/state/backend.js';
import { migrate, openDatabase } from '../../src/state/database.js';
import { MIGRATIONS } from '../../src/state/migrations.js';
import { PG_MIGRATIONS } from '../../src/state/pg-migrations.js';
import { migratePostgres, openPool } from '../../src/state/postgres.js';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { at, FakeDeliver, sampleStories, tempDir } from '../digest/helpers.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';

interface Opened {
  backend: StateBackend;
  store: DigestStore;
  close: () => Promise<void>;
}

const backends: Array<[string, () => Promise<Opened>]> = [
  [
    'sqlite',
    async () => {
      const tmp = tempDir('briefbot-contract-');
      const backend = sqliteBackend(join(tmp.dir, 'state.db'));
      return {
        backend,
        store: await openDigestStore(backend),
        close: async () => (await backend.close(), tmp.cleanup()),
      };
    },
  ],
  [
    'postgres',
    async () => {
      const db: TestDatabase = await createTestDatabase('contract');
      const backend = postgresBackend(db.url);
      return {
        backend,
        store: await openDigestStore(backend),
        close: async () => (await backend.close(), await db.drop()),
      };
    },
  ],
];

const input = (channel: string, extra: Partial<SubscriptionInput> = {}): SubscriptionInput => ({
  channel,
  cron: '0 8 * * *',
  scheduleLabel: 'daily 08:00',
  timezone: 'UTC',
  quiet: null,
  origin: 'chat',
  createdBy: 'U1',
  ...extra,
});

const T0 = at('2026-06-01T06:00:00Z');
const SLOT = at('2026-06-01T08:00:00Z');

describe.each(backends)('digest store contract: %s', (kind, open) => {
  let o: Opened;
  let store: DigestStore;
  beforeEach(async () => {
    o = await open();
    store = o.store;
  });
  afterEach(async () => o.close());

  it('runs on the backend it was asked for', () => {
    expect(o.backend.kind).toBe(kind);
  });

  it('creates, updates, lists and removes subscriptions', async () => {
    expect(await store.upsert(input('discord:2'), T0)).toBe('created');
    expect(await store.upsert(input('discord:1', { quiet: '22:00-07:00' }), T0)).toBe('created');
    expect(await store.subscription('discord:1')).toEqual({
      channel: 'discord:1',
      cron: '0 8 * * *',
      scheduleLabel: 'daily 08:00',
      timezone: 'UTC',
      quiet: '22:00-07:00',
      nothingNew: 'line',
      origin: 'chat',
      createdBy: 'U1',
      createdAt: T0,
      updatedAt: T0,
      checkedUntil: T0,
      status: 'active',
      pausedReason: null,
      failures: 0,
      lastError: null,
      creatorTold: false,
    });
    expect(await store.upsert(input('discord:1', { cron: '0 9 * * *', timezone: 'Europe/London' }), T0 + 1000)).toBe(
      'updated',
    );
    expect(await store.subscription('discord:1')).toMatchObject({
      cron: '0 9 * * *',
      timezone: 'Europe/London',
      createdAt: T0,
      updatedAt: T0 + 1000,
      checkedUntil: T0 + 1000,
    });
    expect((await store.subscriptions()).map((s) => s.channel)).toEqual(['discord:1', 'discord:2']);
    expect(await store.remove('discord:2')).toBe(true);
    expect(await store.remove('discord:2')).toBe(false);
    expect(await store.subscription('discord:2')).toBeUndefined();
  });

  it('keeps what a channel gets when nothing is new: a short line by default, nothing with skip, replaced on subscribe', async () => {
    await store.upsert(input('discord:1', { nothingNew: 'skip' }), T0);
    await store.upsert(input('discord:2'), T0);
    expect((await store.subscriptions()).map((s) => [s.channel, s.nothingNew])).toEqual([
      ['discord:1', 'skip'],
      ['discord:2', 'line'],
    ]);
    await store.upsert(input('discord:2', { nothingNew: 'skip' }), T0 + 1);
    await store.upsert(input('discord:1'), T0 + 1);
    expect((await store.subscriptions()).map((s) => [s.channel, s.nothingNew])).toEqual([
      ['discord:1', 'line'],
      ['discord:2', 'skip'],
    ]);
  });

  it('claims a slot once: a second claim of the same slot gets nothing', async () => {
    await store.upsert(input('discord:1'), T0);
    const marks = new Map([['discord:1', SLOT + 30_000]]);
    expect(await store.claim([{ channel: 'discord:1', slot: SLOT }], [], marks, 'a', SLOT)).toEqual([
      { channel: 'discord:1', slot: SLOT },
    ]);
    expect(await store.claim([{ channel: 'discord:1', slot: SLOT }], [], marks, 'b', SLOT)).toEqual([]);
    expect(await store.deliveries('discord:1')).toEqual([
      {
        channel: 'discord:1',
        slot: SLOT,
        status: 'sending',
        claimedBy: 'a',
        claimedAt: SLOT,
        finishedAt: null,
        attempts: 1,
        error: null,
      },
    ]);
    expect((await store.subscription('discord:1'))!.checkedUntil).toBe(SLOT + 30_000);
    // The watermark never moves back.
    await store.claim([], [], new Map([['discord:1', T0]]), 'a', SLOT);
    expect((await store.subscription('discord:1'))!.checkedUntil).toBe(SLOT + 30_000);
  });

  it('records a sent digest with its stories, and resets the failure count', async () => {
    await store.upsert(input('discord:1'), T0);
    const [claim] = await store.claim([{ channel: 'discord:1', slot: SLOT }], [], new Map(), 'a', SLOT);
    await store.markFailed({ channel: 'discord:1', slot: SLOT - 1 }, 'a', 'failed', 'earlier', 5, SLOT);
    await store.markSent(
      claim!,
      'a',
      [
        { source: 'a.txt', hash: 'h1' },
        { source: 'b.txt', hash: 'h2' },
      ],
      SLOT + 5,
    );
    expect((await store.deliveries())[0]).toMatchObject({ status: 'sent', finishedAt: SLOT + 5 });
    expect(await store.delivered('discord:1')).toEqual(
      new Map([
        ['a.txt', 'h1'],
        ['b.txt', 'h2'],
      ]),
    );
    expect(await store.lastDigestAt('discord:1')).toBe(SLOT + 5);
    expect(await store.lastDigestAt('discord:9')).toBeNull();
    expect(await store.subscription('discord:1')).toMatchObject({ failures: 0, lastError: null });
    await store.recordDelivered('discord:1', [{ source: 'a.txt', hash: 'h3' }], SLOT + 9);
    expect(await store.delivered('discord:1')).toEqual(
      new Map([
        ['a.txt', 'h3'],
        ['b.txt', 'h2'],
      ]),
    );
  });

  it('pauses after the maximum failures in a row, and resumes on a new subscribe', async () => {
    await store.upsert(input('discord:1'), T0);
    const claim = { channel: 'discord:1', slot: SLOT };
    await store.claim([claim], [], new Map(), 'a', SLOT);
    expect(await store.markFailed(claim, 'a', 'failed', 'Missing Access', 2, SLOT)).toMatchObject({
      failures: 1,
      status: 'active',
      lastError: 'Missing Access',
    });
    expect(await store.markFailed(claim, 'a', 'failed', 'Missing Access', 2, SLOT)).toMatchObject({
      failures: 2,
      status: 'paused',
      pausedReason: '2 failed posts in a row; last: Missing Access',
    });
    await store.setCreatorTold('discord:1');
    expect((await store.subscription('discord:1'))!.creatorTold).toBe(true);
    expect(await store.subscriptions('active')).toEqual([]);
    expect(await store.upsert(input('discord:1'), SLOT + 10)).toBe('resumed');
    expect(await store.subscription('discord:1')).toMatchObject({
      status: 'active',
      failures: 0,
      pausedReason: null,
      creatorTold: false,
    });
  });

  it('lists failed and released slots for retry, and a retake succeeds only from the status seen', async () => {
    await store.upsert(input('discord:1'), T0);
    await store.upsert(input('discord:2'), T0);
    await store.claim(
      [
        { channel: 'discord:1', slot: SLOT },
        { channel: 'discord:2', slot: SLOT },
      ],
      [],
      new Map(),
      'a',
      SLOT,
    );
    await store.markFailed({ channel: 'discord:1', slot: SLOT }, 'a', 'failed', 'boom', 5, SLOT + 1);
    await store.release({ channel: 'discord:2', slot: SLOT }, 'a', SLOT + 2);
    expect((await store.retryable()).map((d) => [d.channel, d.status])).toEqual([
      ['discord:1', 'failed'],
      ['discord:2', 'unsent'],
    ]);
    const retakes = [
      { channel: 'discord:1', slot: SLOT, from: 'failed' as const },
      { channel: 'discord:2', slot: SLOT, from: 'failed' as const },
    ];
    expect(await store.claim([], retakes, new Map(), 'b', SLOT + 60_000)).toEqual([
      { channel: 'discord:1', slot: SLOT },
    ]);
    expect((await store.deliveries('discord:1'))[0]).toMatchObject({
      status: 'sending',
      claimedBy: 'b',
      attempts: 2,
      finishedAt: null,
    });
    // A second replica that saw 'failed' too gets nothing.
    expect(await store.claim([], retakes.slice(0, 1), new Map(), 'c', SLOT + 60_000)).toEqual([]);
    // A paused subscription's slots are not retried.
    await store.markFailed({ channel: 'discord:2', slot: SLOT }, 'a', 'failed', 'x', 1, SLOT + 3);
    expect((await store.retryable()).map((d) => d.channel)).toEqual([]);
  });

  it('skips only slots not yet finished, and releases only its own claim', async () => {
    await store.upsert(input('discord:1'), T0);
    await store.claim([{ channel: 'discord:1', slot: SLOT }], [], new Map(), 'a', SLOT);
    await store.release({ channel: 'discord:1', slot: SLOT }, 'someone-else', SLOT + 1);
    expect((await store.deliveries())[0]!.status).toBe('sending');
    await store.skip({ channel: 'discord:1', slot: SLOT }, 'no stories are loaded', SLOT + 2);
    expect((await store.deliveries())[0]).toMatchObject({
      status: 'skipped',
      error: 'no stories are loaded',
      finishedAt: SLOT + 2,
    });
    await store.markSent({ channel: 'discord:1', slot: SLOT + 1 }, 'a', [], SLOT + 3); // not in the ledger: changes nothing
    expect(await store.deliveries()).toHaveLength(1);
  });

  it('expires claims left sending by a dead process as unknown, once', async () => {
    await store.upsert(input('discord:1'), T0);
    await store.claim([{ channel: 'discord:1', slot: SLOT }], [], new Map(), 'dead', SLOT);
    expect(await store.expireStale(SLOT - 1, SLOT + 1)).toEqual([]);
    const expired = await store.expireStale(SLOT + 1, SLOT + 2);
    expect(expired.map((d) => [d.channel, d.slot, d.claimedBy, d.status])).toEqual([
      ['discord:1', SLOT, 'dead', 'sending'],
    ]);
    expect((await store.deliveries())[0]).toMatchObject({ status: 'unknown', finishedAt: SLOT + 2 });
    expect(await store.expireStale(SLOT + 1, SLOT + 3)).toEqual([]);
  });

  it('drives the scheduler: a due slot is posted once and recorded', async () => {
    await store.upsert(input('discord:1'), T0);
    const deliver = new FakeDeliver();
    const scheduler = new DigestScheduler({
      store,
      library: new Library(sampleStories()),
      deliver,
      log: silentLogger,
      clock: () => SLOT + 30_000,
      graceMinutes: 60,
      maxFailures: 3,
    });
    expect((await scheduler.runDue(SLOT + 30_000)).sent).toEqual([{ channel: 'discord:1', slot: SLOT }]);
    expect((await scheduler.runDue(SLOT + 60_000)).sent).toEqual([]);
    expect(deliver.posts.map((p) => p.channel)).toEqual(['discord:1']);
    expect((await store.delivered('discord:1')).size).toBe(2);
  });
});

// A database made before the nothing_new step keeps its subscriptions, which get the default (a short line).
const OLD_ROW = `INSERT INTO subscriptions (channel, cron, schedule_label, timezone, quiet, origin, created_by, created_at, updated_at, checked_until)
  VALUES ('discord:1', '0 8 * * *', 'daily 08:00', 'UTC', NULL, 'chat', 'U1', 1, 1, 1)`;

const upgrades: Array<[string, () => Promise<{ store: DigestStore; close: () => Promise<void> }>]> = [
  [
    'sqlite',
    async () => {
      const tmp = tempDir('briefbot-upgrade-');
      const path = join(tmp.dir, 'state.db');
      const old = new BetterSqlite3(path);
      migrate(old, MIGRATIONS.slice(0, 2));
      old.exec(OLD_ROW);
      old.close();
      const db = openDatabase(path);
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      db.close();
      const backend = sqliteBackend(path);
      return { store: await openDigestStore(backend), close: async () => (await backend.close(), tmp.cleanup()) };
    },
  ],
  [
    'postgres',
    async () => {
      const db = await createTestDatabase('upgrade');
      const old = new pg.Pool({ connectionString: db.url, max: 1 });
      await migratePostgres(old, PG_MIGRATIONS.slice(0, 1));
      await old.query(OLD_ROW);
      await old.end();
      const pool = await openPool(db.url, { max: 1 });
      expect((await pool.query('SELECT version FROM briefbot_schema')).rows).toEqual([
        { version: PG_MIGRATIONS.length },
      ]);
      await pool.end();
      const backend = postgresBackend(db.url);
      return { store: await openDigestStore(backend), close: async () => (await backend.close(), await db.drop()) };
    },
  ],
];

describe.each(upgrades)('digest store migration: %s', (_kind, upgrade) => {
  it('adds the nothing_new step to a database made before it, keeping its subscriptions', async () => {
    const { store, close } = await upgrade();
    try {
      expect(await store.subscription('discord:1')).toMatchObject({
        channel: 'discord:1',
        cron: '0 8 * * *',
        nothingNew: 'line',
      });
      await store.upsert(input('discord:1', { nothingNew: 'skip' }), 2);
      expect((await store.subscription('discord:1'))!.nothingNew).toBe('skip');
    } finally {
      await close();
    }
  });
});
