// Starts the product's real Slack adapter (real Bolt App) against the loopback emulators, with the seeds folder.
import { fileURLToPath } from 'node:url';
import { createSlackAdapter, EVENTS_PATH, type SlackAdapter } from '../../src/adapters/slack/index.js';
import type { AdapterContext } from '../../src/adapters/adapter.js';
import { createRuntime } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { loadConfig } from '../../src/config.js';
import type { Caller } from '../../src/core/caller.js';
import type { Reply } from '../../src/core/reply.js';
import type { Library } from '../../src/library/library.js';
import { createLogger } from '../../src/log.js';
import { commands } from '../../commands/index.js';
import { testRuntime } from '../adapters/test-runtime.js';
import { startResponseUrlServer, type ResponseUrlServer } from '../../testkit/emulators/slack/response-url.js';
import { startSocketModeServer, type SocketModeServer } from '../../testkit/emulators/slack/socket-mode.js';
import { startWebApiStub, type WebApiStub } from '../../testkit/emulators/slack/web-api.js';

export const SEEDS = fileURLToPath(new URL('../../seeds', import.meta.url));
export const SECRET = 'loopback-signing-secret-123';
export const BOT_TOKEN = 'xoxb-loopback-bot-token-000';
export const APP_TOKEN = 'xapp-loopback-app-token-000';

export interface BotCall {
  kind: 'runText' | 'mention';
  name?: string;
  text: string;
  caller: Caller;
}

export interface Harness {
  api: WebApiStub;
  responses: ResponseUrlServer;
  socket?: SocketModeServer;
  runtime: AdapterContext<Config>;
  adapter: SlackAdapter;
  /** http://127.0.0.1:<port>/slack/events (HTTP mode). */
  eventsUrl: string;
  /** Every call the adapter made into the bot, in order. */
  botCalls: BotCall[];
  logs: string[];
  /** What the bot itself answers, for comparing with what reached Slack. */
  expect: {
    runText(name: string, text: string, caller: Caller): Promise<Reply>;
    mention(text: string, caller: Caller): Promise<Reply>;
  };
  close(): Promise<void>;
}

export function slackCaller(user = 'UALICE', channel = 'CNEWS', isAdmin = false): Caller {
  return { platform: 'slack', userId: user, channelId: `slack:${channel}`, isAdmin };
}

/** `library`: the bot answers from it (at a fixed clock) instead of from the seeds folder. */
export async function startHarness(
  mode: 'http' | 'socket',
  env: Record<string, string> = {},
  library?: Library,
): Promise<Harness> {
  const api = await startWebApiStub();
  const responses = await startResponseUrlServer();
  const socket = mode === 'socket' ? await startSocketModeServer() : undefined;
  if (socket) api.socketUrl = socket.url;
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    ...(mode === 'socket' ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: SECRET }),
    SLACK_API_URL: api.url,
    SLACK_PORT: '0',
    ...env,
  });
  const logs: string[] = [];
  const log = createLogger({
    level: 'debug',
    secrets: config.secrets,
    destination: { write: (line: string) => logs.push(line) },
  });
  const runtime: AdapterContext<Config> = library
    ? testRuntime(config, log, library, commands)
    : await createRuntime(config, log, SEEDS);
  const realBot = runtime.bot;
  const botCalls: BotCall[] = [];
  // The adapter gets the real bot, watched: tests can tell whether a handler ran at all.
  const bot = {
    ...realBot,
    runText: (name: string, text: string, caller: Caller) => {
      botCalls.push({ kind: 'runText', name, text, caller });
      return realBot.runText(name, text, caller);
    },
    mention: (text: string, caller: Caller) => {
      botCalls.push({ kind: 'mention', text, caller });
      return realBot.mention(text, caller);
    },
  };
  const adapter = await createSlackAdapter({ ...runtime, bot });
  await adapter.start();
  return {
    api,
    responses,
    socket,
    runtime,
    adapter,
    eventsUrl: `http://127.0.0.1:${adapter.port ?? 0}${EVENTS_PATH}`,
    botCalls,
    logs,
    expect: { runText: realBot.runText, mention: realBot.mention },
    async close() {
      await adapter.stop();
      await Promise.all([api.close(), responses.close(), socket?.close()]);
    },
  };
}
