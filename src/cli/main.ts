// `briefbot` on the command line: `start` (the default) runs the bot; `derive` prints briefings as JSON Lines;
// any command in commands/ runs once and prints its reply (`--json` for its data).
import { commands } from '../../commands/index.js';
import { renderText } from '../adapters/console/render-text.js';
import { createRuntime, startApp } from '../app.js';
import { callerOn, consoleCaller } from '../core/caller.js';
import { ConfigError, loadConfig, readEnvironment, type Config } from '../config.js';
import { QUESTION_COMMAND, withHints } from '../core/bot.js';
import type { AnyCommand, OptionSpec } from '../core/command.js';
import { closest, usage } from '../core/options.js';
import { cliSyntax } from './cli-syntax.js';
import { argsToOptions } from '../core/parse.js';
import { deriveBriefing } from '../briefing/derive.js';
import { documentInput, listDocuments, readDocument } from '../library/load.js';
import { createLogger, prettyLogs, type Logger } from '../log.js';
import type { AskData } from '../questions/answer-reply.js';
import { dirname } from 'node:path';
import { stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  env?: Record<string, string | undefined>;
  /** Log sink; stderr by default. */
  logDestination?: { write(line: string): unknown };
  /** Standard input, read whole (`briefbot ask --json` with no question reads questions from it). */
  readInput?: () => Promise<string>;
}

const defaultIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readInput: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

export class UsageError extends Error {}

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/** `--name value`, `--name=value` and bare `--flag`; a flag followed by another flag (or nothing) is boolean. */
export function parseArgv(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--([A-Za-z][\w-]*)(?:=([\s\S]*))?$/.exec(arg);
    if (!m) {
      positional.push(arg);
      continue;
    }
    if (m[2] !== undefined) flags.set(m[1]!, m[2]);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(m[1]!, argv[++i]!);
    else flags.set(m[1]!, true);
  }
  return { positional, flags };
}

const GLOBAL_FLAGS = new Set(['json', 'seeds', 'console', 'help']);

/** The flags each verb that is not a command takes (besides --help and --version); a command takes its options too. */
const VERB_FLAGS: Record<string, readonly string[]> = {
  start: ['seeds', 'console'],
  derive: ['json'],
  extract: ['json'],
  'feed parse': ['json'],
  'deploy-commands': [],
};

const syntax = cliSyntax(commands);

/** The version in package.json. */
export function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string })
    .version;
}

/** Refuses a flag the verb does not take, naming it (and the nearest real one). */
function checkFlags(verb: string, flags: Map<string, string | true>, known: readonly string[]): void {
  for (const name of flags.keys()) {
    if (known.includes(name) || name === 'help' || name === 'version') continue;
    const near = closest(name, known);
    const list = [...known, 'help', 'version'].map((k) => `--${k}`).join(', ');
    throw new UsageError(
      `briefbot ${verb}: unknown option --${name}.${near ? ` Did you mean --${near}?` : ''} Options: ${list}`,
    );
  }
}

const HELP = `Usage: briefbot [start] [--seeds DIR] [--console]
       briefbot derive PATH... --json
       briefbot stories [--seeds DIR] --json   (one JSON line per story)
       briefbot extract PATH_OR_URL... --json
       briefbot feed parse FILE_OR_URL --json
       briefbot <command> [words] [--option value]... [--story ID] [--seeds DIR] [--json]
       briefbot deploy-commands
       briefbot --version

Commands: ${commands.map((c) => c.name).join(', ')}
Run "briefbot help <command>" for one command's options.
`;

export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  if (argv.includes('--version')) {
    io.out(`briefbot ${version()}\n`);
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig(readEnvironment(io.env ?? process.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  try {
    return await dispatch(argv, io, config);
  } catch (error) {
    // A start-up check that found a bad setting (seeds folder, DATABASE_PATH) names it: exit 2, like a bad argument.
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    io.err(`briefbot: ${(error as Error).message}\n`);
    return 1;
  }
}

/**
 * `--speaker Kim Jong-un`: the words after a flag whose option is declared multiWord (a name, a question, story
 * words) belong to it, up to the next flag, as `speaker:Kim Jong-un` does in chat.
 */
export function joinMultiWord(argv: string[], command: AnyCommand): string[] {
  const specs = command.options as Record<string, OptionSpec>;
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--([A-Za-z][\w-]*)$/.exec(arg);
    const spec = m ? specs[m[1]!] : undefined;
    if (!spec || spec.type !== 'string' || !spec.multiWord) {
      out.push(arg);
      continue;
    }
    const words: string[] = [];
    while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--') && !/^[A-Za-z][\w-]*:\S/.test(argv[i + 1]!))
      words.push(argv[++i]!);
    out.push(arg, ...(words.length ? [words.join(' ')] : []));
  }
  return out;
}

async function dispatch(argv: string[], io: CliIO, config: Config): Promise<number> {
  const parsed = parseArgv(argv);
  const named = commands.find((c) => c.name === (parsed.positional[0] ?? '').replace(/^\//, '').toLowerCase());
  const { positional, flags } = named ? parseArgv(joinMultiWord(argv, named)) : parsed;
  const verb = positional[0] ?? 'start';
  if (flags.has('help') || verb === '--help') {
    io.out(HELP);
    return 0;
  }
  // `feed parse` is the CLI's own; `feed list` and the rest are the /feed command, with its options.
  const verbName = verb === 'feed' && positional[1] === 'parse' ? 'feed parse' : verb;
  const verbFlags = VERB_FLAGS[verbName];
  if (verbFlags) checkFlags(verbName, flags, verbFlags);
  const seedsFlag = flags.get('seeds');
  if (seedsFlag === true) throw new UsageError('--seeds needs a folder: --seeds DIR');
  const seedsDir = seedsFlag ?? config.SEEDS_DIR;
  const interactive = verb === 'start';
  const log = makeLogger(config, io, interactive, flags.has('console'));

  if (verb === 'derive') return derive(positional.slice(1), flags, io, config);
  if (verb === 'extract' || (verb === 'feed' && positional[1] === 'parse')) {
    const { extractCommand, feedParseCommand } = await import('./sources-cli.js');
    const targets = positional.slice(verb === 'extract' ? 1 : 2);
    if (targets.length === 0)
      throw new UsageError(
        verb === 'extract'
          ? 'Usage: briefbot extract PATH_OR_URL... --json'
          : 'Usage: briefbot feed parse FILE_OR_URL --json',
      );
    return (verb === 'extract' ? extractCommand : feedParseCommand)(targets, flags.has('json'), io, config);
  }
  if (verb === 'deploy-commands') {
    const { deployCommands } = await import('./deploy-commands.js');
    return deployCommands(config, log, io);
  }
  if (verb === 'start') {
    const runtime = await createRuntime(config, log, seedsDir);
    await startApp(runtime, { console: flags.has('console') });
    return 0;
  }
  const command = commands.find((c) => c.name === verb.replace(/^\//, '').toLowerCase());
  if (!command) throw new UsageError(`briefbot: unknown command "${verb.slice(0, 40)}".\n\n${HELP}`);

  // Words after the command are read as typed text (`briefbot digest preview`, `briefbot ask "who is Kim?"`);
  // --name value pairs are options.
  const specs = command.options as Record<string, OptionSpec>;
  // A shell has already removed the user's quotes: `schedule:"daily 07:30"` arrives as one word with a space,
  // so quote the value again (or the whole word when it is not name:value) before the shared parser reads it.
  const words = positional.slice(1).map((w) => {
    if (!/\s/.test(w)) return w;
    const named = /^([A-Za-z][\w-]*):([\s\S]*)$/.exec(w);
    return named ? `${named[1]}:"${named[2]!.replace(/"/g, '')}"` : `"${w.replace(/"/g, '')}"`;
  });
  const fromWords = argsToOptions(command, words.join(' '));
  if (!fromWords.ok) throw new UsageError(syntax.text(`${fromWords.error}\nUsage: ${usage(command)}`));
  const raw = { ...fromWords.raw };
  for (const [name, value] of flags) {
    if (GLOBAL_FLAGS.has(name)) continue;
    if (!(name in specs)) {
      const near = closest(name, Object.keys(specs));
      throw new UsageError(
        `briefbot ${command.name}: unknown option --${name}.${near ? ` Did you mean --${near}?` : ''} Options: ${
          Object.keys(specs)
            .map((k) => `--${k}`)
            .join(', ') || 'none'
        }`,
      );
    }
    if (value === true && specs[name]!.type !== 'boolean')
      throw new UsageError(`briefbot ${command.name}: --${name} needs a value`);
    raw[name] = value;
  }
  if (command.name === QUESTION_COMMAND && flags.has('json') && raw.question === undefined)
    return askBatch(raw, io, config, log, seedsDir);
  const runtime = await createRuntime(config, log, seedsDir);
  const reply = syntax.reply(
    withHints(
      await runtime.bot.run(
        command.name,
        raw,
        callerOn('cli', { userId: consoleCaller.userId, channel: 'local', isAdmin: true }),
      ),
      fromWords.hints,
    ),
  );
  await runtime.state.close();
  // `briefbot stories --json`: one JSON line per story, {id, title, date, source, articles: [{source, url, outlet, published}]}.
  if (flags.has('json') && command.name === 'stories' && reply.kind !== 'error') {
    for (const story of (reply.data as { stories: unknown[] }).stories) io.out(`${JSON.stringify(story)}\n`);
    return 0;
  }
  await runtime.feeds?.stop();
  // A refusal goes to stderr, so a script reading stdout never takes it for an answer.
  if (reply.kind === 'error') {
    io.err(flags.has('json') ? `${JSON.stringify({ error: reply })}\n` : `${renderText(reply)}\n`);
    return 2;
  }
  io.out(flags.has('json') ? `${JSON.stringify(reply.data ?? reply)}\n` : `${renderText(reply)}\n`);
  return 0;
}

/**
 * `briefbot ask --json` with no question: one question a line from standard input, one JSON line a question,
 * `{question, answer (short) | null, sentence, sources: [{story, sentence}]}`; a line the command refuses gets
 * `{question, error}`.
 */
async function askBatch(
  raw: Record<string, unknown>,
  io: CliIO,
  config: Config,
  log: Logger,
  seedsDir: string,
): Promise<number> {
  if (!io.readInput)
    throw new UsageError('briefbot ask --json: no question given and no standard input to read questions from');
  const questions = (await io.readInput())
    .split(/\r?\n/)
    .map((q) => q.trim())
    .filter(Boolean);
  const runtime = await createRuntime(config, log, seedsDir);
  let failed = false;
  for (const question of questions) {
    const reply = await runtime.bot.run(
      QUESTION_COMMAND,
      { ...raw, question },
      { ...consoleCaller, platform: 'cli', channelId: 'cli:local' },
    );
    if (reply.kind === 'error') {
      failed = true;
      io.out(`${JSON.stringify({ question, error: renderText(syntax.reply(reply)) })}\n`);
      continue;
    }
    const data = reply.data as AskData;
    io.out(
      `${JSON.stringify({ question, answer: data.short ?? null, sentence: data.sources[0]?.sentence ?? null, sources: data.sources })}\n`,
    );
  }
  return failed ? 2 : 0;
}

function makeLogger(config: Config, io: CliIO, interactive: boolean, forceConsole: boolean): Logger {
  // Console mode: a one-shot command, `start --console`, or `start` with no platform configured.
  const consoleMode = !interactive || forceConsole || (!config.discord.enabled && !config.slack.enabled);
  return createLogger({
    level: interactive ? config.LOG_LEVEL : config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
    secrets: config.secrets,
    pretty: prettyLogs(config.LOG_FORMAT, { tty: Boolean(process.stderr.isTTY) && !io.logDestination, consoleMode }),
    destination: io.logDestination ?? { write: (line: string) => io.err(line) },
  });
}

/** `briefbot derive PATH... --json`: one Briefing per line for every document in the files and folders given. */
async function derive(paths: string[], flags: Map<string, string | true>, io: CliIO, config: Config): Promise<number> {
  if (paths.length === 0) throw new UsageError('Usage: briefbot derive PATH... --json (files or folders of .txt/.md)');
  let failures = 0;
  for (const path of paths) {
    let files: string[];
    try {
      files = await listDocuments(path);
    } catch {
      io.err(`briefbot derive: ${path}: no such file or folder\n`);
      failures++;
      continue;
    }
    const isDir = (await stat(path)).isDirectory();
    for (const file of files) {
      const read = await readDocument(file, isDir ? path : dirname(file), { maxBytes: config.MAX_SEED_BYTES });
      const source = isDir ? `${path.replace(/\/+$/, '')}/${file.split('/').pop()}` : path;
      if (!read.ok) {
        io.err(`briefbot derive: skipped ${source}: ${read.reason}\n`);
        failures++;
        continue;
      }
      const briefing = deriveBriefing(documentInput(read, source));
      io.out(flags.has('json') ? `${JSON.stringify(briefing)}\n` : `${briefing.id}\t${briefing.title}\n`);
    }
  }
  return failures ? 1 : 0;
}
