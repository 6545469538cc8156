// The one module that reads the environment: .env (if present) under process.env, validated into a frozen object.
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { isChannelKey } from './core/caller.js';
import { readTimeZone } from './core/time-zone.js';

const bool = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', '1', '0', 'yes', 'no', ''].includes(v), 'must be true or false')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const int = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);

const url = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), 'must be an http(s) URL')
  .optional();

const idList = z
  .string()
  .trim()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** A bound far above any bot's needs, so a typo cannot mean millions of shards. */
const MAX_SHARDS = 100_000;
const SHARD_LIST = /^\s*\d{1,6}(\s*-\s*\d{1,6})?(\s*,\s*\d{1,6}(\s*-\s*\d{1,6})?)*\s*$/;

const schema = z.object({
  BOT_NAME: z
    .string()
    .trim()
    .regex(/^[\w-]{1,32}$/, 'must be 1-32 letters, digits, - or _')
    .default('briefbot'),
  SEEDS_DIR: z.string().trim().min(1).default('seeds'),
  MAX_SEED_BYTES: int(1, 1024 * 1024 * 1024).default(5 * 1024 * 1024),
  WATCH_SEEDS: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // auto: readable lines in console mode on a terminal, JSON otherwise; json or pretty force one.
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  DATABASE_PATH: z.string().trim().min(1).default('data/briefbot.db'),
  // Set: state lives in Postgres (shared by every replica) instead of the SQLite file at DATABASE_PATH.
  DATABASE_URL: optionalText.refine(
    (v) => v === undefined || /^postgres(ql)?:\/\/\S+$/.test(v),
    'must be a postgres:// URL',
  ),
  BRIEFING_CACHE: z.string().trim().min(1).default('data/briefings-cache.db'),

  // Set: /healthz, /readyz and /metrics are served on this port (0 picks a free one), on OPS_HOST.
  OPS_PORT: int(0, 65535).optional(),
  OPS_HOST: z.string().trim().min(1).default('127.0.0.1'),

  DISCORD_TOKEN: optionalText,
  DISCORD_GUILD_ID: optionalText.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'must be a numeric Discord id'),
  DISCORD_DEPLOY_ON_START: bool.default(false),
  DISCORD_API_URL: url,
  // Set: slash commands are also taken over HTTP (Discord's interactions endpoint), checked with this key.
  DISCORD_PUBLIC_KEY: optionalText.refine(
    (v) => v === undefined || /^[0-9a-f]{64}$/i.test(v),
    'must be the 64 hexadecimal digits of the application public key',
  ),
  // 0 picks any free port (tests); the endpoint logs the port it got.
  DISCORD_INTERACTIONS_PORT: int(0, 65535).default(3001),
  DISCORD_INTERACTIONS_HOST: z.string().trim().min(1).default('127.0.0.1'),
  // With DATABASE_URL: only the replica holding a Postgres advisory lock opens the gateway (mentions); the others
  // try for it every DISCORD_GATEWAY_RETRY_MS. false: every process with DISCORD_TOKEN opens its own.
  DISCORD_GATEWAY_ELECTION: bool.default(true),
  DISCORD_GATEWAY_RETRY_MS: int(100, 600_000).default(5000),
  // Sharding (bots past 2,500 servers): the total number of shards, the same on every replica; unset is one shard.
  DISCORD_SHARD_COUNT: int(1, MAX_SHARDS).optional(),
  // The shard ids this process opens, e.g. 0,1 or 0-3 (default: all of 0..DISCORD_SHARD_COUNT-1).
  DISCORD_SHARD_IDS: optionalText.refine(
    (v) => v === undefined || SHARD_LIST.test(v),
    'must be shard ids and ranges separated by commas, e.g. 0,1 or 0-3',
  ),

  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must start with xoxb-'),
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'must start with xapp-'),
  SLACK_SIGNING_SECRET: optionalText,
  // Set both (with SLACK_SIGNING_SECRET, and no SLACK_BOT_TOKEN): HTTP mode for any number of workspaces, installed
  // through /slack/install, each workspace's token kept in the state database.
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  // Signs the OAuth state parameter; every replica must share it. Defaults to SLACK_CLIENT_SECRET's own value.
  SLACK_STATE_SECRET: optionalText,
  // 0 picks any free port (tests); the adapter logs the port it got.
  SLACK_PORT: int(0, 65535).default(3000),
  SLACK_API_URL: url,
  // How long a Slack Web API call keeps retrying (backing off) while Slack cannot be reached; 0 tries once.
  SLACK_RETRY_MS: int(0, 3_600_000).default(60_000),
  SLACK_COMMAND_PREFIX: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{0,20}$/, 'must be lower-case letters, digits, - or _')
    .default(''),
  SLACK_ADMIN_USER_IDS: idList.default([]),

  DIGEST_CRON: optionalText,
  DIGEST_TIMEZONE: z.string().trim().default('UTC'),
  DIGEST_CHANNELS: idList.default([]),
  DIGEST_GRACE_MINUTES: int(0, 7 * 24 * 60).default(60),
  DIGEST_MAX_FAILURES: int(1, 1000).default(5),
  DIGEST_QUIET_HOURS: optionalText.refine(
    (v) => v === undefined || /^\d{1,2}:\d{2}-\d{1,2}:\d{2}$/.test(v),
    'must be HH:MM-HH:MM, e.g. 22:00-07:00',
  ),

  FEED_INTERVAL: int(1, 24 * 60).default(10),
  FEED_MAX_FAILURES: int(1, 1000).default(5),
  FEED_POST_LIMIT: int(0, 50).default(3),
  FEED_HOST_GAP_MS: int(0, 600_000).default(1000),
  ARTICLE_RETENTION_DAYS: int(1, 3650).default(30),
  ARTICLE_MAX_COUNT: int(1, 10_000_000).default(20_000),
  // Exact host:port pairs the fetcher may reach although private: tests' own loopback servers, nothing broader.
  FETCH_ALLOW: idList.default([]),
  LINK_CHANNEL_RATE: int(0, 100_000).default(60),

  LLM_BASE_URL: url,
  LLM_MODEL: optionalText,
  LLM_API_KEY: optionalText,
  LLM_TIMEOUT_MS: int(100, 600_000).default(20_000),
  LLM_MAX_TOKENS: int(16, 32_000).default(600),
  LLM_CONCURRENCY: int(1, 64).default(2),
  LLM_CHANNEL_RATE: int(0, 100_000).default(30),
});

type Parsed = z.infer<typeof schema>;

export type Config = Readonly<
  Parsed & {
    /**
     * `enabled`: the gateway (DISCORD_TOKEN); `interactions`: the HTTP endpoint (DISCORD_PUBLIC_KEY); `shards`: the
     * shard count and the ids this process opens (sorted, distinct), or null for discord.js's single shard.
     */
    discord: { enabled: boolean; interactions: boolean; shards: DiscordShards | null };
    /** `oauth`: installed per workspace (SLACK_CLIENT_ID/SECRET) rather than one SLACK_BOT_TOKEN. */
    slack: { enabled: boolean; mode: 'socket' | 'http' | null; oauth: boolean };
    llm: { enabled: boolean };
    /** Whether SEEDS_DIR was set (rather than left at its default), so a missing folder is an error, not a warning. */
    seedsDirNamed: boolean;
    /** Secret values, so the logger can scrub them from every line. */
    secrets: readonly string[];
  }
>;

export interface DiscordShards {
  readonly count: number;
  readonly ids: readonly number[];
}

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`Configuration error: ${key} ${message}.`);
    this.name = 'ConfigError';
  }
}

const SECRET_KEYS = [
  'DISCORD_TOKEN',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'LLM_API_KEY',
  'DATABASE_URL',
] as const;

/** Environment variables win over the .env file, as dotenv does. Unknown keys are ignored. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Record<string, string> {
  const fromFile = existsSync(envFile) ? parseDotenv(readFileSync(envFile)) : {};
  const merged: Record<string, string> = { ...fromFile };
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

export function loadConfig(env: Record<string, string | undefined> = readEnvironment()): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    // An empty value means "not set", so `KEY=` in .env falls back to the default.
    if (value !== undefined && value.trim() !== '') input[key] = value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? 'environment');
    // Never echo the offending value: it may be a secret.
    throw new ConfigError(key, issue.message.replace(/^Invalid input: /, 'is invalid: '));
  }
  const c = result.data;
  const slackOauth = checkSlack(c);
  if (c.LLM_BASE_URL && !c.LLM_MODEL)
    throw new ConfigError('LLM_MODEL', 'is needed with LLM_BASE_URL (the model name the server knows)');
  const zone = readTimeZone(c.DIGEST_TIMEZONE);
  if (!zone.ok) throw new ConfigError('DIGEST_TIMEZONE', `is invalid: ${zone.error.replace(/\.$/, '')}`);
  for (const channel of c.DIGEST_CHANNELS) {
    if (!isChannelKey(channel)) {
      throw new ConfigError(
        'DIGEST_CHANNELS',
        `has "${channel.slice(0, 40)}", which is not platform:ID (discord:123, slack:C123)`,
      );
    }
  }
  for (const entry of c.FETCH_ALLOW) {
    if (!/^[\w.-]+:\d{1,5}$|^\[[\da-f:.]+\]:\d{1,5}$/i.test(entry))
      throw new ConfigError('FETCH_ALLOW', `has "${entry.slice(0, 40)}", which is not host:port`);
  }
  const shards = discordShards(c.DISCORD_SHARD_COUNT, c.DISCORD_SHARD_IDS);
  const secrets = [...SECRET_KEYS.map((k) => c[k]), databasePassword(c.DATABASE_URL)].filter(
    (v): v is string => typeof v === 'string' && v.length >= 6,
  );
  return Object.freeze({
    ...c,
    SLACK_ADMIN_USER_IDS: Object.freeze([...c.SLACK_ADMIN_USER_IDS]) as string[],
    DIGEST_CHANNELS: Object.freeze([...c.DIGEST_CHANNELS]) as string[],
    FETCH_ALLOW: Object.freeze([...c.FETCH_ALLOW]) as string[],
    discord: Object.freeze({
      enabled: Boolean(c.DISCORD_TOKEN),
      interactions: Boolean(c.DISCORD_PUBLIC_KEY),
      shards,
    }),
    slack: Object.freeze({
      enabled: Boolean(c.SLACK_BOT_TOKEN) || slackOauth,
      mode: c.SLACK_APP_TOKEN ? ('socket' as const) : c.SLACK_BOT_TOKEN || slackOauth ? ('http' as const) : null,
      oauth: slackOauth,
    }),
    llm: Object.freeze({ enabled: Boolean(c.LLM_BASE_URL && c.LLM_MODEL) }),
    seedsDirNamed: input.SEEDS_DIR !== undefined,
    secrets: Object.freeze(secrets),
  });
}

/** The Slack settings that must go together; true when Slack is installed per workspace (OAuth). */
function checkSlack(c: Parsed): boolean {
  const oauth = Boolean(c.SLACK_CLIENT_ID || c.SLACK_CLIENT_SECRET);
  if (oauth) {
    if (!c.SLACK_CLIENT_ID || !c.SLACK_CLIENT_SECRET)
      throw new ConfigError(c.SLACK_CLIENT_ID ? 'SLACK_CLIENT_SECRET' : 'SLACK_CLIENT_ID', 'is needed with the other');
    if (c.SLACK_BOT_TOKEN || c.SLACK_APP_TOKEN)
      throw new ConfigError(
        c.SLACK_BOT_TOKEN ? 'SLACK_BOT_TOKEN' : 'SLACK_APP_TOKEN',
        'cannot be set with SLACK_CLIENT_ID (installed per workspace, each workspace has its own token)',
      );
    if (!c.SLACK_SIGNING_SECRET)
      throw new ConfigError('SLACK_SIGNING_SECRET', 'is needed with SLACK_CLIENT_ID (HTTP mode)');
    return true;
  }
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'SLACK_APP_TOKEN',
      'or SLACK_SIGNING_SECRET is needed with SLACK_BOT_TOKEN (Socket Mode or HTTP mode)',
    );
  }
  if (!c.SLACK_BOT_TOKEN && (c.SLACK_APP_TOKEN || c.SLACK_SIGNING_SECRET)) {
    throw new ConfigError('SLACK_BOT_TOKEN', 'is needed when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set');
  }
  return false;
}

/** DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS (already well-formed) checked against each other. */
function discordShards(count: number | undefined, list: string | undefined): DiscordShards | null {
  if (count === undefined) {
    if (list !== undefined)
      throw new ConfigError('DISCORD_SHARD_IDS', 'needs DISCORD_SHARD_COUNT (the total number of shards of the bot)');
    return null;
  }
  if (list === undefined)
    return Object.freeze({ count, ids: Object.freeze(Array.from({ length: count }, (_, i) => i)) });
  const ids = new Set<number>();
  for (const part of list.split(',')) {
    const [from, to = from] = part.split('-').map((n) => Number(n.trim())) as [number, number?];
    if (to < from) throw new ConfigError('DISCORD_SHARD_IDS', `has the range ${from}-${to}, which runs backwards`);
    if (to >= count)
      throw new ConfigError(
        'DISCORD_SHARD_IDS',
        `has shard ${to}, but shard ids run from 0 to ${count - 1} with DISCORD_SHARD_COUNT=${count}`,
      );
    for (let id = from; id <= to; id += 1) ids.add(id);
  }
  return Object.freeze({ count, ids: Object.freeze([...ids].sort((a, b) => a - b)) });
}

/** The password inside a postgres:// URL, so the logger scrubs it even when a driver message quotes only that part. */
function databasePassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

export const CONFIG_KEYS: readonly string[] = Object.keys(schema.shape);
