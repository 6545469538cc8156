// Faults on the loopback Discord while the real discord.js client is answering: each reply still arrives, once,
// whole. (A 429 on a channel message, a 500 on an interaction answer and a drop between interactions:
// tests/discord/adapter.e2e.test.ts; Slack rate limits and response_url failures: tests/slack/failures.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { replyTexts, type Reply } from '../../src/core/reply.js';
import { messageProblems, startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { isSubsequence, smallLibrary, startBot, words, type RunningBot } from '../discord/fixtures.js';
import { answerOf, bodyText } from '../discord/helpers.js';

const EDIT_ORIGINAL = 'PATCH /webhooks/:app/:token/messages/@original';
const CHANNEL_POST = 'POST /channels/:channel/messages';

let emu: DiscordEmulator;
let running: RunningBot;

beforeAll(async () => {
  emu = await startDiscordEmulator();
  const session = emu.sessionReady();
  running = await startBot(emu, { library: smallLibrary(), commands });
  await session;
});

afterAll(async () => {
  await running?.stop();
  await emu?.close();
});

const statuses = (token: string, route: string) =>
  emu
    .callsFor(token)
    .filter((c) => c.route === route)
    .map((c) => c.status);

describe('Discord faults while replying', () => {
  it('delivers the reply when the gateway drops between the defer and the answer, and the session resumes', async () => {
    // The answer is held back by a rate limit so the connection is certainly gone while it is in flight.
    emu.failNext(EDIT_ORIGINAL, 1, { status: 429, retryAfter: 0.3 });
    const resumed = emu.sessionReady();
    const { token } = emu.sendChatInput('stories');
    await emu.waitForCall((c) => c.route === EDIT_ORIGINAL && c.params.token === token && c.status === 429);
    emu.dropConnection();
    const answer = await answerOf(emu, token, 1);
    expect(bodyText(answer.messages[0]!.body)).toContain('Harbour council agrees a new budget');
    expect(statuses(token, EDIT_ORIGINAL)).toEqual([429, 200]);
    expect((await resumed).kind).toBe('resume');
    // And the bot still answers on the resumed session.
    const next = emu.sendChatInput('help');
    expect((await answerOf(emu, next.token, 1)).messages[0]!.status).toBe(200);
  });

  it('waits out a 429 with Retry-After on an interaction answer and sends the same body', async () => {
    emu.failNext(EDIT_ORIGINAL, 1, { status: 429, retryAfter: 0.25 });
    const { token } = emu.sendChatInput('timeline');
    await answerOf(emu, token, 1);
    const edits = emu.callsFor(token).filter((c) => c.route === EDIT_ORIGINAL);
    expect(edits.map((c) => c.status)).toEqual([429, 200]);
    expect(edits[1]!.body).toEqual(edits[0]!.body);
  });

  it('retries a channel message refused with 500, posting it once, losing nothing', async () => {
    const from = emu.calls.length;
    emu.failNext(CHANNEL_POST, 1, { status: 500 });
    const reply: Reply = {
      title: 'Digest',
      sections: [{ blocks: [{ type: 'bullets', items: ['First story of the day', 'Second story of the day'] }] }],
    };
    await running.adapter.send(emu.world.channelId, reply);
    const posts = emu.calls.slice(from).filter((c) => c.route === CHANNEL_POST);
    expect(posts.map((c) => c.status)).toEqual([500, 200]);
    expect(isSubsequence(words(replyTexts(reply).join(' ')), words(bodyText(posts[1]!.body)))).toBe(true);
  });

  it('gives up on a channel that keeps failing with a clear reason, and the next send still works', async () => {
    // discord.js tries a request four times on 5xx; every one of them fails here.
    const before = emu.calls.length;
    emu.failNext(CHANNEL_POST, 4, { status: 500 });
    await expect(
      running.adapter.send(emu.world.channelId, { sections: [{ blocks: [{ type: 'text', text: 'lost?' }] }] }),
    ).rejects.toThrow(/500|Internal Server Error/i);
    expect(
      emu.calls
        .slice(before)
        .filter((c) => c.route === CHANNEL_POST)
        .map((c) => c.status),
    ).toEqual([500, 500, 500, 500]);
    const from = emu.calls.length;
    await running.adapter.send(emu.world.channelId, {
      sections: [{ blocks: [{ type: 'text', text: 'after the outage' }] }],
    });
    expect(
      emu.calls
        .slice(from)
        .filter((c) => c.route === CHANNEL_POST)
        .map((c) => c.status),
    ).toContain(200);
  });
});
