// Opens the Postgres pool for DATABASE_URL and brings the schema up to date. Replicas starting together take one
// advisory lock for the migration, so a step is applied once; each step runs in its own transaction.
import type { Pool, PoolClient } from 'pg';
import { DatabaseError } from './database.js';
import { PG_MIGRATIONS } from './pg-migrations.js';

/** Any number: names the lock every replica takes while migrating. */
const MIGRATION_LOCK = 0x62726266;

export async function openPool(url: string, options: { max?: number } = {}): Promise<Pool> {
  const { default: pg } = await import('pg');
  // allowExitOnIdle: a one-shot CLI command exits when done instead of waiting for idle connections to time out.
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, allowExitOnIdle: true });
  // An idle client losing its server (Postgres restarted) must not crash the process: the pool drops it.
  pool.on('error', () => undefined);
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseError(`Could not open the Postgres database: ${(error as Error).message}`);
  }
  return pool;
}

export async function migratePostgres(pool: Pool, migrations: readonly string[] = PG_MIGRATIONS): Promise<number> {
  const client = await pool.connect();
  const lost = watchCheckedOut(client);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS briefbot_schema (version INTEGER NOT NULL)');
      let version = await schemaVersion(client);
      if (version > migrations.length) {
        throw new DatabaseError(
          `The database is at schema version ${version}, newer than this build knows (${migrations.length}). Upgrade briefbot.`,
        );
      }
      for (; version < migrations.length; version++) {
        await client.query('BEGIN');
        try {
          await client.query(migrations[version]!);
          await client.query('DELETE FROM briefbot_schema');
          await client.query('INSERT INTO briefbot_schema (version) VALUES ($1)', [version + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return version;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    lost.release();
  }
}

async function schemaVersion(client: PoolClient): Promise<number> {
  const { rows } = await client.query<{ version: number }>('SELECT version FROM briefbot_schema');
  return rows[0]?.version ?? 0;
}

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock detected

/** Runs `work` in one transaction on one client; a deadlock or serialization failure is retried a few times. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    const lost = watchCheckedOut(client);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (attempt >= 5 || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
    } finally {
      lost.release();
    }
  }
}

/**
 * A client checked out of the pool has no 'error' listener (the pool listens only while it is idle), so a server that
 * ends the session between two statements (a Postgres restart: "terminating connection due to administrator
 * command") would be an uncaught 'error' event and end the process. While checked out, the error is kept instead; the
 * statements after it fail, and `release` hands the client back broken, so the pool drops it.
 */
function watchCheckedOut(client: PoolClient): { release: () => void } {
  let broken: Error | undefined;
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  return {
    release: () => {
      client.removeListener('error', onError);
      client.release(broken);
    },
  };
}
