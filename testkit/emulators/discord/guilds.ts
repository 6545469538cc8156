// The emulator's guilds and Discord's shard routing: which guild an event is for, and which shard carries it.
import type { World } from './payloads.js';

/** One guild the bot is in, with the one text channel it posts in. */
export interface Guild {
  id: string;
  name: string;
  channelId: string;
  channelName: string;
}

/** Discord's routing rule: a guild's events go to shard (guild_id >> 22) % shard_count. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * `count` guild ids, the first `first`, each next one a step later in snowflake time, so with n shards guild i
 * falls on shard (shardOf(first) + i) % n: any n consecutive guilds cover every shard.
 */
export function guildIds(first: string, count: number): string[] {
  const base = BigInt(first);
  const low = base & 0x3fffffn;
  return Array.from({ length: count }, (_, i) => (((base >> 22n) + BigInt(i)) << 22n) | low).map(String);
}

/** The guild an event is for: the one with that id, or the first. */
export function guildOf(world: World, guildId?: string): Guild {
  if (guildId === undefined) return world.guilds[0]!;
  const guild = world.guilds.find((g) => g.id === guildId);
  if (!guild) throw new Error(`the emulator has no guild ${guildId}`);
  return guild;
}

/** The guild whose channel this is, if any. */
export function guildOfChannel(world: World, channelId: string): Guild | undefined {
  return world.guilds.find((g) => g.channelId === channelId);
}

/** The guilds whose events go to shard `id`. */
export function guildsOfShard(world: World, id: number): Guild[] {
  return world.guilds.filter((g) => shardOf(g.id, world.shardCount) === id);
}

/** The first guild on a shard; throws when the shard has none. */
export function guildOnShard(world: World, shard: number): Guild {
  const guild = guildsOfShard(world, shard)[0];
  if (!guild) throw new Error(`the emulator has no guild on shard ${shard}`);
  return guild;
}

/**
 * The bot's guilds: `count` of them, the first with id `first`, channel ids counting up from 400000000000000001,
 * so with n shards any n consecutive guilds cover every shard.
 */
export function makeGuilds(first: string, count: number): Guild[] {
  return guildIds(first, count).map((id, i) => ({
    id,
    name: i === 0 ? 'Emulated guild' : `Emulated guild ${i + 1}`,
    channelId: (400000000000000001n + BigInt(i)).toString(),
    channelName: i === 0 ? 'news' : `news-${i + 1}`,
  }));
}
