// The Slack adapter: Bolt in Socket Mode (SLACK_APP_TOKEN) or HTTP mode (SLACK_SIGNING_SECRET, /slack/events on
// SLACK_PORT). The App is built in receiver.ts, its listeners in listeners.ts; this file starts, stops and posts.
import type { Server } from 'node:http';
import type { Config } from '../../config.js';
import type { Reply } from '../../core/reply.js';
import type { Adapter, AdapterContext } from '../adapter.js';
import { platformChannelId } from '../shared/channel-id.js';
import { postMessages } from './reply-delivery.js';
import { listen } from './listeners.js';
import { installationStore, workspaceClients, workspaceMiddleware } from './installations.js';
import { EVENTS_PATH, INSTALL_PATH, slackApp, type SlackAppConfig } from './receiver.js';
import { openSlackWorkspaceStore, type SlackWorkspaceStore } from './workspace-store.js';
import { renderMessages } from './render-blocks.js';
import { requestReason, type SlackRetries } from './retry.js';

export { EVENTS_PATH };

export interface SlackAdapter extends Adapter {
  readonly platform: 'slack';
  readonly mode: 'socket' | 'http';
  /** HTTP mode, once started: the port /slack/events listens on (SLACK_PORT=0 picks a free one). */
  readonly port: number | undefined;
}

/** The settings the Slack adapter reads: the App's (receiver.ts), and its port, admins and command prefix. */
export type SlackConfig = SlackAppConfig & Pick<Config, 'SLACK_PORT' | 'SLACK_ADMIN_USER_IDS' | 'SLACK_COMMAND_PREFIX'>;

export async function createSlackAdapter(context: AdapterContext<SlackConfig>): Promise<SlackAdapter> {
  const { bot, config } = context;
  const log = context.log.child({ platform: 'slack' });
  let workspaces: SlackWorkspaceStore | undefined;
  if (config.slack.oauth) {
    if (!context.state) throw new Error('Slack OAuth (SLACK_CLIENT_ID) needs the state database.');
    workspaces = await openSlackWorkspaceStore(context.state);
  }
  const { app, mode, stopSocket, retries, clientOptions } = slackApp(
    config,
    log,
    workspaces ? installationStore(workspaces) : undefined,
  );
  if (workspaces) workspaceMiddleware(app, workspaces, log);
  listen(app, bot, config, log);
  const clientFor = workspaces ? workspaceClients(workspaces, clientOptions) : async () => app.client;

  let server: Server | undefined;
  const boundPort = () => {
    const address = server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  };
  return {
    platform: 'slack',
    mode,
    get port() {
      return boundPort();
    },
    async start() {
      try {
        await app.init();
        if (workspaces) await workspaces.workspaces(); // the state database answers before Slack is taken
      } catch (err) {
        throw new Error(
          unreachable(err, retries, config.SLACK_API_URL) ??
            `Slack did not accept SLACK_BOT_TOKEN (auth.test: ${slackError(err)}).`,
          { cause: err },
        );
      }
      if (stopSocket) {
        try {
          await app.start();
        } catch (err) {
          throw new Error(
            unreachable(err, retries, config.SLACK_API_URL) ??
              `Slack did not open a Socket Mode connection with SLACK_APP_TOKEN (${slackError(err)}).`,
            { cause: err },
          );
        }
        log.info('connected to Slack in Socket Mode');
        return;
      }
      server = (await app.start(config.SLACK_PORT)) as Server;
      log.info(
        { port: boundPort(), path: EVENTS_PATH },
        `listening for Slack on port ${boundPort()} at ${EVENTS_PATH}` +
          (workspaces ? `; workspaces install the app at ${INSTALL_PATH}` : ''),
      );
    },
    async stop() {
      // The receiver's stop() does not wait for the socket to close; the client's disconnect() does.
      if (stopSocket) await stopSocket();
      else if (server) await app.stop();
    },
    async send(channelId: string, reply: Reply) {
      const channel = platformChannelId('slack', channelId);
      await postMessages(await clientFor(channel), channel, renderMessages(reply));
    },
  };
}

function slackError(err: unknown): string {
  const data = (err as { data?: { error?: unknown } }).data;
  if (typeof data?.error === 'string') return data.error;
  return err instanceof Error ? err.message : String(err);
}

/** A request that never reached Slack (network, DNS, refused) is not a token problem: say so, with the tries made. */
function unreachable(err: unknown, retries: SlackRetries, apiUrl: string | undefined): string | undefined {
  if ((err as { code?: unknown }).code !== 'slack_webapi_request_error') return undefined;
  const last = retries.last();
  const where = apiUrl ? `Slack at ${apiUrl} (SLACK_API_URL)` : 'Slack (slack.com)';
  const tries = last
    ? ` after ${last.attempts} attempt${last.attempts === 1 ? '' : 's'} in ${Math.round((Date.now() - last.startedAt) / 1000)} s`
    : '';
  return `Could not reach ${where}${tries}: ${last?.reason ?? requestReason(err)}. Check the network; SLACK_RETRY_MS sets how long to keep trying.`;
}
