import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/state/database.js';
import { MIGRATIONS } from '../../src/state/migrations.js';
import { tempDir } from '../digest/helpers.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir('briefbot-state-');
});
afterEach(() => tmp.cleanup());

describe('openDatabase', () => {
  it('creates the folder and the schema on first open, in WAL mode with a busy timeout', () => {
    const path = join(tmp.dir, 'a', 'b', 'briefbot.db');
    const db = openDatabase(path, { busyTimeoutMs: 1234 });
    expect(existsSync(path)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>
    ).map((t) => t.name);
    expect(tables).toEqual([
      'articles',
      'delivered_stories',
      'deliveries',
      'feed_channels',
      'feed_items',
      'feeds',
      'slack_channels',
      'slack_event_claims',
      'slack_installations',
      'subscriptions',
    ]);
    db.close();
  });

  it('opens an existing file without re-running migrations, from two connections', () => {
    const path = join(tmp.dir, 'briefbot.db');
    const one = openDatabase(path);
    one.prepare("INSERT INTO delivered_stories VALUES ('discord:1', 'a.txt', 'h', 1)").run();
    const two = openDatabase(path);
    expect(two.prepare('SELECT COUNT(*) AS n FROM delivered_stories').get()).toEqual({ n: 1 });
    expect(migrate(two)).toBe(MIGRATIONS.length);
    one.close();
    two.close();
  });

  it('keeps one ledger row per (channel, slot)', () => {
    const db = openDatabase(join(tmp.dir, 'briefbot.db'));
    const insert = db.prepare(
      "INSERT INTO deliveries (channel, slot, status, claimed_by, claimed_at) VALUES ('discord:1', 100, 'sending', ?, 0)",
    );
    insert.run('a');
    expect(() => insert.run('b')).toThrow(/UNIQUE/);
    db.close();
  });

  it('refuses a database from a newer build instead of guessing', () => {
    const path = join(tmp.dir, 'briefbot.db');
    const db = openDatabase(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openDatabase(path)).toThrow(/newer than this build knows/);
  });

  it('applies later steps to a file made by an earlier build', () => {
    const db = openDatabase(join(tmp.dir, 'briefbot.db'));
    expect(migrate(db, [...MIGRATIONS, 'CREATE TABLE extra (x INTEGER)'])).toBe(MIGRATIONS.length + 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'extra'").get()).toEqual({ name: 'extra' });
    db.close();
  });
});
