// The JSON objects the emulator hands discord.js, shaped like Discord API v10 sends them. Only fields discord.js
// reads are filled; each builder takes the emulator's world so ids stay consistent across gateway and REST.
import { guildOf, guildsOfShard, type Guild } from './guilds.js';

export type { Guild };

export interface World {
  applicationId: string;
  botUser: ApiUser;
  /** The first guild (guilds[0]), which every event goes to unless another guild is named. */
  guildId: string;
  guildName: string;
  ownerId: string;
  channelId: string;
  channelName: string;
  /** Permissions of @everyone in the guild, as a decimal bit string. */
  everyonePermissions: string;
  /** More text channels the bot may post in over REST (digests to many channels); not in GUILD_CREATE. */
  otherChannels: Set<string>;
  /** Every guild the bot is in, the first one first. */
  guilds: Guild[];
  /** The total number of gateway shards the emulated Discord expects (1: unsharded). */
  shardCount: number;
}

export interface ApiUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
}

const DISCORD_EPOCH = 1420070400000n;
let increment = 0n;

/** A fresh snowflake: timestamp bits plus a counter, so ids sort by creation like Discord's. */
export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | increment).toString();
}

export const PERMISSIONS = {
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  ReadMessageHistory: 1n << 16n,
  ManageGuild: 1n << 5n,
  Administrator: 1n << 3n,
} as const;

export const MEMBER_PERMISSIONS = (
  PERMISSIONS.ViewChannel |
  PERMISSIONS.SendMessages |
  PERMISSIONS.ReadMessageHistory
).toString();
export const ADMIN_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | PERMISSIONS.ManageGuild).toString();

export function user(id: string, username: string, bot = false): ApiUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: bot ? null : username,
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

export function channel(world: World, guild: Guild = guildOf(world)) {
  return {
    id: guild.channelId,
    type: 0,
    guild_id: guild.id,
    name: guild.channelName,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    parent_id: null,
  };
}

export function guildCreate(world: World, guild: Guild = guildOf(world)) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: world.ownerId,
    unavailable: false,
    member_count: 3,
    large: false,
    joined_at: new Date().toISOString(),
    features: [],
    preferred_locale: 'en-US',
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        permissions: world.everyonePermissions,
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: [channel(world, guild)],
    threads: [],
    members: [
      { user: world.botUser, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    ],
    presences: [],
    voice_states: [],
    emojis: [],
    stickers: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** READY for one shard: only the guilds routed to it. */
export function ready(world: World, sessionId: string, resumeUrl: string, shard: [number, number] = [0, 1]) {
  return {
    v: 10,
    user: world.botUser,
    application: { id: world.applicationId, flags: 0 },
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    guilds: guildsOfShard(world, shard[0]).map((g) => ({ id: g.id, unavailable: true })),
    shard,
    private_channels: [],
  };
}

function member(caller: ApiUser, permissions: string) {
  return {
    user: caller,
    roles: [],
    permissions,
    joined_at: new Date().toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
    nick: null,
    avatar: null,
    pending: false,
    premium_since: null,
    communication_disabled_until: null,
  };
}

export type OptionValue = string | number | boolean;

export interface InteractionInput {
  type: 1 | 2 | 4;
  commandName: string;
  options: Array<{ name: string; type: number; value: OptionValue; focused?: boolean }>;
  caller: ApiUser;
  permissions: string;
  commandId: string;
}

export function interaction(
  world: World,
  input: InteractionInput,
  id: string,
  token: string,
  guild: Guild = guildOf(world),
) {
  return {
    id,
    application_id: world.applicationId,
    type: input.type,
    token,
    version: 1,
    locale: 'en-US',
    guild_locale: 'en-US',
    guild_id: guild.id,
    channel_id: guild.channelId,
    channel: { ...channel(world, guild), permissions: input.permissions },
    member: member(input.caller, input.permissions),
    app_permissions: (BigInt(world.everyonePermissions) | PERMISSIONS.EmbedLinks).toString(),
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    attachment_size_limit: 10 * 1024 * 1024,
    data: { id: input.commandId, name: input.commandName, type: 1, guild_id: guild.id, options: input.options },
  };
}

/** Discord's option type for a value: 3 string, 4 integer, 5 boolean. */
export function optionType(value: OptionValue): number {
  return typeof value === 'boolean' ? 5 : typeof value === 'number' ? 4 : 3;
}

/** A gateway MESSAGE_CREATE, with mentions worked out from the content as Discord does. */
export function messageCreate(
  world: World,
  content: string,
  author: ApiUser,
  knownUsers: ApiUser[],
  guild: Guild = guildOf(world),
) {
  const mentionedIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
  const mentions = knownUsers
    .filter((u) => mentionedIds.includes(u.id))
    .map((u) => ({
      ...u,
      member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    }));
  return {
    id: snowflake(),
    channel_id: guild.channelId,
    guild_id: guild.id,
    author,
    member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@(everyone|here)\b/.test(content),
    mentions,
    mention_roles: [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!),
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
    components: [],
  };
}

/** The message object REST returns for a created or edited message. */
export function sentMessage(
  world: World,
  channelId: string,
  body: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    id: snowflake(),
    channel_id: channelId,
    author: world.botUser,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    type: body.message_reference ? 19 : 0,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    components: [],
    ...(body.message_reference ? { message_reference: body.message_reference } : {}),
    ...extra,
  };
}
