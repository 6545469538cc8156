// /brief with the model layer end to end on Discord: the real discord.js adapter against the loopback emulator,
// the app's runtime (built from config, as start-up builds it) pointed at the loopback OpenAI stub. The interaction
// is deferred before the model is asked, so a slow or hanging model never meets the 3-second window.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../src/adapters/discord/index.js';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { startOpenAiStub, type OpenAiStub } from '../fixtures/openai-stub.js';
import { answerOf, bodyText } from '../discord/helpers.js';
import { badCases, BRIDGE, HARBOUR } from './model-bot.js';

let emu: DiscordEmulator;
let stub: OpenAiStub;
let runtime: Runtime;
let adapter: DiscordAdapter;
let dir: string;
const lines: string[] = [];
/** For each model request: whether the interaction it serves had already been deferred when it arrived. */
const deferredFirst: boolean[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'llm-discord-'));
  writeFileSync(join(dir, 'harbour.txt'), HARBOUR);
  writeFileSync(join(dir, 'bridge.txt'), BRIDGE);
  stub = await startOpenAiStub();
  emu = await startDiscordEmulator();
  const session = emu.sessionReady();
  const config = loadConfig({
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.restUrl,
    DATABASE_PATH: join(dir, 'bot.db'),
    BRIEFING_CACHE: 'off',
    SEEDS_DIR: dir,
    WATCH_SEEDS: 'false',
    LLM_BASE_URL: stub.baseUrl,
    LLM_MODEL: 'stub-model',
    LLM_TIMEOUT_MS: '2000',
  });
  runtime = await createRuntime(
    config,
    createLogger({ level: 'info', secrets: config.secrets, destination: { write: (l: string) => lines.push(l) } }),
    dir,
  );
  adapter = new DiscordAdapter({ bot: runtime.bot, log: runtime.log, library: runtime.library, config });
  await adapter.start();
  await session;
});

afterAll(async () => {
  await adapter?.stop();
  await emu?.close();
  await stub?.close();
  await runtime?.state.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends /brief and, when the model request arrives, records whether the interaction was already deferred. */
async function briefOn(story: string): Promise<string> {
  const seen = stub.requests.length;
  const call = emu.sendChatInput('brief', { story });
  const watch = (async () => {
    while (stub.requests.length === seen) await new Promise((r) => setTimeout(r, 5));
    deferredFirst.push(emu.callsFor(call.token).some((c) => c.route === 'POST /interactions/:id/:token/callback'));
  })();
  const answer = await answerOf(emu, call.token, 1);
  await watch;
  // Discord's Markdown escapes the brackets of "[1]"; they show as typed.
  return bodyText(answer.messages[0]!.body).replace(/\\([[\]])/g, '$1');
}

describe('/brief with the model layer on Discord', () => {
  it('is wired from config: the runtime has the writer, and the reply shows the checked model text', async () => {
    expect(runtime.bot.services.model?.model).toBe('stub-model');
    stub.script({
      claims: { claims: [{ text: 'The harbour council approved a £24m flood wall on Monday.', sentences: [1] }] },
    });
    const text = await briefOn('harbour');
    expect(text).toContain('The harbour council approved a £24m flood wall on Monday. [1]');
    expect(text).toContain('Summary written by stub-model, checked against 1 sentence.');
    expect(text).toContain('[1] The harbour council approved a £24m flood wall on Monday.');
    expect(deferredFirst).toEqual([true]);
  });

  it('a model that hangs past the timeout: deferred first, then the extractive brief, saying why, and the log too', async () => {
    stub.script({ hang: true });
    const started = performance.now();
    const call = emu.sendChatInput('brief', { story: 'bridge' });
    const callback = await emu.waitForCall(
      (c) => c.route === 'POST /interactions/:id/:token/callback' && c.params.token === call.token,
    );
    // The defer went out at once, long before the model's timeout.
    expect(callback.at - started).toBeLessThan(3000);
    const text = bodyText((await answerOf(emu, call.token, 1)).messages[0]!.body);
    expect(text).toContain('The old bridge was closed on Tuesday');
    expect(text).toContain("Extractive summary: the model's was not used (the model did not answer in time).");
    expect(lines.join('')).toMatch(
      /model tldr fell back to the extractive text: no answer from the model within 2000 ms/,
    );
  });

  // Fallbacks are not cached, so every case can brief the same article and meet the scripted reply.
  const bridge = {
    quote: { text: 'Park said "the bridge will reopen soon".', sentences: [2] },
    speaker: { text: 'Mayor Tom Hale said "It is not safe to cross".', sentences: [2] },
    number: { text: 'The old bridge was closed for 3 days.', sentences: [1] },
    none: { text: 'The old bridge was closed.', sentences: [] },
  };
  for (const bad of badCases(bridge, 2000)) {
    it(`${bad.name}: the extractive brief, saying why, in the reply and the log`, async () => {
      const before = lines.length;
      stub.script(...bad.steps);
      const text = await briefOn('bridge');
      expect(text).toContain('The old bridge was closed on Tuesday after a storm damaged its railings, police said.');
      expect(text).toContain(`Extractive summary: the model's was not used (${bad.shown}).`);
      expect(text).not.toMatch(/written by stub-model|will reopen|Tom Hale|3 days/);
      expect(lines.slice(before).join('')).toMatch(bad.logged);
      expect(deferredFirst.at(-1)).toBe(true);
    });
  }

  it('counts the calls in the metrics the ops server serves', async () => {
    const out = await runtime.metrics.registry.metrics();
    expect(out).toMatch(/briefbot_llm_calls_total\{outcome="ok"\} 5/);
    expect(out).toMatch(/briefbot_llm_fallbacks_total\{task="tldr",cause="timeout"\} 2/);
    expect(out).toMatch(/briefbot_llm_fallbacks_total\{task="tldr",cause="checks"\} 4/);
    expect(out).toMatch(/briefbot_llm_claims_total\{result="speaker"\} 1/);
  });
});
