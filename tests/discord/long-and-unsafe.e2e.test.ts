// The longest replies and hostile text, end to end: a huge synthetic story, and a question command that echoes
// what it was asked (a test double for /ask) so user text demonstrably travels back to Discord.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands as registry } from '../../commands/index.js';
import { renderReply } from '../../src/adapters/discord/render.js';
import type { Caller } from '../../src/core/caller.js';
import { defineCommand } from '../../src/core/command.js';
import { replyTexts, type Reply } from '../../src/core/reply.js';
import {
  messageProblems,
  startDiscordEmulator,
  TEST_USER,
  type DiscordEmulator,
} from '../../testkit/emulators/discord/index.js';
import { user } from '../../testkit/emulators/discord/payloads.js';
import { hugeLibrary, isSubsequence, startBot, words, type RunningBot } from './fixtures.js';
import { answerOf, bodyText, optionsFor, privateFlags } from './helpers.js';

const echoAsk = defineCommand({
  name: 'ask',
  description: 'Echoes the question (test double)',
  options: {
    question: {
      type: 'string',
      description: 'The question',
      required: true,
      positional: 'rest',
      freeText: true,
      maxLength: 1500,
    },
  },
  run: ({ options }) => ({ title: 'You asked', sections: [{ blocks: [{ type: 'text', text: options.question }] }] }),
});
const whoami = defineCommand({
  name: 'whoami',
  description: 'Shows the caller the adapter built (test double)',
  options: {},
  run: ({ caller }) => ({ sections: [{ blocks: [{ type: 'text', text: `caller ${JSON.stringify(caller)}` }] }] }),
});
const commands = [...registry.filter((c) => c.name !== 'ask'), echoAsk, whoami];
const HOSTILE = '@everyone @here <@&500000000000000001> <@200000000000000001> **look** `now`';

let emu: DiscordEmulator;
let running: RunningBot;

const caller = (): Caller => ({
  platform: 'discord',
  userId: TEST_USER.id,
  channelId: `discord:${emu.world.channelId}`,
  isAdmin: false,
  guildId: emu.world.guildId,
});

function expectNoTextLost(reply: Reply, bodies: unknown[]): void {
  expect(isSubsequence(words(replyTexts(reply).join('\n')), words(bodies.map(bodyText).join('\n')))).toBe(true);
}

function expectHarmless(body: unknown): void {
  const b = body as { allowed_mentions: unknown };
  expect(b.allowed_mentions).toEqual({ parse: [], replied_user: false });
  const text = bodyText(body);
  expect(text).not.toMatch(/@everyone|@here|<@&?\d+>/);
  expect(text).toContain('@\u200beveryone');
}

beforeAll(async () => {
  emu = await startDiscordEmulator();
  const session = emu.sessionReady();
  running = await startBot(emu, { library: hugeLibrary(), commands });
  await session;
});

afterAll(async () => {
  await running?.stop();
  await emu?.close();
});

describe('long replies', () => {
  it.each(registry.map((c) => [c.name, c] as const))(
    '/%s on a huge story continues in follow-ups, within every limit, losing no word',
    async (_name, command) => {
      const options = optionsFor(command, 'huge-story-e5f6');
      if ('length' in command.options) options.length = 'long';
      const expected = await running.runtime.bot.run(command.name, options, caller());
      const count = renderReply(expected).length;
      const { token } = emu.sendChatInput(command.name, options);
      const answer = await answerOf(emu, token, count);
      expect(answer.all.every((c) => c.status < 300)).toBe(true);
      for (const m of answer.messages) expect(messageProblems(m.body)).toEqual([]);
      expect(new Set(privateFlags(answer))).toEqual(new Set([Boolean(expected.ephemeral)]));
      expectNoTextLost(
        expected,
        answer.messages.map((m) => m.body),
      );
    },
  );

  it('sends a reply too long for one message to a channel as several messages, in order', async () => {
    const story = running.runtime.library.briefings()[0]!;
    const reply: Reply = {
      title: 'Digest',
      sections: [{ blocks: [{ type: 'bullets', items: story.background }] }],
      footer: 'Digest footer',
    };
    const from = emu.calls.length;
    await running.adapter.send(`discord:${emu.world.channelId}`, reply);
    const posts = emu.calls.slice(from).filter((c) => c.route === 'POST /channels/:channel/messages');
    expect(posts.length).toBe(renderReply(reply).length);
    expect(posts.length).toBeGreaterThan(1);
    for (const p of posts) expect(p.status).toBe(200);
    expectNoTextLost(
      reply,
      posts.map((p) => p.body),
    );
  });
});

describe('callers', () => {
  const callerOf = async (admin: boolean) => {
    const { token } = emu.sendChatInput('whoami', {}, { admin });
    const text = bodyText((await answerOf(emu, token, 1)).messages[0]!.body).replace(/\\/g, '');
    return JSON.parse(/caller (\{.*\})/.exec(text)![1]!) as Caller;
  };

  it('builds the caller from the interaction: Manage Server makes an admin', async () => {
    const base = {
      platform: 'discord',
      userId: TEST_USER.id,
      channelId: `discord:${emu.world.channelId}`,
      guildId: emu.world.guildId,
    };
    expect(await callerOf(false)).toEqual({ ...base, isAdmin: false });
    expect(await callerOf(true)).toEqual({ ...base, isAdmin: true });
  });
});

describe('hostile text', () => {
  it('echoes a slash-command question carrying @everyone without a ping', async () => {
    const { token } = emu.sendChatInput('ask', { question: HOSTILE });
    const answer = await answerOf(emu, token, 1);
    expectHarmless(answer.messages[0]!.body);
    expect(bodyText(answer.messages[0]!.body)).toContain('\\*\\*look\\*\\*');
  });

  it('hands the text after a mention to the question command and replies without a ping', async () => {
    const from = emu.calls.length;
    const asked = emu.sendMessage(`${emu.mentionOfBot()} ${HOSTILE}`);
    const sent = await emu.waitForCall('POST /channels/:channel/messages', { from });
    expect((sent.body as { message_reference: { message_id: string } }).message_reference.message_id).toBe(asked.id);
    expectHarmless(sent.body);
    expectNoTextLost(await running.runtime.bot.mention(HOSTILE, caller()), [sent.body]);
  });

  it('ignores bots (itself included) and mentions of @everyone, @here or a role', async () => {
    const from = emu.calls.length;
    emu.sendMessage(`${emu.mentionOfBot()} from another bot`, { author: user('600000000000000001', 'otherbot', true) });
    emu.sendMessage(`${emu.mentionOfBot()} from myself`, { author: emu.world.botUser });
    emu.sendMessage('@everyone what happened?');
    emu.sendMessage('@here what happened?');
    emu.sendMessage('<@&500000000000000001> what happened?');
    const asked = emu.sendMessage(`${emu.mentionOfBot()} the only one to answer`);
    // Replies share one rate-limit queue, so a wrongly answered message would arrive before this one.
    const first = await emu.waitForCall('POST /channels/:channel/messages', { from });
    expect((first.body as { message_reference: { message_id: string } }).message_reference.message_id).toBe(asked.id);
    expect(emu.calls.slice(from).filter((c) => c.route === 'POST /channels/:channel/messages')).toHaveLength(1);
  });

  it('never logs the bot token or an interaction token', () => {
    const log = running.logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(emu.token);
    for (const { token } of emu.interactions.values()) expect(log).not.toContain(token);
  });
});
