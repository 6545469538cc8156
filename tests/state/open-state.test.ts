// The state backend is opened at start: a Postgres that cannot be reached is named by its key, never its password.
import { expect, it } from 'vitest';
import { openState } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { postgresBackend } from '../../src/state/backend.js';

it('says which Postgres setting failed, without the password', async () => {
  const url = 'postgres://bot:pa55word-secret@127.0.0.1:1/briefbot';
  const config = loadConfig({ DATABASE_URL: url });
  const error = await openState({ state: postgresBackend(url), config }).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error?.message).toMatch(/^DATABASE_URL: could not connect to Postgres/);
  expect(error?.message).not.toContain('pa55word-secret');
});
