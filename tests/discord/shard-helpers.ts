// Shared by the shard tests: a Discord adapter for a shard config against the emulator, what each replica's client
// saw, mentions in a chosen guild, and how often each shard was identified.
import { commands } from '../../commands/index.js';
import { DiscordAdapter } from '../../src/adapters/discord/index.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { DiscordEmulator, RecordedCall } from '../../testkit/emulators/discord/index.js';
import { testRuntime } from '../adapters/test-runtime.js';
import { smallLibrary } from './fixtures.js';

export interface ShardReplica {
  name: string;
  adapter: DiscordAdapter;
  /** The guild ids of the mentions this replica's client received, and `/id` for its interactions. */
  seen: string[];
}

export function shardAdapter(
  emu: DiscordEmulator,
  name: string,
  env: Record<string, string>,
  extra: ConstructorParameters<typeof DiscordAdapter>[1] = {},
): ShardReplica {
  const config = loadConfig({ DISCORD_TOKEN: emu.token, DISCORD_API_URL: emu.restUrl, LOG_LEVEL: 'silent', ...env });
  const log = createLogger({ level: 'silent' });
  const adapter = new DiscordAdapter(testRuntime(config, log, smallLibrary(), commands), extra);
  return { name, adapter, seen: [] };
}

/**
 * Records, on the replica's current client, the guild of every message and interaction it receives (called once
 * that client is the live one); interactions are marked `/name`.
 */
export function watch(replica: ShardReplica): void {
  replica.adapter.client.on('messageCreate', (message: { guildId: string | null }) =>
    replica.seen.push(message.guildId ?? 'none'),
  );
  replica.adapter.client.on('interactionCreate', (interaction: { guildId: string | null }) =>
    replica.seen.push(`/${interaction.guildId ?? 'none'}`),
  );
}

const isReplyIn = (channelId: string) => (c: RecordedCall) =>
  c.route === 'POST /channels/:channel/messages' &&
  c.params.channel === channelId &&
  Boolean((c.body as { message_reference?: unknown }).message_reference);

/** Mentions the bot in a guild; returns how many replies reached that guild's channel (waiting a little for more). */
export async function mentionIn(emu: DiscordEmulator, guildId: string): Promise<number> {
  const guild = emu.world.guilds.find((g) => g.id === guildId)!;
  const from = emu.calls.length;
  emu.sendMessage(`${emu.mentionOfBot()} who is quoted?`, { guild: guildId });
  await emu.waitForCall(isReplyIn(guild.channelId), { from });
  await new Promise((r) => setTimeout(r, 300));
  return emu.calls.slice(from).filter(isReplyIn(guild.channelId)).length;
}

/** How many times each shard was identified (a fresh session), shard id → count. */
export function identifies(emu: DiscordEmulator): Record<number, number> {
  const out: Record<number, number> = {};
  for (const c of emu.gateway.connections)
    if (c.kind === 'identify' && c.shard) out[c.shard[0]] = (out[c.shard[0]] ?? 0) + 1;
  return out;
}
