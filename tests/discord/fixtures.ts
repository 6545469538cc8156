// Test stories built in code (no articles copied), and a real Discord adapter wired to a loopback emulator.
import type { AdapterContext } from '../../src/adapters/adapter.js';
import type { Briefing } from '../../src/briefing/types.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { AnyCommand } from '../../src/core/command.js';
import { Library } from '../../src/library/library.js';
import { createLogger } from '../../src/log.js';
import { DiscordAdapter } from '../../src/adapters/discord/index.js';
import type { DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { testRuntime } from '../adapters/test-runtime.js';

const WORDS = [
  'council',
  'harbour',
  'budget',
  'river',
  'minister',
  'school',
  'bridge',
  'summit',
  'winter',
  'market',
  'railway',
  'archive',
  'festival',
  'clinic',
  'orchard',
  'treaty',
  'lantern',
  'ferry',
  'granite',
  'meadow',
];

/** A deterministic sentence of `n` words, so failures reproduce. */
export function sentence(seed: number, n = 14): string {
  const words = Array.from({ length: n }, (_, i) => WORDS[(seed * 7 + i * 13 + ((seed * i) % 5)) % WORDS.length]!);
  return `${words[0]!.charAt(0).toUpperCase()}${words.join(' ').slice(1)} number ${seed}.`;
}

export function briefing(
  id: string,
  title: string,
  size: { quotes: number; background: number; timeline: number; people: number; points: number },
): Briefing {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const people = range(size.people).map((i) => ({
    name: `Person ${i} Example`,
    aliases: [`Example${i}`],
    mentions: i + 1,
    description: sentence(900 + i, 30),
  }));
  const quotes = range(size.quotes).map((i) => ({
    text: sentence(i, 24),
    speaker: i % 4 === 3 ? null : (people[i % Math.max(1, people.length)]?.name ?? null),
    kind: 'direct' as const,
    start: 0,
    end: 0,
    sentence: sentence(i),
  }));
  return {
    id,
    title,
    source: `seeds/${id}.txt`,
    hash: id.padEnd(64, '0'),
    date: '2024-05-01',
    wordCount: 20_000,
    summary: {
      tldr: `${sentence(1, 30)} ${sentence(2, 30)}`,
      keyPoints: range(size.points).map((i) => sentence(100 + i, 40)),
    },
    background: range(size.background).map((i) => sentence(300 + i, 35)),
    quotes,
    socialPosts: [],
    entities: { people, organizations: [], places: [] },
    timeline: range(size.timeline).map((i) => ({
      date: `2024-0${(i % 9) + 1}-1${i % 10}`,
      phrase: 'on that day',
      text: sentence(600 + i, 28),
      resolved: true,
    })),
    sentences: [],
  };
}

export const SMALL = { quotes: 3, background: 3, timeline: 3, people: 2, points: 4 };
export const HUGE = { quotes: 400, background: 400, timeline: 300, people: 6, points: 60 };

export function smallLibrary(): Library {
  return new Library([
    { briefing: briefing('harbour-budget-a1b2', 'Harbour council agrees a new budget', SMALL), addedAt: 2 },
    { briefing: briefing('railway-winter-c3d4', 'Railway closes for the winter', SMALL), addedAt: 1 },
  ]);
}

export function hugeLibrary(): Library {
  return new Library([
    { briefing: briefing('huge-story-e5f6', 'An enormous synthetic story with many quotes', HUGE), addedAt: 1 },
  ]);
}

export interface RunningBot {
  adapter: DiscordAdapter;
  runtime: AdapterContext<Config>;
  logLines: string[];
  stop(): Promise<void>;
}

/** Starts the product's Discord adapter (real discord.js Client) against the emulator. */
export async function startBot(
  emu: DiscordEmulator,
  options: { library: Library; commands: readonly AnyCommand[]; env?: Record<string, string> },
): Promise<RunningBot> {
  const config = loadConfig({
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.restUrl,
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const logLines: string[] = [];
  const log = createLogger({
    level: 'debug',
    secrets: config.secrets,
    destination: { write: (line) => logLines.push(line) },
  });
  const runtime = testRuntime(config, log, options.library, options.commands);
  const adapter = new DiscordAdapter(runtime);
  await adapter.start();
  return { adapter, runtime, logLines, stop: () => adapter.stop() };
}

/** The words of a text, ignoring markdown escapes, zero-width spaces and punctuation. */
export function words(text: string): string[] {
  return (
    text
      .replace(/\u200b/g, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** True when `needle` appears in `haystack` in order (gaps allowed). */
export function isSubsequence(needle: string[], haystack: string[]): boolean {
  let j = 0;
  for (const w of haystack) if (j < needle.length && w === needle[j]) j += 1;
  return j === needle.length;
}
