// The Bolt App and its receiver for the configured mode: Socket Mode (SLACK_APP_TOKEN) or HTTP mode
// (SLACK_SIGNING_SECRET, /slack/events on SLACK_PORT), both pointed at SLACK_API_URL when it is set. HTTP mode with
// SLACK_CLIENT_ID/SECRET serves any number of workspaces: /slack/install and /slack/oauth_redirect install the app,
// and each request is authorized with its workspace's token from the installation store.
import { App, HTTPReceiver, SocketModeReceiver, type InstallationStore, type webApi } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { boltLogger } from './bolt-logger.js';
import { BOT_SCOPES } from './manifest.js';
import { slackRetries, type SlackRetries } from './retry.js';
import { stopSafely } from './socket-stop.js';

export const EVENTS_PATH = '/slack/events';
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

export interface SlackApp {
  app: App;
  mode: 'socket' | 'http';
  /** Socket Mode only: disconnects, waiting out a reconnect in progress. */
  stopSocket: (() => Promise<void>) | undefined;
  retries: SlackRetries;
  /** A copy of the Web API client options (SLACK_API_URL), for clients made per workspace. */
  clientOptions: () => webApi.WebClientOptions;
}

export type SlackAppConfig = Pick<
  Config,
  | 'slack'
  | 'SLACK_BOT_TOKEN'
  | 'SLACK_APP_TOKEN'
  | 'SLACK_SIGNING_SECRET'
  | 'SLACK_API_URL'
  | 'SLACK_RETRY_MS'
  | 'SLACK_CLIENT_ID'
  | 'SLACK_CLIENT_SECRET'
  | 'SLACK_STATE_SECRET'
>;

/** `installations`: needed with SLACK_CLIENT_ID (OAuth); app.ts gives it from the state database. */
export function slackApp(config: SlackAppConfig, log: Logger, installations?: InstallationStore): SlackApp {
  const token = config.SLACK_BOT_TOKEN;
  const mode = config.slack.mode;
  if (config.slack.oauth && !installations) throw new Error('Slack OAuth needs an installation store.');
  if ((!token && !config.slack.oauth) || !mode)
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
    socketReceiver ??
    new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET!,
      endpoints: EVENTS_PATH,
      logger,
      ...(config.slack.oauth
        ? {
            clientId: config.SLACK_CLIENT_ID!,
            clientSecret: config.SLACK_CLIENT_SECRET!,
            stateSecret: config.SLACK_STATE_SECRET ?? config.SLACK_CLIENT_SECRET!,
            scopes: [...BOT_SCOPES],
            installationStore: installations!,
            installerOptions: {
              directInstall: true,
              installPath: INSTALL_PATH,
              redirectUriPath: REDIRECT_PATH,
              clientOptions: clientOptions(),
            },
          }
        : {}),
    });
  // deferInitialization: auth.test runs in start(), where a bad token becomes a clear error instead of an unhandled rejection.
  // The app's own client retries a Slack it cannot reach for SLACK_RETRY_MS at most, counting and naming each try;
  // the Socket Mode client keeps its own reconnect policy.
  const retries = slackRetries(config.SLACK_RETRY_MS, log);
  const app = new App({
    ...(token ? { token } : {}),
    receiver,
    logger,
    clientOptions: { ...clientOptions(), retryConfig: retries.retryConfig },
    deferInitialization: true,
  });
  return { app, mode, stopSocket, retries, clientOptions };
}
