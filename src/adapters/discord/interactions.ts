// Slash commands and autocomplete. Every chat-input interaction is deferred before any command code runs:
// the defer goes out within milliseconds, so no command, however slow or CPU-bound, can miss Discord's
// 3-second window. The price is one extra request per command, which is cheap next to a failed interaction.
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
} from 'discord.js';
import type { Bot } from '../../core/bot.js';
import { callerOn, type Caller } from '../../core/caller.js';
import type { OptionSpec } from '../../core/command.js';
import type { RawOptions } from '../../core/options.js';
import { errorReply, type Reply } from '../../core/reply.js';
import type { Library } from '../../library/library.js';
import type { Logger } from '../../log.js';
import { summariseError } from './errors.js';
import { renderReply, type RenderedMessage } from './render.js';
import { storyChoices } from './story-choices.js';

/** Nothing a reply says may ping anyone, not even the person it answers. */
export const NO_MENTIONS = { parse: [], repliedUser: false } as const;

/** NO_MENTIONS in the API's own spelling (REST bodies are sent as they are, not through discord.js's builders). */
export const NO_MENTIONS_JSON = { parse: NO_MENTIONS.parse, replied_user: NO_MENTIONS.repliedUser };

export function interactionCaller(interaction: ChatInputCommandInteraction): Caller {
  return callerOn('discord', {
    userId: interaction.user.id,
    channel: interaction.channelId,
    isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    guildId: interaction.guildId,
  });
}

function rawOptions(interaction: ChatInputCommandInteraction): RawOptions {
  const raw: RawOptions = {};
  for (const option of interaction.options.data) {
    if (typeof option.value === 'string' || typeof option.value === 'number' || typeof option.value === 'boolean')
      raw[option.name] = option.value;
  }
  return raw;
}

const asMessage = (m: RenderedMessage, ephemeral: boolean) => ({
  embeds: m.embeds,
  allowedMentions: NO_MENTIONS,
  ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
});

/** Replaces the deferred "thinking…" with the reply; further messages follow up. */
async function deliver(
  interaction: ChatInputCommandInteraction,
  reply: Reply,
  deferredEphemeral: boolean,
): Promise<void> {
  const messages = renderReply(reply);
  const ephemeral = Boolean(reply.ephemeral);
  if (ephemeral && !deferredEphemeral) {
    // A public defer cannot become private: remove it and answer privately instead.
    await interaction.deleteReply();
    for (const m of messages) await interaction.followUp(asMessage(m, true));
    return;
  }
  const [first, ...rest] = messages;
  await interaction.editReply({
    embeds: first!.embeds,
    allowedMentions: NO_MENTIONS,
  } satisfies InteractionEditReplyOptions);
  for (const m of rest) await interaction.followUp(asMessage(m, deferredEphemeral));
}

export async function handleChatInput(interaction: ChatInputCommandInteraction, bot: Bot, log: Logger): Promise<void> {
  const command = bot.find(interaction.commandName);
  // Unknown commands (a stale registration) end in an error, which is private.
  const ephemeral = command ? Boolean(command.ephemeral) : true;
  const started = performance.now();
  try {
    await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    const reply = await bot.run(interaction.commandName, rawOptions(interaction), interactionCaller(interaction));
    await deliver(interaction, reply, ephemeral);
    log.debug(
      { command: interaction.commandName, ms: Math.round(performance.now() - started) },
      'discord command answered',
    );
  } catch (error) {
    log.error({ command: interaction.commandName, err: summariseError(error) }, 'discord command failed');
    await tellFailure(interaction, log);
  }
}

async function tellFailure(interaction: ChatInputCommandInteraction, log: Logger): Promise<void> {
  const [message] = renderReply(
    errorReply(`Something went wrong answering /${interaction.commandName}. It has been logged; please try again.`),
  );
  try {
    if (interaction.deferred || interaction.replied) await interaction.followUp(asMessage(message!, true));
    else await interaction.reply(asMessage(message!, true));
  } catch (error) {
    log.warn(
      { command: interaction.commandName, err: summariseError(error) },
      'could not tell the user about a failure',
    );
  }
}

export async function handleAutocomplete(
  interaction: AutocompleteInteraction,
  bot: Bot,
  library: Library,
  log: Logger,
): Promise<void> {
  try {
    const focused = interaction.options.getFocused(true);
    const spec = bot.find(interaction.commandName)?.options[focused.name] as OptionSpec | undefined;
    const choices =
      spec?.type === 'string' && spec.autocomplete === 'story' ? storyChoices(library, String(focused.value)) : [];
    await interaction.respond(choices);
  } catch (error) {
    log.warn({ command: interaction.commandName, err: summariseError(error) }, 'autocomplete failed');
  }
}
