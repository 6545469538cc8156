import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import {
  BOT_EVENTS,
  BOT_SCOPES,
  buildManifest,
  manifestJson,
  manifestProblems,
  usageHint,
} from '../../src/adapters/slack/manifest.js';
import { defineCommand } from '../../src/core/command.js';

const committed = readFileSync(new URL('../../slack-manifest.json', import.meta.url), 'utf8');

describe('Slack app manifest', () => {
  it('is committed exactly as generated from the registry (run `npm run manifest` after changing commands)', () => {
    expect(committed).toBe(manifestJson(buildManifest(commands)));
  });

  it('declares every command with its description and usage hint, in registry order', () => {
    const manifest = JSON.parse(committed) as ReturnType<typeof buildManifest>;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(commands.map((c) => `/${c.name}`));
    for (const [i, command] of commands.entries()) {
      const entry = manifest.features.slash_commands[i]!;
      expect(entry.description).toBe(command.description);
      expect(entry.usage_hint).toBe(usageHint(command) || undefined);
      expect(entry.should_escape).toBe(false);
    }
  });

  it('asks for the scopes and events the adapter uses, with Socket Mode on', () => {
    const manifest = buildManifest(commands);
    expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
    expect([...BOT_SCOPES].sort()).toEqual(['app_mentions:read', 'chat:write', 'commands']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention']);
    expect(BOT_EVENTS).toEqual(['app_mention']);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions).not.toHaveProperty('request_url');
  });

  it('points commands and events at the request URL in HTTP mode', () => {
    const url = 'https://bot.example.com/slack/events';
    const manifest = buildManifest(commands, { requestUrl: url, prefix: 'bb', name: 'newsbot' });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.features.slash_commands.every((c) => c.url === url && c.command.startsWith('/bb-'))).toBe(true);
    expect(manifest.features.bot_user.display_name).toBe('newsbot');
  });

  it('fits Slack limits for every command even with the longest prefix config allows', () => {
    expect(manifestProblems(buildManifest(commands))).toEqual([]);
    expect(manifestProblems(buildManifest(commands, { prefix: 'p'.repeat(20), name: 'b'.repeat(32) }))).toEqual([]);
  });

  it('names what is over a limit', () => {
    const long = defineCommand({
      name: 'averyveryverylongcommandname',
      description: 'd'.repeat(2001),
      options: {},
      run: () => ({ sections: [] }),
    });
    const problems = manifestProblems(buildManifest([long], { prefix: 'prefix' }));
    expect(problems).toEqual([
      'command /prefix-averyveryverylongcommandname is 36 characters; Slack allows 32',
      'description of /prefix-averyveryverylongcommandname is 2001 characters; Slack allows 2000',
    ]);
  });
});
