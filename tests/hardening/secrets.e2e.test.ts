// With every token set, the bot starts, runs every command, fails in several ways, and no token — bot, Slack, signing
// secret or a Discord interaction token — appears in a log line, a reply, or anything sent to the platform.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands as registry } from '../../commands/index.js';
import { defineCommand } from '../../src/core/command.js';
import { replyTexts } from '../../src/core/reply.js';
import { startDiscordEmulator, TEST_USER, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { smallLibrary, startBot, type RunningBot } from '../discord/fixtures.js';
import { answerOf, optionsFor } from '../discord/helpers.js';

// Not token-shaped on purpose: only the configured-secret scrubbing can hide these, not the pattern fallback.
const DISCORD_TOKEN = 'discord-canary-5f1e2d3c4b5a69788796a5b4c3d2e1f0';
const SLACK = {
  SLACK_BOT_TOKEN: 'xoxb-canary-slack-bot-0a1b2c3d4e5f',
  SLACK_APP_TOKEN: 'xapp-canary-slack-app-6a7b8c9d0e1f',
  SLACK_SIGNING_SECRET: 'signing-canary-2f3e4d5c6b7a',
};
const SECRETS = [DISCORD_TOKEN, ...Object.values(SLACK)];

// A command that fails the worst way: its error message carries every secret.
const leaky = defineCommand({
  name: 'leaky',
  description: 'Throws an error naming the secrets (test double)',
  options: {},
  run: () => {
    throw new Error(`could not connect with ${SECRETS.join(' and ')}`);
  },
});
const commands = [...registry, leaky];

let emu: DiscordEmulator;
let running: RunningBot;

beforeAll(async () => {
  emu = await startDiscordEmulator({ token: DISCORD_TOKEN });
  const session = emu.sessionReady();
  running = await startBot(emu, {
    library: smallLibrary(),
    commands,
    env: { ...SLACK, SLACK_PORT: '0', DISCORD_DEPLOY_ON_START: 'true', DISCORD_GUILD_ID: emu.world.guildId },
  });
  await session;
});

afterAll(async () => {
  await running?.stop();
  await emu?.close();
});

describe('secrets', () => {
  it('never appear in logs, replies or anything sent, through start-up, every command and failures', async () => {
    const caller = {
      platform: 'discord' as const,
      userId: TEST_USER.id,
      channelId: `discord:${emu.world.channelId}`,
      isAdmin: true,
    };
    const replies: string[] = [];
    for (const command of commands) {
      const options = optionsFor(command, 'harbour');
      replies.push(...replyTexts(await running.runtime.bot.run(command.name, options, caller)));
      const { token } = emu.sendChatInput(command.name, options, { admin: true });
      await answerOf(emu, token, 1);
    }
    // A reply that Discord refuses every time it is tried: the failure is logged with discord.js's error.
    emu.failNext('PATCH /webhooks/:app/:token/messages/@original', 4, { status: 500 });
    const refused = emu.sendChatInput('help');
    await emu
      .waitForCall((c) => c.params.token === refused.token && c.route === 'POST /webhooks/:app/:token', {
        timeoutMs: 15_000,
      })
      .catch(() => undefined);
    emu.failNext('POST /channels/:channel/messages', 4, { status: 500 });
    await expect(
      running.adapter.send(emu.world.channelId, { sections: [{ blocks: [{ type: 'text', text: 'x' }] }] }),
    ).rejects.toThrow();
    await expect(running.adapter.send('discord:499999999999999999', { sections: [] })).rejects.toThrow();

    const log = running.logLines.join('');
    expect(log).toContain('command failed');
    expect(log).toMatch(/"level":50/);
    // The leaky command's error did reach the log, scrubbed.
    expect(log).toContain('could not connect with [redacted] and [redacted]');
    const sent = emu.calls.map((c) => JSON.stringify({ body: c.body, query: c.query, route: c.route }));
    const interactionTokens = [...emu.interactions.values()].map((i) => i.token);
    expect(interactionTokens.length).toBeGreaterThan(commands.length);
    for (const secret of SECRETS) {
      expect(log, 'log').not.toContain(secret);
      expect(replies.join('\n'), 'replies').not.toContain(secret);
      expect(
        sent.filter((s) => s.includes(secret)),
        'REST bodies',
      ).toEqual([]);
    }
    for (const token of interactionTokens) expect(log).not.toContain(token);
  });
});
