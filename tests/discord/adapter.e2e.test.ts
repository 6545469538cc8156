// The real discord.js Client, driven by the product's adapter, against the loopback Discord emulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { commandsJson } from '../../src/adapters/discord/command-json.js';
import type { Caller } from '../../src/core/caller.js';
import { replyTexts, type Reply } from '../../src/core/reply.js';
import { startDiscordEmulator, TEST_USER, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { isSubsequence, smallLibrary, startBot, words, type RunningBot } from './fixtures.js';
import { answerOf, bodyText, flagsOf } from './helpers.js';

const EPHEMERAL = 64;
const GUILD_ID = '300000000000000001';

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
  const sent = words(bodies.map(bodyText).join('\n'));
  expect(isSubsequence(words(replyTexts(reply).join('\n')), sent)).toBe(true);
}

beforeAll(async () => {
  // A short heartbeat interval, so heartbeats and their ACKs happen during the suite.
  emu = await startDiscordEmulator({ heartbeatIntervalMs: 250 });
  const session = emu.sessionReady();
  running = await startBot(emu, {
    library: smallLibrary(),
    commands,
    env: { DISCORD_DEPLOY_ON_START: 'true', DISCORD_GUILD_ID: GUILD_ID },
  });
  await session;
});

afterAll(async () => {
  await running?.stop();
  await emu?.close();
});

describe('Discord adapter against the emulator', () => {
  it('connects with the three intents over an uncompressed JSON gateway', () => {
    const first = emu.gateway.connections[0]!;
    expect(first.query).toEqual({ v: '10', encoding: 'json' });
    expect(first.identify?.intents).toBe(1 | 512 | 32768);
    expect(first.identify?.compress).toBe(false);
  });

  it('keeps the session alive with heartbeats the emulator acknowledges', async () => {
    const connections = emu.gateway.connections.length;
    await emu.gateway.waitForPayload((p) => p.op === 1, 3);
    // Unacknowledged heartbeats would make discord.js drop the connection as a zombie and reconnect.
    expect(emu.gateway.connections.length).toBe(connections);
  });

  it('registers the registry as guild commands at start-up and prints the invite URL, never the token', () => {
    expect(
      emu.calls.some((c) => c.route === 'PUT /applications/:app/guilds/:guild/commands' && c.params.guild === GUILD_ID),
    ).toBe(true);
    expect((emu.commands.get(`guild:${GUILD_ID}`) ?? []).map((c) => (c as { name: string }).name)).toEqual(
      commandsJson(commands).map((c) => c.name),
    );
    const log = running.logLines.join('');
    expect(log).toContain(
      `https://discord.com/oauth2/authorize?client_id=${emu.world.applicationId}&scope=bot+applications.commands&permissions=`,
    );
    expect(log).not.toContain(emu.token);
  });

  it('autocompletes the story option from the loaded stories', async () => {
    const typed = emu.sendAutocomplete('summary', { story: 'rail' }, 'story');
    const answer = (await answerOf(emu, typed.token, 0)).callback.body as {
      type: number;
      data: { choices: Array<{ name: string; value: string }> };
    };
    expect(answer.type).toBe(8);
    expect(answer.data.choices).toEqual([
      { name: 'Railway closes for the winter · railway-winter-c3d4', value: 'railway-winter-c3d4' },
    ]);
    const empty = emu.sendAutocomplete('brief', { story: '' }, 'story');
    const all = (await answerOf(emu, empty.token, 0)).callback.body as { data: { choices: Array<{ value: string }> } };
    expect(all.data.choices.map((c) => c.value)).toEqual(['harbour-budget-a1b2', 'railway-winter-c3d4']);
  });

  it('offers no choices for an option that does not autocomplete stories', async () => {
    const typed = emu.sendAutocomplete('quotes', { speaker: 'Ki' }, 'speaker');
    expect(
      ((await answerOf(emu, typed.token, 0)).callback.body as { data: { choices: unknown[] } }).data.choices,
    ).toEqual([]);
  });

  it('retries a reply Discord answered with a 500, and delivers it', async () => {
    emu.failNext('PATCH /webhooks/:app/:token/messages/@original', 1, { status: 500 });
    const { token } = emu.sendChatInput('stories');
    const answer = await answerOf(emu, token, 1);
    expect(
      emu
        .callsFor(token)
        .filter((c) => c.route.startsWith('PATCH'))
        .map((c) => c.status),
    ).toEqual([500, 200]);
    expect(bodyText(answer.messages[0]!.body)).toContain('Harbour council agrees a new budget');
  });

  it('answers an error privately even after a public defer', async () => {
    const { token } = emu.sendChatInput('summary', { story: 'no such story anywhere' });
    const answer = await answerOf(emu, token, 1);
    expect(
      emu
        .callsFor(token)
        .some((c) => c.route === 'DELETE /webhooks/:app/:token/messages/@original' && c.status === 204),
    ).toBe(true);
    const followUp = answer.messages[0]!;
    expect(followUp.route).toBe('POST /webhooks/:app/:token');
    expect(flagsOf(followUp.body) & EPHEMERAL).toBe(EPHEMERAL);
    expect(bodyText(followUp.body)).toContain('No story matches');
  });

  it('answers a mention of the bot as a reply, with what the mention asked', async () => {
    const question = 'who is quoted?';
    const expected = await running.runtime.bot.mention(question, caller());
    const from = emu.calls.length;
    emu.sendMessage(`${emu.mentionOfBot()} ${question}`);
    const sent = await emu.waitForCall('POST /channels/:channel/messages', { from });
    const body = sent.body as { message_reference?: { message_id: string }; allowed_mentions: unknown };
    expect(sent.status).toBe(200);
    expect(body.message_reference?.message_id).toBeTruthy();
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expectNoTextLost({ ...expected, sections: expected.sections.slice(0, 1) }, [sent.body]);
  });

  it('resumes after the gateway connection drops and answers the next interaction', async () => {
    const resumed = emu.sessionReady();
    emu.dropConnection();
    // Sent while disconnected: the emulator holds it until the session is back, as Discord replays on resume.
    const { token } = emu.sendChatInput('stories');
    expect((await resumed).kind).toBe('resume');
    const answer = await answerOf(emu, token, 1);
    expect(bodyText(answer.messages[0]!.body)).toContain('Railway closes for the winter');
  });

  it('reconnects with a fresh session when the server closes the connection normally', async () => {
    const next = emu.sessionReady();
    emu.dropConnection(1000);
    const { token } = emu.sendChatInput('help');
    expect((await next).kind).toBe('identify');
    const answer = await answerOf(emu, token, 1);
    expect(answer.messages[0]!.status).toBe(200);
  });

  it('honours a 429 with Retry-After on a channel message, then delivers it', async () => {
    const from = emu.calls.length;
    emu.failNext('POST /channels/:channel/messages', 1, { status: 429, retryAfter: 0.2 });
    const reply: Reply = { title: 'Digest', sections: [{ blocks: [{ type: 'text', text: 'Scheduled digest text' }] }] };
    await running.adapter.send(emu.world.channelId, reply);
    const posts = emu.calls.slice(from).filter((c) => c.route === 'POST /channels/:channel/messages');
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(posts[1]!.seq).toBeGreaterThan(posts[0]!.seq);
    expect(posts[1]!.body).toEqual(posts[0]!.body);
    expect(bodyText(posts[1]!.body)).toContain('Scheduled digest text');
  });

  it('rejects send to a channel it cannot post in with a short reason', async () => {
    await expect(running.adapter.send('discord:499999999999999999', { sections: [] })).rejects.toThrow(
      /499999999999999999|Unknown Channel/,
    );
  });
});
