// The ops port: liveness, readiness from the state backend's answer, and Prometheus metrics from the registry.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startOpsServer, type OpsServer } from '../../src/ops/health-server.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { postgresBackend, sqliteBackend } from '../../src/state/backend.js';
import { tempDir } from '../digest/helpers.js';
import { createTestDatabase } from '../fixtures/postgres.js';

let tmp: { dir: string; cleanup: () => void };
let servers: OpsServer[];
beforeEach(() => {
  tmp = tempDir('briefbot-ops-');
  servers = [];
});
afterEach(async () => {
  for (const s of servers) await s.close();
  tmp.cleanup();
});

const get = async (server: OpsServer, path: string) => {
  const res = await fetch(`http://127.0.0.1:${server.port}${path}`);
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
};

it('answers /healthz, /readyz and /metrics, and 404 elsewhere', async () => {
  const metrics = createMetrics({ processMetrics: false });
  const state = sqliteBackend(join(tmp.dir, 'state.db'));
  state.db();
  const server = await startOpsServer({ port: 0, metrics, checks: [{ name: 'state', check: () => state.ping() }] });
  servers.push(server);
  expect(await get(server, '/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
  expect(await get(server, '/readyz')).toMatchObject({ status: 200, body: 'ready\n' });
  metrics.digests.inc({ outcome: 'sent' }, 3);
  const scraped = await get(server, '/metrics');
  expect(scraped.status).toBe(200);
  expect(scraped.type).toContain('text/plain');
  expect(scraped.body).toContain('briefbot_digests_total{outcome="sent"} 3');
  expect((await get(server, '/nope')).status).toBe(404);
  await state.close();
});

it('is not ready while Postgres does not answer, and ready once it does', async () => {
  const metrics = createMetrics({ processMetrics: false });
  const dead = postgresBackend('postgres://nobody:x@127.0.0.1:1/none');
  const db = await createTestDatabase('ops');
  const live = postgresBackend(db.url);
  try {
    const down = await startOpsServer({ port: 0, metrics, checks: [{ name: 'state', check: () => dead.ping() }] });
    const up = await startOpsServer({
      port: 0,
      metrics,
      checks: [
        { name: 'state', check: () => live.ping() },
        { name: 'library', check: () => true },
      ],
    });
    servers.push(down, up);
    expect(await get(down, '/readyz')).toMatchObject({ status: 503, body: 'not ready: state\n' });
    expect(await get(down, '/healthz')).toMatchObject({ status: 200 });
    expect(await get(up, '/readyz')).toMatchObject({ status: 200, body: 'ready\n' });
  } finally {
    await live.close();
    await dead.close();
    await db.drop();
  }
});
