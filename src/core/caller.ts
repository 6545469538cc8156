// Who runs a command and from where, and the `platform:id` channel keys that name a channel outside its adapter
// (Caller.channelId, digest schedules, DIGEST_CHANNELS). Every part of the bot reads and writes them here.
export type Platform = 'console' | 'cli' | 'discord' | 'slack';

export interface Caller {
  platform: Platform;
  userId: string;
  /** Where the command was typed: `discord:<channel id>`, `slack:<channel id>`, `console:local`. */
  channelId: string;
  /** May manage schedules (Manage Server on Discord, SLACK_ADMIN_USER_IDS on Slack, always on the console). */
  isAdmin: boolean;
  guildId?: string;
}

/** A caller on `platform`, in the platform's own channel `channel`; `guildId` only when there is one. */
export function callerOn(
  platform: Platform,
  who: { userId: string; channel: string; isAdmin: boolean; guildId?: string | null },
): Caller {
  return {
    platform,
    userId: who.userId,
    channelId: channelKey(platform, who.channel),
    isAdmin: who.isAdmin,
    ...(who.guildId ? { guildId: who.guildId } : {}),
  };
}

/** The console's one caller: an admin in `console:local`. */
export const consoleCaller: Caller = callerOn('console', { userId: 'console', channel: 'local', isAdmin: true });

/** `platform:id`, the key of a platform's channel `id`. */
export function channelKey(platform: Platform, id: string): string {
  return `${platform}:${id}`;
}

/** The platform and the platform's own id of a key `platform:id`; null when it is not of that shape. */
export function splitChannel(channel: string): { platform: string; id: string } | null {
  const i = channel.indexOf(':');
  if (i <= 0 || i === channel.length - 1) return null;
  return { platform: channel.slice(0, i), id: channel.slice(i + 1) };
}

/** Whether text a person typed or the environment set names a channel that can be posted to (`discord:123`). */
export function isChannelKey(text: string): boolean {
  return /^(discord|slack|console):[\w-]+$/.test(text);
}

/** The platform's own id of a channel: `discord:123` → `123` on Discord; an id without the prefix is kept. */
export function platformChannelId(platform: Platform, channel: string): string {
  return channel.startsWith(`${platform}:`) ? channel.slice(platform.length + 1) : channel;
}
