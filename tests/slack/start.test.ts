// Start-up failures are clear errors that name the token and Slack's reason, never the token itself.
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { createRuntime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createServer } from 'node:net';
import { createLogger, silentLogger } from '../../src/log.js';
import { startSocketModeServer, type SocketModeServer } from '../../testkit/emulators/slack/socket-mode.js';
import { startWebApiStub, type WebApiStub } from '../../testkit/emulators/slack/web-api.js';
import { APP_TOKEN, BOT_TOKEN, SECRET, SEEDS } from './harness.js';

const open: Array<WebApiStub | SocketModeServer> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function adapterFor(env: Record<string, string>) {
  const runtime = await createRuntime(
    loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_PORT: '0', ...env }),
    silentLogger,
    SEEDS,
  );
  return createSlackAdapter(runtime);
}

describe('Slack adapter start-up', () => {
  it('rejects a bot token Slack refuses, naming auth.test and the reason, and does not listen', async () => {
    const api = await startWebApiStub();
    open.push(api);
    api.failNext('auth.test', 'invalid_auth');
    const adapter = await adapterFor({ SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api.url });
    const error = await adapter.start().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe('Slack did not accept SLACK_BOT_TOKEN (auth.test: invalid_auth).');
    expect(error?.message).not.toContain(BOT_TOKEN);
    expect(adapter.port).toBeUndefined();
  });

  it('rejects an app token Slack refuses for Socket Mode, without retrying forever', async () => {
    const api = await startWebApiStub();
    const socket = await startSocketModeServer();
    open.push(api, socket);
    api.socketUrl = socket.url;
    api.failNext('apps.connections.open', 'invalid_auth');
    const adapter = await adapterFor({ SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: api.url });
    await expect(adapter.start()).rejects.toThrow(
      'Slack did not open a Socket Mode connection with SLACK_APP_TOKEN (invalid_auth).',
    );
    expect(api.callsTo('apps.connections.open').length).toBe(1);
    expect(socket.connections.items).toEqual([]);
    await adapter.stop();
  });

  it('gives up on a Slack it cannot reach after SLACK_RETRY_MS, counting the tries and naming Slack', async () => {
    const closed = await refusedPort();
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', destination: { write: (l: string) => lines.push(l) } });
    const apiUrl = `http://127.0.0.1:${closed}/api/`;
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_PORT: '0',
      SLACK_API_URL: apiUrl,
      SLACK_RETRY_MS: '1500',
    });
    const adapter = await createSlackAdapter({ ...(await createRuntime(config, silentLogger, SEEDS)), log });
    const started = Date.now();
    const error = await adapter.start().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error?.message).toMatch(
      new RegExp(
        `^Could not reach Slack at ${apiUrl} \\(SLACK_API_URL\\) after [2-9] attempts in \\d+ s: connect ECONNREFUSED 127\\.0\\.0\\.1:${closed}\\.`,
      ),
    );
    expect(error?.message).toContain('SLACK_RETRY_MS');
    const warnings = lines.map((l) => JSON.parse(l) as { msg: string });
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect(warnings[0]!.msg).toMatch(
      /^Slack Web API unreachable \(attempt 1\): connect ECONNREFUSED .*; retrying in 1 s, for up to 2 s in all$/,
    );
    expect(warnings.at(-1)!.msg).toMatch(/^Slack Web API unreachable \(attempt \d\): .*; giving up$/);
    expect(lines.join('')).not.toContain('http request failed');
    expect(adapter.port).toBeUndefined();
  }, 15_000);
});

async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
