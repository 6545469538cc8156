// Discord's HTTP interactions endpoint against the emulator: the emulator signs and POSTs each interaction as Discord
// does, and the endpoint's deferred replies go back through the emulator's REST API (PATCH @original, follow-ups).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { InteractionsEndpoint } from '../../src/adapters/discord/http-interactions.js';
import { loadConfig } from '../../src/config.js';
import type { Caller } from '../../src/core/caller.js';
import { replyTexts } from '../../src/core/reply.js';
import { createLogger } from '../../src/log.js';
import { testRuntime } from '../adapters/test-runtime.js';
import {
  signingKeys,
  startDiscordEmulator,
  TEST_USER,
  type DiscordEmulator,
  type RecordedCall,
} from '../../testkit/emulators/discord/index.js';
import { isSubsequence, smallLibrary, words } from './fixtures.js';
import { bodyText, flagsOf, optionsFor } from './helpers.js';

const EPHEMERAL = 64;
const MESSAGE_ROUTES = new Set(['PATCH /webhooks/:app/:token/messages/@original', 'POST /webhooks/:app/:token']);

let emu: DiscordEmulator;
let endpoint: InteractionsEndpoint;
let url: string;
const logLines: string[] = [];
let runtime: ReturnType<typeof testRuntime>;

const caller = (admin = false): Caller => ({
  platform: 'discord',
  userId: TEST_USER.id,
  channelId: `discord:${emu.world.channelId}`,
  isAdmin: admin,
  guildId: emu.world.guildId,
});

/** The messages delivered (200) for one interaction token, once `count` of them have arrived. */
async function delivered(token: string, count: number): Promise<RecordedCall[]> {
  const list = () => emu.callsFor(token).filter((c) => MESSAGE_ROUTES.has(c.route) && c.status === 200);
  while (list().length < count)
    await emu.waitForCall((c) => c.params.token === token && MESSAGE_ROUTES.has(c.route), { from: emu.calls.length });
  return list();
}

beforeAll(async () => {
  emu = await startDiscordEmulator();
  const config = loadConfig({
    DISCORD_PUBLIC_KEY: emu.publicKey,
    DISCORD_INTERACTIONS_PORT: '0',
    DISCORD_API_URL: emu.restUrl,
    LOG_LEVEL: 'debug',
  });
  const log = createLogger({
    level: 'debug',
    secrets: config.secrets,
    destination: { write: (line) => logLines.push(line) },
  });
  runtime = testRuntime(config, log, smallLibrary(), commands);
  endpoint = new InteractionsEndpoint(runtime);
  await endpoint.start();
  url = `http://127.0.0.1:${endpoint.port}/interactions`;
});

afterAll(async () => {
  await endpoint?.stop();
  await emu?.close();
});

describe('Discord HTTP interactions endpoint', () => {
  it('answers a signed PING with PONG', async () => {
    const answer = await emu.postInteraction(url, '', {}, { type: 1 });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ type: 1 });
  });

  it.each(commands.map((c) => [c.name, c] as const))(
    'defers a signed /%s, then edits the original through REST with its reply',
    async (name, command) => {
      const options = optionsFor(command, 'harbour-budget-a1b2');
      const admin = name === 'digest' || name === 'feed';
      const expected = await runtime.bot.run(name, options, caller(admin));
      const answer = await emu.postInteraction(url, name, options, { admin });
      expect(answer.status).toBe(200);
      const callback = answer.body as { type: number; data?: { flags?: number } };
      expect(callback.type).toBe(5);
      expect(Boolean(flagsOf(callback) & EPHEMERAL)).toBe(Boolean(command.ephemeral));
      const messages = await delivered(answer.token, 1);
      const sent = words(messages.map((m) => bodyText(m.body)).join('\n'));
      expect(isSubsequence(words(replyTexts(expected).join('\n')).slice(0, 40), sent)).toBe(true);
      for (const m of messages)
        expect((m.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({ parse: [], replied_user: false });
      // An error after a public defer goes private: the public original is deleted and a private follow-up sent.
      if (expected.ephemeral && !command.ephemeral) {
        expect(
          emu
            .callsFor(answer.token)
            .some((c) => c.route === 'DELETE /webhooks/:app/:token/messages/@original' && c.status === 204),
        ).toBe(true);
        expect(flagsOf(messages[0]!.body) & EPHEMERAL).toBe(EPHEMERAL);
      }
    },
  );

  it('sends a long reply as the edited original plus follow-ups', async () => {
    const answer = await emu.postInteraction(url, 'help', {});
    const expected = await runtime.bot.run('help', {}, caller());
    const messages = await delivered(answer.token, 1);
    expect(messages[0]!.route).toBe('PATCH /webhooks/:app/:token/messages/@original');
    expect(
      isSubsequence(words(replyTexts(expected).join('\n')), words(messages.map((m) => bodyText(m.body)).join('\n'))),
    ).toBe(true);
  });

  it('answers autocomplete in the HTTP response with stories', async () => {
    const answer = await emu.postInteraction(url, 'summary', { story: 'rail' }, { type: 4, focused: 'story' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      type: 8,
      data: {
        choices: [{ name: 'Railway closes for the winter · railway-winter-c3d4', value: 'railway-winter-c3d4' }],
      },
    });
  });

  it('refuses a request signed with another key with 401, and runs nothing', async () => {
    const forger = await signingKeys();
    const from = emu.calls.length;
    const answer = await emu.postInteraction(url, 'stories', {}, {}, { signWith: forger });
    expect(answer.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(emu.calls.slice(from).filter((c) => c.params.token === answer.token)).toEqual([]);
    const ping = await emu.postInteraction(url, '', {}, { type: 1 }, { signWith: forger });
    expect(ping.status).toBe(401);
  });

  it('refuses a body changed after signing', async () => {
    const answer = await emu.postInteraction(
      url,
      'stories',
      {},
      {},
      { tamper: (body) => body.replace('"stories"', '"help"') },
    );
    expect(answer.status).toBe(401);
  });

  it('refuses a stale timestamp (and one far in the future) although correctly signed', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await emu.postInteraction(url, '', {}, { type: 1 }, { timestamp: now - 10 * 60 })).status).toBe(401);
    expect((await emu.postInteraction(url, '', {}, { type: 1 }, { timestamp: now + 10 * 60 })).status).toBe(401);
    expect((await emu.postInteraction(url, '', {}, { type: 1 }, { timestamp: now - 60 })).status).toBe(200);
    expect(logLines.join('')).toContain('stale timestamp');
  });

  it('refuses a request without signature headers, and anything but POST', async () => {
    const bare = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 1 }),
    });
    expect(bare.status).toBe(401);
    expect((await fetch(url)).status).toBe(405);
  });

  it('refuses a DISCORD_PUBLIC_KEY that is not 64 hex digits, naming the key but not the value', () => {
    expect(() => loadConfig({ DISCORD_PUBLIC_KEY: 'not-a-key-zzzz' })).toThrow(/DISCORD_PUBLIC_KEY .*64 hexadecimal/);
    expect(() => loadConfig({ DISCORD_PUBLIC_KEY: 'not-a-key-zzzz' })).not.toThrow(/not-a-key/);
    expect(loadConfig({ DISCORD_PUBLIC_KEY: emu.publicKey }).discord).toEqual({
      enabled: false,
      interactions: true,
      shards: null,
    });
  });

  it('never logs an interaction token', () => {
    const log = logLines.join('');
    for (const token of emu.interactions.keys()) expect(log).not.toContain(token);
  });
});
