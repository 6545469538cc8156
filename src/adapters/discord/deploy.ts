// Registers the command registry with Discord, idempotently: fetch what is there, compare normalised JSON,
// and PUT only when something differs, so restarts and repeated deploys send nothing new.
import { Routes, type REST } from 'discord.js';
import type { AnyCommand } from '../../core/command.js';
import { commandsJson, sameCommands } from './command-json.js';

export interface DeployResult {
  changed: boolean;
  count: number;
  /** 'guild <id>' or 'global'. */
  scope: string;
}

export async function deploySlashCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
  commands: readonly AnyCommand[],
): Promise<DeployResult> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const scope = guildId ? `guild ${guildId}` : 'global';
  const wanted = commandsJson(commands);
  const existing = (await rest.get(route)) as object[];
  if (sameCommands(wanted, existing)) return { changed: false, count: wanted.length, scope };
  await rest.put(route, { body: wanted });
  return { changed: true, count: wanted.length, scope };
}

export function describeDeploy(result: DeployResult): string {
  return result.changed
    ? `Registered ${result.count} slash commands (${result.scope}).`
    : `Slash commands already up to date (${result.count}, ${result.scope}); nothing sent.`;
}
