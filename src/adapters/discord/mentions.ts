// Messages that mention the bot are answered as replies; the text after the mention goes to the question
// command. Bots (this one included) are never answered, so two bots cannot talk each other into a loop.
import { PermissionFlagsBits, type Message } from 'discord.js';
import type { Bot } from '../../core/bot.js';
import { callerOn, type Caller } from '../../core/caller.js';
import type { Logger } from '../../log.js';
import { summariseError } from './errors.js';
import { NO_MENTIONS } from './interactions.js';
import { mentionQuestion } from './mention-text.js';
import { renderReply } from './render.js';

function messageCaller(message: Message): Caller {
  let isAdmin = false;
  try {
    isAdmin = message.member?.permissions.has(PermissionFlagsBits.ManageGuild) ?? false;
  } catch {
    // Permissions need the guild's roles cached; without them the caller is simply not an admin.
  }
  return callerOn('discord', {
    userId: message.author.id,
    channel: message.channelId,
    isAdmin,
    guildId: message.guildId,
  });
}

export async function handleMessage(message: Message, bot: Bot, botId: string, log: Logger): Promise<void> {
  if (message.author.bot || message.webhookId || message.system) return;
  const question = mentionQuestion(message.content, botId);
  if (question === null) return;
  try {
    const reply = await bot.mention(question, messageCaller(message));
    const [first, ...rest] = renderReply(reply);
    // failIfNotExists: false — if the question was deleted meanwhile, the answer still posts, just unthreaded.
    await message.reply({ embeds: first!.embeds, allowedMentions: NO_MENTIONS, failIfNotExists: false });
    if (rest.length && !message.channel.isSendable()) {
      log.warn({ channel: message.channelId, unsent: rest.length }, 'could not post the rest of a long answer');
      return;
    }
    for (const m of rest)
      if (message.channel.isSendable()) await message.channel.send({ embeds: m.embeds, allowedMentions: NO_MENTIONS });
  } catch (error) {
    log.error({ channel: message.channelId, err: summariseError(error) }, 'could not answer a mention');
  }
}
