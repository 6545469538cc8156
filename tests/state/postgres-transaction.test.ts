// A transaction's connection ended by the server between two statements (what a Postgres restart does to every
// session: "terminating connection due to administrator command") fails that transaction, and nothing else: the
// process does not die of an uncaught 'error' event, and the pool's next transaction runs on a fresh connection.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresBackend, type PostgresBackend } from '../../src/state/backend.js';
import { inTransaction } from '../../src/state/postgres.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';

let db: TestDatabase;
let backend: PostgresBackend;
let other: PostgresBackend;
beforeAll(async () => {
  db = await createTestDatabase('txlost');
  backend = postgresBackend(db.url, { max: 1 });
  other = postgresBackend(db.url, { max: 1 });
});
afterAll(async () => {
  await backend?.close();
  await other?.close();
  await db?.drop();
});

it('fails the transaction whose session the server ends mid-way, and the next one runs', async () => {
  const pool = await backend.pool();
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    const failed = await inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Ended from another session while this one sits between statements, as a restart ends it.
      await (await other.pool()).query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
      await new Promise((r) => setTimeout(r, 200));
      await client.query('SELECT 1');
    }).then(
      () => null,
      (error: Error) => error,
    );
    expect(failed?.message).toMatch(/terminat|not queryable|Connection/i);
    expect(uncaught).toEqual([]);
    const { rows } = await pool.query<{ ok: number }>('SELECT 1 AS ok');
    expect(rows).toEqual([{ ok: 1 }]);
  } finally {
    process.off('uncaughtException', onUncaught);
  }
});
