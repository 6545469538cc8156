// The app's metrics count what users see: each command by outcome with its latency, and each feed check by result.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { consoleCaller } from '../../src/core/caller.js';
import { createLogger } from '../../src/log.js';
import { checkResult } from '../../src/feeds/poller.js';

let dir: string;
let runtime: Runtime;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'command-metrics-'));
  cpSync(join(import.meta.dirname, '../fixtures/stories'), join(dir, 'seeds'), { recursive: true });
  const config = loadConfig({ DATABASE_PATH: ':memory:', BRIEFING_CACHE: 'off', LOG_LEVEL: 'silent' });
  runtime = await createRuntime(config, createLogger({ level: 'silent' }), join(dir, 'seeds'));
});
afterAll(async () => {
  await runtime?.state.close();
  rmSync(dir, { recursive: true, force: true });
});

it('counts commands by name and outcome, and times them', async () => {
  await runtime.bot.run('brief', {}, consoleCaller);
  await runtime.bot.run('brief', {}, consoleCaller);
  await runtime.bot.run('summary', { story: 'no such story anywhere' }, consoleCaller);
  await runtime.bot.run('summary', { length: 'enormous' }, consoleCaller);
  const text = await runtime.metrics.registry.metrics();
  expect(text).toContain('briefbot_commands_total{command="brief",outcome="ok"} 2');
  expect(text).toContain('briefbot_commands_total{command="summary",outcome="refused"} 1');
  expect(text).toContain('briefbot_commands_total{command="summary",outcome="invalid"} 1');
  expect(text).toMatch(/briefbot_command_seconds_count\{command="brief"\} 2/);
});

it('names a feed check by its result', () => {
  const base = { url: 'u', ok: true, added: [], updated: [], posted: 0 };
  expect(checkResult({ ...base, notModified: true })).toBe('not-modified');
  expect(checkResult(base)).toBe('unchanged');
  expect(checkResult({ ...base, ok: false, failure: { kind: 'timeout', message: 'slow' } })).toBe('timeout');
});
