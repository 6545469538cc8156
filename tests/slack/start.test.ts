// Start-up failures are clear errors that name the token and Slack's reason, never the token itself.
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../src/adapters/slack/index.js';
import { createRuntime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { startSocketModeServer, type SocketModeServer } from '../emulators/slack/socket-mode.js';
import { startWebApiStub, type WebApiStub } from '../emulators/slack/web-api.js';
import { APP_TOKEN, BOT_TOKEN, SECRET, SEEDS } from './harness.js';

const open: Array<WebApiStub | SocketModeServer> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function adapterFor(env: Record<string, string>) {
  const runtime = await createRuntime(loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_PORT: '0', ...env }), silentLogger, SEEDS);
  return createSlackAdapter(runtime);
}

describe('Slack adapter start-up', () => {
  it('rejects a bot token Slack refuses, naming auth.test and the reason, and does not listen', async () => {
    const api = await startWebApiStub();
    open.push(api);
    api.failNext('auth.test', 'invalid_auth');
    const adapter = await adapterFor({ SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: api.url });
    const error = await adapter.start().then(() => null, (e: unknown) => e as Error);
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
    await expect(adapter.start()).rejects.toThrow('Slack did not open a Socket Mode connection with SLACK_APP_TOKEN (invalid_auth).');
    expect(api.callsTo('apps.connections.open').length).toBe(1);
    expect(socket.connections.items).toEqual([]);
    await adapter.stop();
  });
});
