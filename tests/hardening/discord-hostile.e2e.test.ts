// Hostile option values typed into real slash commands, answered by the real discord.js client on the loopback
// Discord, over stories derived from hostile articles: every message Discord receives is accepted (the emulator
// refuses what breaks a limit), forbids every mention, and shows no live mass mention.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { OptionSpec } from '../../src/core/command.js';
import { Library } from '../../src/library/library.js';
import { messageProblems, startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { smallLibrary, startBot, type RunningBot } from '../discord/fixtures.js';
import { answerOf, bodyText } from '../discord/helpers.js';
import { hostileStories, hostileText } from '../../testkit/hostile.js';

const MESSAGE_ROUTES = new Set([
  'PATCH /webhooks/:app/:token/messages/@original',
  'POST /webhooks/:app/:token',
  'POST /channels/:channel/messages',
]);
// Discord itself refuses a string option longer than this, and any value outside an option's choices.
const DISCORD_MAX_OPTION = 6000;

let emu: DiscordEmulator;
let running: RunningBot;
let stories: string[];

beforeAll(async () => {
  const library = new Library([
    ...smallLibrary().stories(),
    ...hostileStories(4, 31).map((briefing, i) => ({ briefing, addedAt: 10 + i })),
  ]);
  stories = library.briefings().flatMap((b) => [b.id, b.title.slice(0, DISCORD_MAX_OPTION)]);
  emu = await startDiscordEmulator();
  const session = emu.sessionReady();
  running = await startBot(emu, { library, commands });
  await session;
});

afterAll(async () => {
  await running?.stop();
  await emu?.close();
});

/** Values a real Discord client can send: typed as declared, within the choices, at most 6,000 characters. */
function discordOptions(specs: Record<string, OptionSpec>): fc.Arbitrary<Record<string, string | number | boolean>> {
  const entries = Object.entries(specs).map(([name, spec]) => {
    const value: fc.Arbitrary<string | number | boolean> =
      spec.type === 'boolean'
        ? fc.boolean()
        : spec.type === 'integer'
          ? fc.integer({ min: spec.min ?? -1e6, max: spec.max ?? 1e6 })
          : spec.choices
            ? fc.constantFrom(...spec.choices)
            : name === 'story'
              ? fc.oneof(
                  fc.constantFrom(...stories),
                  hostileText.map((t) => t.slice(0, DISCORD_MAX_OPTION)),
                )
              : hostileText.map((t) => t.slice(0, DISCORD_MAX_OPTION)).filter((t) => t.trim().length > 0);
    return [name, spec.required ? value : fc.option(value, { nil: undefined })] as const;
  });
  return fc
    .record(Object.fromEntries(entries))
    .map(
      (o) =>
        Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<
          string,
          string | number | boolean
        >,
    );
}

describe('hostile slash commands on the Discord emulator', () => {
  it('every answer is accepted, within limits, and pings nobody', async () => {
    const interaction = fc
      .constantFrom(...commands)
      .chain((command) =>
        discordOptions(command.options as Record<string, OptionSpec>).map((options) => ({ command, options })),
      );
    const from = emu.calls.length;
    for (const { command, options } of fc.sample(interaction, { numRuns: 40, seed: 2024 })) {
      const { token } = emu.sendChatInput(command.name, options, { admin: true });
      await answerOf(emu, token, 1);
    }
    const calls = emu.calls.slice(from);
    expect(
      calls.filter((c) => c.status >= 400).map((c) => `${c.route} ${c.status} ${JSON.stringify(c.body).slice(0, 200)}`),
    ).toEqual([]);
    const messages = calls.filter((c) => MESSAGE_ROUTES.has(c.route));
    expect(messages.length).toBeGreaterThanOrEqual(40);
    for (const m of messages) {
      expect(messageProblems(m.body)).toEqual([]);
      expect((m.body as { allowed_mentions?: unknown }).allowed_mentions).toMatchObject({ parse: [] });
      expect(bodyText(m.body)).not.toMatch(/@(everyone|here)|<@[!&]?\d+>/i);
    }
  });
});
