// What every chat platform adapter offers the rest of the bot.
import type { Platform } from '../core/command.js';
import type { Reply } from '../core/reply.js';

export interface Adapter {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Posts a reply into a channel unprompted (scheduled digests). `channelId` is the platform's own id. */
  send(channelId: string, reply: Reply): Promise<void>;
}
