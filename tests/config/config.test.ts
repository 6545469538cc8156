import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, ConfigError, loadConfig } from '../../src/config.js';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('defaults to the console: no platform enabled, seeds folder, frozen', () => {
    const config = loadConfig({});
    expect(config.discord.enabled).toBe(false);
    expect(config.slack).toEqual({ enabled: false, mode: null, oauth: false });
    expect(config.SEEDS_DIR).toBe('seeds');
    expect(config.DATABASE_PATH).toBe('data/briefbot.db');
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { SEEDS_DIR: string }).SEEDS_DIR = 'x';
    }).toThrow();
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', SLACK_PORT: '' }).SLACK_PORT).toBe(3000);
  });

  it('enables a platform when its token is present and picks the Slack mode from the tokens', () => {
    const socket = loadConfig({
      DISCORD_TOKEN: 'abc.def.ghi',
      SLACK_BOT_TOKEN: 'xoxb-1-2',
      SLACK_APP_TOKEN: 'xapp-1-2',
    });
    expect(socket.discord.enabled).toBe(true);
    expect(socket.slack.mode).toBe('socket');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: 's3cret' }).slack.mode).toBe('http');
  });

  it.each([
    [{ SLACK_PORT: 'eighty' }, 'SLACK_PORT'],
    [{ SLACK_PORT: '70000' }, 'SLACK_PORT'],
    [{ DISCORD_DEPLOY_ON_START: 'perhaps' }, 'DISCORD_DEPLOY_ON_START'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DISCORD_API_URL: 'not a url' }, 'DISCORD_API_URL'],
    [{ DISCORD_GUILD_ID: 'my-guild' }, 'DISCORD_GUILD_ID'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_APP_TOKEN: 'xapp-1' }, 'SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1-2' }, 'SLACK_APP_TOKEN'],
    [{ SLACK_APP_TOKEN: 'xapp-1-2' }, 'SLACK_BOT_TOKEN'],
    [{ DIGEST_TIMEZONE: 'Mars/Olympus' }, 'DIGEST_TIMEZONE'],
    [{ DIGEST_TIMEZONE: 'IST' }, 'DIGEST_TIMEZONE'],
    [{ DIGEST_TIMEZONE: 'EST' }, 'DIGEST_TIMEZONE'],
    [{ DIGEST_CHANNELS: 'discord:1,irc:#news' }, 'DIGEST_CHANNELS'],
    [{ MAX_SEED_BYTES: '-5' }, 'MAX_SEED_BYTES'],
  ])('stops on a malformed value, naming the key: %j', (env, key) => {
    const error = errorOf(env);
    expect(error.key).toBe(key);
    expect(error.message).toContain(key);
  });

  it('never echoes a malformed secret in its message', () => {
    const error = errorOf({ SLACK_BOT_TOKEN: 'xoxp-super-secret-value', SLACK_APP_TOKEN: 'xapp-1' });
    expect(error.message).not.toContain('super-secret');
  });

  it('collects the secrets so the logger can scrub them', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'discord-token-123',
      SLACK_BOT_TOKEN: 'xoxb-slack-456',
      SLACK_SIGNING_SECRET: 'signing-789',
    });
    expect(config.secrets).toEqual(['discord-token-123', 'xoxb-slack-456', 'signing-789']);
  });

  it('lists every key in .env.example with a comment above it', () => {
    const example = readFileSync('.env.example', 'utf8').split('\n');
    for (const key of CONFIG_KEYS) {
      const line = example.findIndex((l) => l.startsWith(`${key}=`));
      expect(line, `${key} missing from .env.example`).toBeGreaterThan(0);
      expect(example[line - 1], `${key} has no comment`).toMatch(/^#/);
    }
  });
});
