// The Slack adapter: Bolt in Socket Mode (SLACK_APP_TOKEN) or HTTP mode (SLACK_SIGNING_SECRET, /slack/events on
// SLACK_PORT). Slash commands and mentions go through the neutral bot; this file only wires Bolt to it. Every
// listener acknowledges first, then works, and turns failures into log lines: nothing throws into Bolt.
import type { Server } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, type webApi } from '@slack/bolt';
import type { Config } from '../../config.js';
import { callerOn, channelIdOn, type Caller } from '../../core/caller.js';
import { renameCommands, type Reply } from '../../core/reply.js';
import type { Adapter, AdapterContext } from '../adapter.js';
import { boltLogger } from './bolt-logger.js';
import { commandName, slashCommand } from './command-names.js';
import { deliverCommandReply, postMessages } from './deliver.js';
import { slackToPlain, withoutBotMention } from './incoming-text.js';
import { renderMessages } from './render-blocks.js';
import { stopSafely } from './socket-stop.js';

export const EVENTS_PATH = '/slack/events';

export interface SlackAdapter extends Adapter {
  readonly platform: 'slack';
  readonly mode: 'socket' | 'http';
  /** HTTP mode, once started: the port /slack/events listens on (SLACK_PORT=0 picks a free one). */
  readonly port: number | undefined;
}

/** Slack command names are letters, digits, - and _; one listener serves them all, so an unknown one still gets an answer. */
const ANY_COMMAND = /^\/[\w-]+$/;

/** The settings the Slack adapter reads. */
export type SlackConfig = Pick<
  Config,
  'slack' | 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_API_URL' | 'SLACK_PORT' | 'SLACK_ADMIN_USER_IDS' | 'SLACK_COMMAND_PREFIX'
>;

export async function createSlackAdapter(context: AdapterContext<SlackConfig>): Promise<SlackAdapter> {
  const { bot, config } = context;
  const log = context.log.child({ platform: 'slack' });
  const token = config.SLACK_BOT_TOKEN;
  const mode = config.slack.mode;
  if (!token || !mode) throw new Error('The Slack adapter needs SLACK_BOT_TOKEN, with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode).');

  const logger = boltLogger(log);
  // Each client gets its own copy: the Socket Mode client writes its own retry policy into the object it is given.
  const clientOptions = (): webApi.WebClientOptions => (config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {});
  const socketReceiver =
    mode === 'socket' ? new SocketModeReceiver({ appToken: config.SLACK_APP_TOKEN!, logger, installerOptions: { clientOptions: clientOptions() } }) : undefined;
  const stopSocket = socketReceiver ? stopSafely(socketReceiver.client) : undefined;
  const receiver = socketReceiver ?? new HTTPReceiver({ signingSecret: config.SLACK_SIGNING_SECRET!, endpoints: EVENTS_PATH, logger });
  // deferInitialization: auth.test runs in start(), where a bad token becomes a clear error instead of an unhandled rejection.
  const app = new App({ token, receiver, logger, clientOptions: clientOptions(), deferInitialization: true });

  const callerFor = (user: string, channel: string): Caller =>
    callerOn('slack', { userId: user, channel, isAdmin: config.SLACK_ADMIN_USER_IDS.includes(user) });

  // With a command prefix, help and hints must name the commands as this workspace registered them.
  const names = bot.services.commands.map((c) => c.name);
  const localise = (reply: Reply): Reply =>
    config.SLACK_COMMAND_PREFIX ? renameCommands(reply, names, (n) => slashCommand(n, config.SLACK_COMMAND_PREFIX)) : reply;

  app.command(ANY_COMMAND, async ({ command, ack, respond, client }) => {
    try {
      await ack();
    } catch (err) {
      log.warn({ err, command: command.command }, 'could not acknowledge a command');
    }
    try {
      const name = commandName(command.command, config.SLACK_COMMAND_PREFIX);
      const reply = localise(await bot.runText(name, slackToPlain(command.text ?? ''), callerFor(command.user_id, command.channel_id)));
      const route = await deliverCommandReply(reply, { respond, client, channel: command.channel_id, user: command.user_id, log });
      log.debug({ command: name, route }, 'answered a command');
    } catch (err) {
      log.error({ err, command: command.command }, 'command listener failed');
    }
  });

  app.event('app_mention', async ({ event, client, context }) => {
    // Other bots (and our own posts, which Bolt's ignoreSelf drops first) never get answers: no bot loops.
    if (event.bot_id || event.subtype === 'bot_message' || !event.user) return;
    try {
      const text = slackToPlain(withoutBotMention(event.text, context.botUserId));
      const reply = localise(await bot.mention(text, callerFor(event.user, event.channel)));
      await postMessages(client, event.channel, renderMessages(reply), event.thread_ts ?? event.ts);
    } catch (err) {
      log.error({ err, channel: event.channel }, 'could not answer a mention');
    }
  });

  app.error(async (err) => {
    log.error({ err }, 'Slack listener failed');
  });

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
      } catch (err) {
        throw new Error(`Slack did not accept SLACK_BOT_TOKEN (auth.test: ${slackError(err)}).`, { cause: err });
      }
      if (socketReceiver) {
        try {
          await app.start();
        } catch (err) {
          throw new Error(`Slack did not open a Socket Mode connection with SLACK_APP_TOKEN (${slackError(err)}).`, { cause: err });
        }
        log.info('connected to Slack in Socket Mode');
        return;
      }
      server = (await app.start(config.SLACK_PORT)) as Server;
      log.info({ port: boundPort(), path: EVENTS_PATH }, `listening for Slack on port ${boundPort()} at ${EVENTS_PATH}`);
    },
    async stop() {
      // The receiver's stop() does not wait for the socket to close; the client's disconnect() does.
      if (stopSocket) await stopSocket();
      else if (server) await app.stop();
    },
    async send(channelId: string, reply: Reply) {
      await postMessages(app.client, channelIdOn('slack', channelId), renderMessages(reply));
    },
  };
}

function slackError(err: unknown): string {
  const data = (err as { data?: { error?: unknown } }).data;
  if (typeof data?.error === 'string') return data.error;
  return err instanceof Error ? err.message : String(err);
}
