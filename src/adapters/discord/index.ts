// The Discord adapter: the only code that imports discord.js. A real Client, pointed at DISCORD_API_URL when
// set (the REST base; the gateway URL then comes from GET /gateway/bot), so it can run against a loopback emulator.
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, REST, Routes, type Interaction, type Message } from 'discord.js';
import { platformChannelId } from '../../core/caller.js';
import type { AnyCommand } from '../../core/command.js';
import type { Config } from '../../config.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import type { Lease } from '../../state/lease.js';
import type { Adapter, AdapterContext } from '../adapter.js';
import { deploySlashCommands, describeDeploy } from './deploy.js';
import { summariseError } from './errors.js';
import { handleAutocomplete, handleChatInput, NO_MENTIONS, NO_MENTIONS_JSON } from './interactions.js';
import { inviteUrl } from './invite.js';
import { handleMessage } from './mentions.js';
import { renderReply } from './render.js';

/** discord.js's REST options for a config: only the base URL changes; discord.js appends /v10 and the route. */
// Every interaction token gets its own REST handler, which discord.js only sweeps hourly by default: at tens of
// commands a second that holds ~100k idle handlers. Interaction tokens live 15 minutes, and a minute's sweep
// is ample for the follow-ups of one reply (measured with npm run soak).
const HANDLER_SWEEP_MS = 60_000;

/** The settings the Discord adapter reads. */
export type DiscordConfig = Pick<
  Config,
  'DISCORD_TOKEN' | 'DISCORD_API_URL' | 'DISCORD_GUILD_ID' | 'DISCORD_DEPLOY_ON_START'
> & { discord: Pick<Config['discord'], 'shards'> };

/**
 * discord.js's shard options: the shards this process opens out of the bot's total. Discord routes a guild's
 * events to shard (guild_id >> 22) % shardCount, so each process sees only the guilds of its own shards. Without
 * DISCORD_SHARD_COUNT, discord.js's default of one shard (shards [0] of 1).
 */
export function shardOptions(
  config: Pick<DiscordConfig, 'discord'>,
): Partial<{ shards: number[]; shardCount: number }> {
  const shards = config.discord.shards;
  return shards ? { shards: [...shards.ids], shardCount: shards.count } : {};
}

function restOptions(config: Pick<DiscordConfig, 'DISCORD_API_URL'>): { api?: string; handlerSweepInterval: number } {
  const sweep = { handlerSweepInterval: HANDLER_SWEEP_MS };
  return config.DISCORD_API_URL ? { api: config.DISCORD_API_URL.replace(/\/+$/, ''), ...sweep } : sweep;
}

/** 0,1,2,3,7 → "0-3, 7", for the log. */
export function describeShards(ids: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ids.length;) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j]! + 1) j += 1;
    parts.push(j > i ? `${ids[i]}-${ids[j]}` : `${ids[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

export interface DiscordAdapterOptions {
  /**
   * Several replicas: the gateway session (mentions, and commands when not over HTTP) opens only while this lease
   * is held, so exactly one replica has it (with shards: the lease covers every shard this replica opens, so each
   * shard is open on one replica); posts go over REST from whichever replica makes them.
   */
  gateway?: Lease;
}

export class DiscordAdapter implements Adapter {
  readonly platform = 'discord' as const;
  private readonly log: Logger;
  private current: Client;
  /** Whether `current` has logged in before (a destroyed client is replaced, not reused). */
  private used = false;
  private stopping = false;
  /** Bumped when the gateway lease is lost, so a connection that finishes afterwards is closed at once. */
  private generation = 0;
  private rest: REST | null = null;
  /** Clients being destroyed on purpose. */
  private readonly closing = new Set<Client>();

  constructor(
    private readonly context: AdapterContext<DiscordConfig>,
    private readonly options: DiscordAdapterOptions = {},
  ) {
    this.log = context.log.child({ platform: 'discord' });
    this.current = this.newClient();
  }

  /** The discord.js client of the current (or next) gateway session. */
  get client(): Client {
    return this.current;
  }

  private newClient(): Client {
    return new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
      allowedMentions: NO_MENTIONS,
      rest: restOptions(this.context.config),
      ...shardOptions(this.context.config),
    });
  }

  async start(): Promise<void> {
    const lease = this.options.gateway;
    if (!lease) return this.connect();
    // Posts need only the token, so they work on every replica, gateway or not.
    this.rest = new REST(restOptions(this.context.config)).setToken(this.context.config.DISCORD_TOKEN ?? '');
    // A bad token stops start-up here, as it does without election, instead of failing at every turn for the lock.
    try {
      await this.rest.get(Routes.user());
    } catch (error) {
      throw new Error(`Could not connect to Discord: ${summariseError(error).message}`);
    }
    this.log.info({}, 'the Discord gateway opens on whichever replica holds its Postgres lock; trying for it');
    lease.start({
      acquired: async () => {
        const generation = this.generation;
        try {
          await this.connect();
        } catch (error) {
          this.log.error({ err: summariseError(error) }, 'could not open the Discord gateway; giving its lock up');
          await lease.release();
          return;
        }
        if (generation !== this.generation || this.stopping) await this.closeGateway();
        else this.log.info({}, 'this replica holds the Discord gateway (mentions are answered here)');
      },
      lost: async () => {
        this.generation += 1;
        if (!this.stopping) this.log.warn({}, 'lost the Discord gateway lock; closing the gateway here');
        await this.closeGateway();
      },
    });
  }

  /** Opens a gateway session and waits for READY; rejects with a short reason. */
  private async connect(): Promise<void> {
    const { config, bot, library } = this.context;
    if (this.used) this.current = this.newClient();
    this.used = true;
    const client = this.current;
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      if (interaction.isChatInputCommand()) void handleChatInput(interaction, bot, this.log);
      else if (interaction.isAutocomplete()) void handleAutocomplete(interaction, bot, library, this.log);
    });
    client.on(Events.MessageCreate, (message: Message) => void handleMessage(message, bot, client.user!.id, this.log));
    client.on(Events.Error, (error) => this.log.error({ err: summariseError(error) }, 'discord client error'));
    client.on(Events.Warn, (message) => this.log.warn({}, `discord: ${message}`));
    client.on(Events.ShardResume, (_id, replayed) => this.log.info({ replayed }, 'discord gateway resumed'));
    client.on(Events.ShardReconnecting, () => {
      if (!this.stopping && client === this.current) this.log.info({}, 'discord gateway reconnecting');
    });
    // A session Discord ended for good (discord.js will not reconnect): with election, the lock goes back, so
    // another replica (or this one, an interval later) opens a new session instead of nobody holding the gateway.
    const gaveUp = () => void this.gatewayEnded(client);
    client.on(Events.ShardDisconnect, gaveUp);
    client.on(Events.Invalidated, gaveUp);

    try {
      // Both awaited together, so an 'error' that rejects the wait for ready is never left unhandled.
      await Promise.all([once(client, Events.ClientReady), client.login(config.DISCORD_TOKEN)]);
    } catch (error) {
      await client.destroy();
      throw new Error(`Could not connect to Discord: ${summariseError(error).message}`);
    }
    const applicationId = client.application!.id;
    const shards = config.discord.shards;
    this.log.info(
      {
        user: client.user!.tag,
        guilds: client.guilds.cache.size,
        ...(shards ? { shards: shards.ids, shardCount: shards.count } : {}),
      },
      `connected to Discord as ${client.user!.tag}` +
        (shards ? ` (shards ${describeShards(shards.ids)} of ${shards.count})` : ''),
    );
    this.log.info({ invite: inviteUrl(applicationId) }, `invite: ${inviteUrl(applicationId)}`);
    if (config.DISCORD_DEPLOY_ON_START) {
      try {
        this.log.info(
          {},
          describeDeploy(
            await deploySlashCommands(client.rest, applicationId, config.DISCORD_GUILD_ID, bot.services.commands),
          ),
        );
      } catch (error) {
        // The bot still answers with whatever commands Discord already has.
        this.log.error({ err: summariseError(error) }, 'could not register slash commands at start-up');
      }
    }
  }

  private async gatewayEnded(client: Client): Promise<void> {
    const lease = this.options.gateway;
    if (!lease || this.stopping || this.closing.has(client) || client !== this.current || !lease.held) return;
    this.log.warn({}, 'the Discord gateway closed for good here; giving its lock up');
    await this.closeGateway(client);
    await lease.release();
  }

  /** Destroys a client on purpose (its disconnect is then not taken for Discord ending the session). */
  private async closeGateway(client = this.current): Promise<void> {
    this.closing.add(client);
    try {
      await client.destroy();
    } finally {
      this.closing.delete(client);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    // The gateway closes before its lock is given up, so the next holder never overlaps with this one.
    await this.options.gateway?.stop();
    await this.current.destroy();
  }

  /** Posts a reply in a channel, as several messages when it is long. Rejects with a short reason on failure. */
  async send(channelId: string, reply: Reply): Promise<void> {
    const id = platformChannelId('discord', channelId);
    if (this.rest) {
      // Without a gateway session of its own (another replica may hold it): straight to REST with the token.
      for (const message of renderReply(reply))
        await this.rest.post(Routes.channelMessages(id), {
          body: { embeds: message.embeds, allowed_mentions: NO_MENTIONS_JSON },
        });
      return;
    }
    const channel = await this.client.channels.fetch(id);
    if (!channel?.isSendable())
      throw new Error(`Discord channel ${id.slice(0, 30)} is not a text channel the bot can post in`);
    for (const message of renderReply(reply))
      await channel.send({ embeds: message.embeds, allowedMentions: NO_MENTIONS });
  }
}

export async function createDiscordAdapter(
  context: AdapterContext<DiscordConfig>,
  options: DiscordAdapterOptions = {},
): Promise<Adapter> {
  return new DiscordAdapter(context, options);
}

/** Registers `commands` with Discord for the configured application (and guild, when one is set); says what changed. */
export async function registerCommands(
  config: DiscordConfig & { DISCORD_TOKEN: string },
  commands: readonly AnyCommand[],
): Promise<string> {
  const rest = new REST(restOptions(config)).setToken(config.DISCORD_TOKEN);
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  return describeDeploy(await deploySlashCommands(rest, application.id, config.DISCORD_GUILD_ID, commands));
}
