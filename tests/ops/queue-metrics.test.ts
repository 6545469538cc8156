// Queue depths in /metrics, read at each scrape: feeds due for a check now, and article changes heard from other
// replicas and not yet applied; a queue whose read fails is left out of that scrape instead of failing it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { PostgresFeedStore } from '../../src/feeds/postgres-store.js';
import { createLogger } from '../../src/log.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';

let dir: string;
let db: TestDatabase;
let runtime: Runtime;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'queue-metrics-'));
  db = await createTestDatabase('queue_metrics');
  const config = loadConfig({ DATABASE_URL: db.url, BRIEFING_CACHE: 'off', LOG_LEVEL: 'silent' });
  runtime = await createRuntime(config, createLogger({ level: 'silent' }), dir, { tickMs: 0 });
});
afterAll(async () => {
  await runtime?.feeds?.stop();
  await runtime?.state.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

it('reports how many feeds are due now and how many article changes wait', async () => {
  const text = () => runtime.metrics.registry.metrics();
  expect(await text()).toContain('briefbot_queue_depth{queue="feeds_due"} 0');
  const feeds = new PostgresFeedStore(() =>
    runtime.state.kind === 'postgres' ? runtime.state.pool() : Promise.reject(new Error('not postgres')),
  );
  const now = Date.now();
  const sub = (url: string, next: number) =>
    feeds.subscribe({ url, title: null, channel: 'discord:1', postEach: false, addedBy: 'u' }, now, next);
  await sub('https://a.example/feed', now - 60_000);
  await sub('https://b.example/feed', now - 1_000);
  await sub('https://c.example/feed', now + 3_600_000);
  const scraped = await text();
  expect(scraped).toContain('briefbot_queue_depth{queue="feeds_due"} 2');
  expect(scraped).toContain('briefbot_queue_depth{queue="article_changes"} 0');
  // No Discord here, so no gateway.
  expect(scraped).toMatch(/^briefbot_gateway_held 0$/m);
});

it('leaves out a queue whose read fails, and reads the gateway gauge at each scrape', async () => {
  const metrics = createMetrics({ processMetrics: false });
  let fail = false;
  metrics.queueDepth('flaky', () => (fail ? Promise.reject(new Error('down')) : 3));
  let held = true;
  metrics.gatewayHeld(() => held);
  expect(await metrics.registry.metrics()).toContain('briefbot_queue_depth{queue="flaky"} 3');
  expect(await metrics.registry.metrics()).toMatch(/^briefbot_gateway_held 1$/m);
  fail = true;
  held = false;
  const scraped = await metrics.registry.metrics();
  expect(scraped).not.toContain('queue="flaky"');
  expect(scraped).toMatch(/^briefbot_gateway_held 0$/m);
});
