// The emulator's public shape: the options it starts with and what startDiscordEmulator returns.
import type { GatewayConnection, Gateway } from './gateway.js';
import type { Guild } from './guilds.js';
import type { PostOptions, PostResult } from './http-interactions.js';
import type { ApiUser, OptionValue, World } from './payloads.js';
import type { Failure, InteractionRecord, RecordedCall } from './rest.js';

export interface DiscordEmulatorOptions {
  /** The bot token the emulator accepts; others get 401 / close 4004. */
  token?: string;
  botName?: string;
  /** HELLO's heartbeat interval; discord.js sends its first beat after a random part of it. */
  heartbeatIntervalMs?: number;
  /** Gateway shards (GET /gateway/bot answers this; IDENTIFY must name one of them); default 1. */
  shards?: number;
  /** The bot's guilds, the n-th on shard (shardOf(first) + n) % shards; default one per shard. */
  guilds?: number;
  /** More channel ids that accept POST /channels/:id/messages (e.g. 200 digest channels). */
  otherChannels?: readonly string[];
}

export interface DiscordEmulator {
  restUrl: string;
  gatewayUrl: string;
  token: string;
  world: World;
  calls: RecordedCall[];
  gateway: Gateway;
  interactions: Map<string, InteractionRecord>;
  commands: Map<string, unknown[]>;
  sessionReady(): Promise<GatewayConnection>;
  sendChatInput(
    name: string,
    options?: Record<string, OptionValue>,
    as?: { admin?: boolean; user?: ApiUser; guild?: string },
  ): { id: string; token: string };
  sendAutocomplete(name: string, options: Record<string, OptionValue>, focused: string): { id: string; token: string };
  sendMessage(content: string, from?: { author?: ApiUser; guild?: string }): { id: string };
  mentionOfBot(): string;
  shardOf(guildId: string): number;
  guildOnShard(shard: number): Guild;
  dropConnection(code?: number, shard?: number): void;
  failNext(route: string, count: number, failure: Failure): void;
  waitForCall(
    match: string | ((call: RecordedCall) => boolean),
    options?: { from?: number; timeoutMs?: number },
  ): Promise<RecordedCall>;
  callsFor(tokenOrRoute: string): RecordedCall[];
  publicKey: string;
  postInteraction(
    url: string,
    name: string,
    options?: Record<string, OptionValue>,
    as?: { admin?: boolean; user?: ApiUser; type?: 1 | 2 | 4; focused?: string },
    post?: PostOptions,
  ): Promise<{ id: string; token: string } & PostResult>;
  close(): Promise<void>;
}
