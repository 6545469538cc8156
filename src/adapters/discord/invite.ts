// The invite link printed at start-up: the bot and its slash commands, with the fewest permissions that work.
import { OAuth2Scopes, PermissionFlagsBits } from 'discord.js';

/**
 * Why each permission is needed (slash-command replies go through the interaction webhook and need none):
 * - ViewChannel: to receive messages that mention the bot, and to see channels digests are sent to.
 * - SendMessages: to answer mentions and post scheduled digests.
 * - SendMessagesInThreads: the same, when the mention is inside a thread.
 * - EmbedLinks: replies are embeds; without it Discord strips them and the reply is blank.
 * - ReadMessageHistory: a reply to a message (message_reference) needs to read that message.
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

/** Always discord.com, even when the API is pointed elsewhere: people open this link in a browser. */
export function inviteUrl(applicationId: string, permissions: bigint = BOT_PERMISSIONS): string {
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: permissions.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query}`;
}
