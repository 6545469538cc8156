// What the Slack adapter keeps in the state database (SQLite or Postgres, one interface): the workspaces installed
// through OAuth with their tokens, which workspace each channel is in (so a digest knows whose token posts it), and
// the event ids already handled, so an event Slack sends again — to this replica or another — is handled once.
import type { Pool } from 'pg';
import type { Database } from '../../state/database.js';
import type { StateBackend } from '../../state/backend.js';

export interface SlackWorkspaceStore {
  /** Saves (or replaces) one workspace's installation, as JSON text. */
  saveInstallation(
    workspace: string,
    ids: { teamId: string | null; enterpriseId: string | null },
    record: string,
    now: number,
  ): Promise<void>;
  installation(workspace: string): Promise<string | undefined>;
  deleteInstallation(workspace: string): Promise<void>;
  /** The workspaces installed, for sending to a channel no command has come from yet. */
  workspaces(): Promise<string[]>;
  rememberChannel(channel: string, workspace: string, now: number): Promise<void>;
  channelWorkspace(channel: string): Promise<string | undefined>;
  /** True for the first claim of an event id; claims older than `forgetBefore`, when given, are dropped first. */
  claimEvent(eventId: string, now: number, forgetBefore: number | null): Promise<boolean>;
}

export async function openSlackWorkspaceStore(backend: StateBackend): Promise<SlackWorkspaceStore> {
  return backend.kind === 'sqlite' ? sqliteStore(backend.db()) : postgresStore(await backend.pool());
}

function sqliteStore(db: Database): SlackWorkspaceStore {
  const save = db.prepare(
    `INSERT INTO slack_installations (workspace, team_id, enterprise_id, record, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (workspace) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
       record = excluded.record, updated_at = excluded.updated_at`,
  );
  const get = db.prepare('SELECT record FROM slack_installations WHERE workspace = ?').pluck();
  const remove = db.prepare('DELETE FROM slack_installations WHERE workspace = ?');
  const all = db.prepare('SELECT workspace FROM slack_installations ORDER BY workspace').pluck();
  const channel = db.prepare(
    `INSERT INTO slack_channels (channel, workspace, seen_at) VALUES (?, ?, ?)
     ON CONFLICT (channel) DO UPDATE SET workspace = excluded.workspace, seen_at = excluded.seen_at`,
  );
  const channelOf = db.prepare('SELECT workspace FROM slack_channels WHERE channel = ?').pluck();
  const claim = db.prepare(
    'INSERT INTO slack_event_claims (event_id, claimed_at) VALUES (?, ?) ON CONFLICT DO NOTHING',
  );
  const forget = db.prepare('DELETE FROM slack_event_claims WHERE claimed_at < ?');
  return {
    saveInstallation: async (workspace, ids, record, now) => {
      save.run(workspace, ids.teamId, ids.enterpriseId, record, now);
    },
    installation: async (workspace) => get.get(workspace) as string | undefined,
    deleteInstallation: async (workspace) => {
      remove.run(workspace);
    },
    workspaces: async () => all.all() as string[],
    rememberChannel: async (id, workspace, now) => {
      channel.run(id, workspace, now);
    },
    channelWorkspace: async (id) => channelOf.get(id) as string | undefined,
    claimEvent: async (eventId, now, forgetBefore) => {
      if (forgetBefore !== null) forget.run(forgetBefore);
      return claim.run(eventId, now).changes === 1;
    },
  };
}

function postgresStore(pool: Pool): SlackWorkspaceStore {
  const one = async (sql: string, values: unknown[]): Promise<Record<string, unknown> | undefined> =>
    (await pool.query(sql, values)).rows[0] as Record<string, unknown> | undefined;
  return {
    saveInstallation: async (workspace, ids, record, now) => {
      await pool.query(
        `INSERT INTO slack_installations (workspace, team_id, enterprise_id, record, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (workspace) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
           record = excluded.record, updated_at = excluded.updated_at`,
        [workspace, ids.teamId, ids.enterpriseId, record, now],
      );
    },
    installation: async (workspace) =>
      (await one('SELECT record FROM slack_installations WHERE workspace = $1', [workspace]))?.record as
        string | undefined,
    deleteInstallation: async (workspace) => {
      await pool.query('DELETE FROM slack_installations WHERE workspace = $1', [workspace]);
    },
    workspaces: async () =>
      (await pool.query('SELECT workspace FROM slack_installations ORDER BY workspace')).rows.map(
        (r: { workspace: string }) => r.workspace,
      ),
    rememberChannel: async (id, workspace, now) => {
      await pool.query(
        `INSERT INTO slack_channels (channel, workspace, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (channel) DO UPDATE SET workspace = excluded.workspace, seen_at = excluded.seen_at`,
        [id, workspace, now],
      );
    },
    channelWorkspace: async (id) =>
      (await one('SELECT workspace FROM slack_channels WHERE channel = $1', [id]))?.workspace as string | undefined,
    claimEvent: async (eventId, now, forgetBefore) => {
      if (forgetBefore !== null)
        await pool.query('DELETE FROM slack_event_claims WHERE claimed_at < $1', [forgetBefore]);
      const row = await one(
        'INSERT INTO slack_event_claims (event_id, claimed_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id',
        [eventId, now],
      );
      return row !== undefined;
    },
  };
}
