// The Slack app manifest, generated from the command registry so the commands Slack knows never drift from the
// commands the bot has. `npm run manifest` writes slack-manifest.json; a test checks the committed file.
import type { AnyCommand } from '../../core/command.js';
import { usage } from '../../core/options.js';
import { slashCommand } from './command-names.js';

export interface ManifestOptions {
  /** App and bot user name (BOT_NAME). */
  name?: string;
  /** SLACK_COMMAND_PREFIX: commands are registered as /<prefix>-<name>. */
  prefix?: string;
  /** HTTP mode: the public URL of /slack/events. Without it the manifest enables Socket Mode. */
  requestUrl?: string;
}

export interface SlashCommandEntry {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
  url?: string;
}

/** The limits Slack's manifest validator enforces (see @slack/web-api's manifest types). */
export const MANIFEST_LIMITS = {
  appName: 35,
  appDescription: 140,
  botName: 80,
  command: 32,
  description: 2000,
  usageHint: 1000,
} as const;

export const BOT_SCOPES = ['app_mentions:read', 'chat:write', 'commands'] as const;
export const BOT_EVENTS = ['app_mention'] as const;

/** What a user types after the command, e.g. `[length:short|medium|long] [story:<text> (or just type it)]`. */
export function usageHint(command: AnyCommand): string {
  return usage(command).slice(`/${command.name}`.length).trim();
}

export function buildManifest(commands: readonly AnyCommand[], options: ManifestOptions = {}) {
  const name = options.name ?? 'briefbot';
  const url = options.requestUrl;
  const slashCommands: SlashCommandEntry[] = commands.map((command) => {
    const hint = usageHint(command);
    return {
      command: slashCommand(command.name, options.prefix),
      description: command.description,
      ...(hint ? { usage_hint: hint } : {}),
      // Raw text: options are parsed as typed, and replies never echo Slack markup back.
      should_escape: false,
      ...(url ? { url } : {}),
    };
  });
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'News briefings: summaries, quotes, background and timelines from the articles you load.',
      background_color: '#1d3557',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: slashCommands,
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: false },
      org_deploy_enabled: false,
      socket_mode_enabled: !url,
      token_rotation_enabled: false,
    },
  };
}

export type Manifest = ReturnType<typeof buildManifest>;

/** Every field over a Slack limit, named, so the generator refuses to write a manifest Slack would reject. */
export function manifestProblems(manifest: Manifest): string[] {
  const problems: string[] = [];
  const check = (what: string, value: string, max: number) => {
    if (value.length > max) problems.push(`${what} is ${value.length} characters; Slack allows ${max}`);
  };
  check('display_information.name', manifest.display_information.name, MANIFEST_LIMITS.appName);
  check('display_information.description', manifest.display_information.description, MANIFEST_LIMITS.appDescription);
  check('bot_user.display_name', manifest.features.bot_user.display_name, MANIFEST_LIMITS.botName);
  for (const c of manifest.features.slash_commands) {
    check(`command ${c.command}`, c.command, MANIFEST_LIMITS.command);
    check(`description of ${c.command}`, c.description, MANIFEST_LIMITS.description);
    if (c.usage_hint) check(`usage_hint of ${c.command}`, c.usage_hint, MANIFEST_LIMITS.usageHint);
    if (!/^\/[a-z0-9_-]+$/.test(c.command))
      problems.push(`command ${c.command} may only use lower-case letters, digits, - and _`);
  }
  return problems;
}

/** The manifest as committed: stable key order, two-space indent, trailing newline. */
export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
