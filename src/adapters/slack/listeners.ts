// Slash commands and mentions, wired from Bolt to the neutral bot. Every listener acknowledges first, then works,
// and turns failures into log lines: nothing throws into Bolt.
import type { App } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { Bot } from '../../core/bot.js';
import { callerOn, type Caller } from '../../core/caller.js';
import { renameCommands, type Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import { commandName, slashCommand } from './command-names.js';
import { deliverCommandReply, postMessages } from './reply-delivery.js';
import { slackToPlain, withoutBotMention } from './incoming-text.js';
import { renderMessages } from './render-blocks.js';

/** Slack command names are letters, digits, - and _; one listener serves them all, so an unknown one still gets an answer. */
const ANY_COMMAND = /^\/[\w-]+$/;

export function listen(
  app: App,
  bot: Bot,
  config: Pick<Config, 'SLACK_ADMIN_USER_IDS' | 'SLACK_COMMAND_PREFIX'>,
  log: Logger,
): void {
  const callerFor = (user: string, channel: string): Caller =>
    callerOn('slack', { userId: user, channel, isAdmin: config.SLACK_ADMIN_USER_IDS.includes(user) });

  // With a command prefix, help and hints must name the commands as this workspace registered them.
  const names = bot.services.commands.map((c) => c.name);
  const localise = (reply: Reply): Reply =>
    config.SLACK_COMMAND_PREFIX
      ? renameCommands(reply, names, (n) => slashCommand(n, config.SLACK_COMMAND_PREFIX))
      : reply;

  app.command(ANY_COMMAND, async ({ command, ack, respond, client }) => {
    try {
      await ack();
    } catch (err) {
      log.warn({ err, command: command.command }, 'could not acknowledge a command');
    }
    try {
      const name = commandName(command.command, config.SLACK_COMMAND_PREFIX);
      const reply = localise(
        await bot.runText(name, slackToPlain(command.text ?? ''), callerFor(command.user_id, command.channel_id)),
      );
      const route = await deliverCommandReply(reply, {
        respond,
        client,
        channel: command.channel_id,
        user: command.user_id,
        log,
      });
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
}
