// Channel ids as the rest of the bot sees them, `platform:id` (discord:123, slack:C123), and back to the id the
// platform knows. Every adapter builds and reads them here.
import type { Platform } from '../../core/command.js';

export function channelKey(platform: Platform, id: string): string {
  return `${platform}:${id}`;
}

/** The platform's own id: `discord:123` → `123`; an id given without the prefix passes through. */
export function platformChannelId(platform: Platform, channel: string): string {
  return channel.startsWith(`${platform}:`) ? channel.slice(platform.length + 1) : channel;
}
