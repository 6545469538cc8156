// The Bolt App and its receiver for the configured mode: Socket Mode (SLACK_APP_TOKEN) or HTTP mode
// (SLACK_SIGNING_SECRET, /slack/events on SLACK_PORT), both pointed at SLACK_API_URL when it is set.
import { App, HTTPReceiver, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { boltLogger } from './bolt-logger.js';
import { slackRetries, type SlackRetries } from './retry.js';
import { stopSafely } from './socket-stop.js';

export const EVENTS_PATH = '/slack/events';

export interface SlackApp {
  app: App;
  mode: 'socket' | 'http';
  /** Socket Mode only: disconnects, waiting out a reconnect in progress. */
  stopSocket: (() => Promise<void>) | undefined;
  retries: SlackRetries;
}

export function slackApp(
  config: Pick<
    Config,
    'slack' | 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_API_URL' | 'SLACK_RETRY_MS'
  >,
  log: Logger,
): SlackApp {
  const token = config.SLACK_BOT_TOKEN;
  const mode = config.slack.mode;
  if (!token || !mode)
    throw new Error(
      'The Slack adapter needs SLACK_BOT_TOKEN, with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode).',
    );

  const logger = boltLogger(log);
  // Each client gets its own copy: the Socket Mode client writes its own retry policy into the object it is given.
  const clientOptions = (): webApi.WebClientOptions =>
    config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {};
  const socketReceiver =
    mode === 'socket'
      ? new SocketModeReceiver({
          appToken: config.SLACK_APP_TOKEN!,
          logger,
          installerOptions: { clientOptions: clientOptions() },
        })
      : undefined;
  const stopSocket = socketReceiver ? stopSafely(socketReceiver.client) : undefined;
  const receiver =
    socketReceiver ?? new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, endpoints: EVENTS_PATH, logger });
  // deferInitialization: auth.test runs in start(), where a bad token becomes a clear error instead of an unhandled rejection.
  // The app's own client retries a Slack it cannot reach for SLACK_RETRY_MS at most, counting and naming each try;
  // the Socket Mode client keeps its own reconnect policy.
  const retries = slackRetries(config.SLACK_RETRY_MS, log);
  const app = new App({
    token,
    receiver,
    logger,
    clientOptions: { ...clientOptions(), retryConfig: retries.retryConfig },
    deferInitialization: true,
  });
  return { app, mode, stopSocket, retries };
}
