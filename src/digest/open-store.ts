// The digest store for a state backend: SQLite or Postgres, one interface (store.ts).
import type { StateBackend } from '../state/backend.js';
import { PostgresDigestStore } from './postgres-store.js';
import { SqliteDigestStore } from './sqlite-store.js';
import type { DigestStore } from './store.js';

export async function openDigestStore(backend: StateBackend): Promise<DigestStore> {
  return backend.kind === 'sqlite'
    ? new SqliteDigestStore(backend.db())
    : new PostgresDigestStore(await backend.pool());
}
