// One contract for the Slack workspace store, run against both backends: the SQLite file and a real Postgres (the
// run's throwaway server, a fresh database per test). Installations, the channel-to-workspace map, and event ids
// claimed once across any number of store instances on one database (two replicas).
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSlackWorkspaceStore, type SlackWorkspaceStore } from '../../src/adapters/slack/workspace-store.js';
import { postgresBackend, sqliteBackend, type StateBackend } from '../../src/state/backend.js';
import { tempDir } from '../digest/helpers.js';
import { createTestDatabase } from '../fixtures/postgres.js';

interface Opened {
  /** Two replicas' stores on one database. */
  stores: [SlackWorkspaceStore, SlackWorkspaceStore];
  close: () => Promise<void>;
}

async function pair(open: () => StateBackend): Promise<[SlackWorkspaceStore, SlackWorkspaceStore, StateBackend[]]> {
  const a = open();
  const b = open();
  return [await openSlackWorkspaceStore(a), await openSlackWorkspaceStore(b), [a, b]];
}

const backends: Array<[string, () => Promise<Opened>]> = [
  [
    'sqlite',
    async () => {
      const tmp = tempDir('briefbot-slack-store-');
      const [a, b, opened] = await pair(() => sqliteBackend(join(tmp.dir, 'state.db')));
      return {
        stores: [a, b],
        close: async () => {
          for (const o of opened) await o.close();
          tmp.cleanup();
        },
      };
    },
  ],
  [
    'postgres',
    async () => {
      const db = await createTestDatabase('slackstore');
      const [a, b, opened] = await pair(() => postgresBackend(db.url));
      return {
        stores: [a, b],
        close: async () => {
          for (const o of opened) await o.close();
          await db.drop();
        },
      };
    },
  ],
];

const T0 = Date.parse('2026-12-01T10:00:00Z');
const HOUR = 3_600_000;

describe.each(backends)('Slack workspace store (%s)', (_name, open) => {
  let opened: Opened;
  beforeEach(async () => {
    opened = await open();
  });
  afterEach(async () => opened?.close());

  it('keeps, replaces and deletes installations, seen by every replica', async () => {
    const [a, b] = opened.stores;
    await a.saveInstallation('TONE', { teamId: 'ONE', enterpriseId: null }, '{"v":1}', T0);
    await a.saveInstallation('TONE', { teamId: 'ONE', enterpriseId: null }, '{"v":2}', T0 + 1);
    await b.saveInstallation('EORG', { teamId: null, enterpriseId: 'ORG' }, '{"org":true}', T0);
    expect(await b.installation('TONE')).toBe('{"v":2}');
    expect(await a.workspaces()).toEqual(['EORG', 'TONE']);
    await b.deleteInstallation('TONE');
    expect(await a.installation('TONE')).toBeUndefined();
    expect(await a.workspaces()).toEqual(['EORG']);
  });

  it("remembers each channel's latest workspace", async () => {
    const [a, b] = opened.stores;
    expect(await a.channelWorkspace('C1')).toBeUndefined();
    await a.rememberChannel('C1', 'TONE', T0);
    await b.rememberChannel('C1', 'TTWO', T0 + 1);
    expect(await a.channelWorkspace('C1')).toBe('TTWO');
  });

  it('claims an event id once across replicas, and forgets old claims', async () => {
    const [a, b] = opened.stores;
    const results = await Promise.all([
      a.claimEvent('Ev1', T0, T0 - HOUR),
      b.claimEvent('Ev1', T0, T0 - HOUR),
      a.claimEvent('Ev1', T0, T0 - HOUR),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.claimEvent('Ev2', T0, T0 - HOUR)).toBe(true);
    // Without a forget instant nothing is dropped; past the memory window the id is, so the table does not grow.
    expect(await a.claimEvent('Ev1', T0 + 3 * HOUR, null)).toBe(false);
    expect(await a.claimEvent('Ev1', T0 + 3 * HOUR, T0 + HOUR)).toBe(true);
  });
});
