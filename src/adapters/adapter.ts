// What every chat platform adapter offers the rest of the bot, and what it is given to work with.
import type { Platform } from '../core/caller.js';
import type { Bot } from '../core/bot.js';
import type { Reply } from '../core/reply.js';
import type { Library } from '../library/library.js';
import type { Logger } from '../log.js';
import type { StateBackend } from '../state/backend.js';

export interface Adapter {
  readonly platform: Platform;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Posts a reply into a channel unprompted (scheduled digests). `channelId` is the platform's own id. */
  send(channelId: string, reply: Reply): Promise<void>;
}

/** Something an adapter serves that takes commands but posts nothing unprompted (Discord's HTTP interactions endpoint). */
export interface Endpoint {
  start(): Promise<void>;
  /** Stops taking requests and finishes the ones in hand. */
  stop(): Promise<void>;
}

/** An adapter's whole view of the bot: the dispatcher, a logger, the stories (for suggestions), its own settings. */
export interface AdapterContext<C> {
  bot: Bot;
  log: Logger;
  /** The loaded stories: Discord autocompletes story options from them, the console counts them. */
  library: Library;
  /** The adapter's own slice of the config (app.ts passes the whole config; the type shows which keys it reads). */
  config: C;
  /** The state database, for what an adapter must keep (Slack's installed workspaces). */
  state?: StateBackend;
}
