// Postgres restarting under the replicas (its own throwaway server, so no other test file sees the restart): the
// gateway lease is lost by its holder and taken again by exactly one contender once the server is back, and an
// article stored just after the restart still reaches the other replica's library, by NOTIFY or by the catch-up
// its LISTEN reconnection (or a failed read's retry) makes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { articleText, textHash } from '../../src/feeds/articles.js';
import { PostgresArticleStore } from '../../src/feeds/postgres-store.js';
import { createLogger } from '../../src/log.js';
import { postgresBackend, type PostgresBackend } from '../../src/state/backend.js';
import { LEASE_KEYS, type Lease } from '../../src/state/lease.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../testkit/postgres-server.js';
import { until } from '../e2e/helpers.js';

let server: ThrowawayPostgres;
let dir: string;
let reader: Runtime;
let writer: PostgresBackend;
const leaseBackends: PostgresBackend[] = [];

beforeAll(async () => {
  server = await startThrowawayPostgres();
  dir = mkdtempSync(join(tmpdir(), 'replicas-restart-'));
  const config = loadConfig({ DATABASE_URL: server.url, BRIEFING_CACHE: 'off', LOG_LEVEL: 'silent' });
  reader = await createRuntime(config, createLogger({ level: 'silent' }), dir, { tickMs: 0 });
  await reader.feeds!.follow();
  writer = postgresBackend(server.url, { max: 1 });
}, 30_000);

afterAll(async () => {
  await reader?.feeds?.stop();
  await reader?.state.close();
  await writer?.close();
  for (const b of leaseBackends) await b.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('after a Postgres restart one lease holder comes back, and an article stored meanwhile is not lost', async () => {
  const events: string[] = [];
  let mostHeld = 0;
  const leases: Lease[] = ['l1', 'l2'].map((name) => {
    const backend = postgresBackend(server.url);
    leaseBackends.push(backend);
    const lease = backend.lease({ key: LEASE_KEYS.discordGateway, retryMs: 200 });
    lease.start({
      acquired: () => void events.push(`${name} acquired`),
      lost: () => void events.push(`${name} lost`),
    });
    return lease;
  });
  const sampler = setInterval(() => (mostHeld = Math.max(mostHeld, leases.filter((l) => l.held).length)), 2);
  try {
    await until(() => leases.some((l) => l.held), 'a first holder');
    const first = leases.findIndex((l) => l.held);

    await server.restart();
    const url = 'https://harbour.example/after-restart';
    const text = articleText(
      'Ferry returns after the storm',
      null,
      'The ferry returned on Monday, the port said. '.repeat(6),
    );
    const store = new PostgresArticleStore(() => writer.pool());
    // The writer's pooled connection died with the server: a later attempt gets a new one (bounded tries).
    let stored = false;
    for (let attempt = 0; attempt < 20 && !stored; attempt++) {
      stored = await store
        .put({
          url,
          feedUrl: null,
          outlet: 'Port',
          title: null,
          published: null,
          fetchedAt: Date.now(),
          text,
          hash: textHash(text),
        })
        .then(
          () => true,
          () => new Promise<boolean>((r) => setTimeout(() => r(false), 100)),
        );
    }
    expect(stored).toBe(true);
    await until(() => reader.library.bySourcePath(url) !== undefined, 'the reader to have the article');

    await until(() => events.includes(`l${first + 1} lost`), 'the first holder to lose its lease');
    await until(() => leases.filter((l) => l.held).length === 1, 'one holder again');
    expect(events.filter((e) => e.endsWith('acquired')).length).toBe(2);
  } finally {
    clearInterval(sampler);
    for (const l of leases) await l.stop();
  }
  expect(mostHeld).toBe(1);
  expect(leases.every((l) => !l.held)).toBe(true);
}, 60_000);
