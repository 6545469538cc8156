// Soak: 10,000 mixed slash commands through the product's real Discord adapter (discord.js) on the loopback
// emulator, 50 in flight at a time. Reports errors, latency percentiles and memory growth (after forced GC).
// `npm run soak` (options: --commands N --concurrency N --warmup N). Not a test: it measures, it does not assert,
// but it exits 1 when any interaction failed, so a CI job can still run it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { commands } from '../commands/index.js';
import type { AdapterContext } from '../src/adapters/adapter.js';
import { lazyIndex } from '../src/app.js';
import type { Config } from '../src/config.js';
import { DiscordAdapter } from '../src/adapters/discord/index.js';
import { deriveBriefing } from '../src/briefing/derive.js';
import { loadConfig } from '../src/config.js';
import { createBot } from '../src/core/bot.js';
import type { OptionSpec } from '../src/core/command.js';
import { Library } from '../src/library/library.js';
import { loadFolder } from '../src/library/load.js';
import { createLogger } from '../src/log.js';
import { startDiscordEmulator, type DiscordEmulator, type RecordedCall } from '../testkit/emulators/discord/index.js';
import { hostileStories } from '../testkit/hostile.js';
import { percentile, round } from './stats.js';

const { values: args } = parseArgs({
  options: {
    commands: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '500' },
  },
});
const TOTAL = Number(args.commands);
const CONCURRENCY = Number(args.concurrency);
const WARMUP = Number(args.warmup);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const QUESTIONS = [
  'who is quoted?',
  'what did the council say?',
  'when did it happen?',
  'how many people were there?',
  'why was the budget cut?',
  'what is the weather on Mars?',
];
const CALLBACK = 'POST /interactions/:id/:token/callback';
const EDIT = 'PATCH /webhooks/:app/:token/messages/@original';
const FOLLOW_UP = 'POST /webhooks/:app/:token';

interface Outcome {
  ms: number;
  error: string | null;
}

function optionsFor(i: number, specs: Record<string, OptionSpec>, stories: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  if ('story' in specs && i % 3 !== 0) options.story = stories[i % stories.length]!;
  if ('question' in specs) options.question = QUESTIONS[i % QUESTIONS.length]!;
  if ('length' in specs && i % 2) options.length = ['short', 'medium', 'long'][i % 3]!;
  if ('speaker' in specs && i % 4 === 1) options.speaker = 'Minister';
  if ('search' in specs && i % 2) options.search = 'council';
  if ('action' in specs) options.action = ['list', 'preview'][i % 2]!;
  if ('command' in specs && i % 2) options.command = commands[i % commands.length]!.name;
  return options;
}

/** One interaction, from INTERACTION_CREATE to its answer (the callback with content, or the @original edit). */
async function one(emu: DiscordEmulator, i: number, stories: string[]): Promise<Outcome> {
  const command = commands[i % commands.length]!;
  const options = optionsFor(i, command.options as Record<string, OptionSpec>, stories);
  const { token } = emu.sendChatInput(command.name, options, { admin: i % 5 === 0 });
  // One waiter, registered before any answer can arrive: the callback that carries the reply, the edit after a
  // defer, or the private follow-up an error gets after a public defer.
  const answered = (c: RecordedCall) =>
    c.params.token === token &&
    (c.route === EDIT ||
      c.route === FOLLOW_UP ||
      (c.route === CALLBACK && ((c.body as { type?: number }).type !== 5 || c.status >= 400)));
  try {
    // from 0: the soak trims emu.calls, so indexes move; the token alone identifies the answer.
    const answer = await emu.waitForCall(answered, { from: 0, timeoutMs: 30_000 });
    const record = emu.interactions.get(token)!;
    return {
      ms: answer.at - record.dispatchedAt!,
      error: answer.status >= 400 ? `/${command.name}: ${answer.route} answered ${answer.status}` : null,
    };
  } catch (e) {
    return { ms: NaN, error: `/${command.name}: ${(e as Error).message.slice(0, 200)}` };
  } finally {
    // Follow-ups may still come for this token; its record is dropped only once it is long finished.
    finished.push(token);
    if (finished.length > 2000) emu.interactions.delete(finished.shift()!);
  }
}

const failedCalls: string[] = [];
const finished: string[] = [];

async function run(emu: DiscordEmulator, count: number, offset: number, stories: string[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = offset + next++;
      outcomes.push(await one(emu, i, stories));
      // The emulator keeps every call for tests; the soak drops them so only the bot's memory is measured.
      // Failed calls (a 4xx/5xx anywhere, follow-ups included) are counted before they are dropped.
      if (emu.calls.length > 2000)
        for (const c of emu.calls.splice(0, emu.calls.length - 500))
          if (c.status >= 400) failedCalls.push(`${c.route} ${c.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return outcomes;
}

/** Memory after GC, with the emulator's own records of finished interactions dropped, so only the bot is weighed. */
function memory(emu: DiscordEmulator): { rssMb: number; heapMb: number } {
  for (const c of emu.calls.splice(0)) if (c.status >= 400) failedCalls.push(`${c.route} ${c.status}`);
  // The newest few are kept: a multi-message reply may still be sending follow-ups with their tokens.
  for (const token of finished.splice(0, Math.max(0, finished.length - 200))) emu.interactions.delete(token);
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { rssMb: round(m.rss / 2 ** 20, 1), heapMb: round(m.heapUsed / 2 ** 20, 1) };
}

async function main(): Promise<void> {
  const seeds = await loadFolder('seeds', { maxBytes: 5 * 1024 * 1024 });
  const library = new Library([
    ...seeds.stories,
    ...hostileStories(20, 7).map((briefing, i) => ({ briefing, addedAt: i })),
  ]);
  const stories = library.briefings().map((b) => b.id);

  const emu = await startDiscordEmulator();
  const config = loadConfig({ DISCORD_TOKEN: emu.token, DISCORD_API_URL: emu.restUrl, LOG_LEVEL: 'warn' });
  const problems: string[] = [];
  const log = createLogger({
    level: 'warn',
    secrets: config.secrets,
    destination: { write: (line) => problems.push(line) },
  });
  const bot = createBot(
    { library, questions: lazyIndex(library), commands, botName: 'briefbot', now: () => new Date() },
    log,
  );
  const runtime: AdapterContext<Config> = { bot, library, log, config };
  const session = emu.sessionReady();
  const adapter = new DiscordAdapter(runtime);
  await adapter.start();
  await session;

  try {
    await run(emu, WARMUP, 0, stories);
    // Measured at the start, half way and the end: a leak grows in both halves, a cache warming up only in the first.
    const before = memory(emu);
    const started = performance.now();
    const half = Math.floor(TOTAL / 2);
    const outcomes = await run(emu, half, WARMUP, stories);
    const middle = memory(emu);
    outcomes.push(...(await run(emu, TOTAL - half, WARMUP + half, stories)));
    const seconds = (performance.now() - started) / 1000;
    const after = memory(emu);
    const errors = outcomes.filter((o) => o.error);
    const ms = outcomes.filter((o) => !o.error).map((o) => o.ms);
    const report = {
      commands: outcomes.length,
      concurrency: CONCURRENCY,
      stories: stories.length,
      errors: errors.length,
      failedRestCalls: failedCalls.length,
      warnOrErrorLogLines: problems.length,
      seconds: round(seconds, 1),
      perSecond: round(outcomes.length / seconds, 0),
      latencyMs: {
        p50: round(percentile(ms, 50), 1),
        p90: round(percentile(ms, 90), 1),
        p99: round(percentile(ms, 99), 1),
        max: round(Math.max(...ms), 1),
      },
      memory: {
        before,
        middle,
        after,
        rssGrowthMb: round(after.rssMb - before.rssMb, 1),
        heapGrowthMb: round(after.heapMb - before.heapMb, 1),
        heapGrowthSecondHalfMb: round(after.heapMb - middle.heapMb, 1),
      },
      node: process.version,
    };
    console.log(JSON.stringify(report, null, 2));
    for (const e of errors.slice(0, 10)) console.error(`error: ${e.error}`);
    for (const line of problems.slice(0, 10)) console.error(`log: ${line.trim()}`);
    if (errors.length || report.failedRestCalls || problems.length) process.exitCode = 1;
  } finally {
    await adapter.stop();
    await emu.close();
  }
}

await main();
