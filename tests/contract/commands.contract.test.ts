// The adapter contract: every scenario, on every platform (console, Discord, Slack HTTP, Slack Socket Mode),
// delivers exactly what the platform's renderer makes of the bot's own answer, loses no word of it, shows the
// scenario's text, is private exactly when the scenario says, and breaks no platform rule on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { lazyIndex } from '../../src/app.js';
import { createBot, type Bot } from '../../src/core/bot.js';
import { createLogger } from '../../src/log.js';
import type { Reply } from '../../src/core/reply.js';
import { TEST_NOW } from '../adapters/test-runtime.js';
import { smallLibrary } from '../discord/fixtures.js';
import { contractFailures, optionsText, type Delivery, type PlatformHarness } from './harness.js';
import { consoleHarness, discordHarness, slackHarness } from './platforms.js';
import { scenarioName, SCENARIOS, type Scenario } from './scenarios.js';

const PLATFORMS: Array<[string, () => Promise<PlatformHarness>]> = [
  ['console', () => consoleHarness(smallLibrary())],
  ['discord', () => discordHarness(smallLibrary())],
  ['slack http', () => slackHarness('http', smallLibrary())],
  ['slack socket', () => slackHarness('socket', smallLibrary())],
];

// The bot's own answers, computed apart from any adapter, for the same library and clock.
const referenceLibrary = smallLibrary();
const reference: Bot = createBot(
  { library: referenceLibrary, questions: lazyIndex(referenceLibrary), commands, botName: 'briefbot', now: TEST_NOW },
  createLogger({ level: 'silent', secrets: [], destination: { write: () => {} } }),
);

function answerOf(s: Scenario, h: PlatformHarness): Promise<Reply> {
  if ('mention' in s) return reference.mention(s.mention, h.caller);
  const options = s.options ?? {};
  return h.options === 'typed'
    ? reference.run(s.command, options, h.caller)
    : reference.runText(s.command, optionsText(options), h.caller);
}

async function play(s: Scenario, h: PlatformHarness): Promise<{ expected: Reply; rendered: unknown[]; got: Delivery }> {
  const expected = await answerOf(s, h);
  const rendered = h.render(expected);
  const got =
    'mention' in s
      ? await h.mention(s.mention, rendered.length)
      : await h.command(s.command, s.options ?? {}, rendered.length);
  return { expected, rendered, got };
}

describe.each(PLATFORMS)('contract on %s', (_name, start) => {
  let h: PlatformHarness;
  beforeAll(async () => {
    h = await start();
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(SCENARIOS.map((s) => [scenarioName(s), s] as const))('%s', async (_label, s) => {
    const { expected, rendered, got } = await play(s, h);
    expect(contractFailures(s, expected, rendered, got, h.privateReplies)).toEqual([]);
  });

  it('fails a delivery that is wrong', async () => {
    const s = SCENARIOS.find((x) => 'command' in x && x.command === 'stories')!;
    const { expected, rendered, got } = await play(s, h);
    const failing = (changed: Partial<Delivery>, want = s) =>
      contractFailures(want, expected, rendered, { ...got, ...changed }, h.privateReplies);
    expect(failing({ bodies: got.bodies.map(() => ({ something: 'else' })) }).length).toBeGreaterThan(0);
    expect(failing({ bodies: [], texts: [] }).length).toBeGreaterThan(0);
    expect(failing({ texts: got.texts.map((t) => t.replace(/Harbour/g, 'H')) }).length).toBeGreaterThan(0);
    expect(failing({ problems: ['refused'] })).toEqual(['refused']);
    expect(failing({}, { ...s, contains: ['Not in any reply'] })).toEqual([
      '"Not in any reply" is not in what was delivered',
    ]);
    if (h.privateReplies) expect(failing({ private: got.private.map((p) => !p) }).length).toBe(got.private.length);
  });
});
