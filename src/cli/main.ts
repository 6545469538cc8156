// `briefbot` on the command line: `start` (the default) runs the bot; `derive` prints briefings as JSON Lines;
// any command in commands/ runs once and prints its reply (`--json` for its data).
import { commands } from '../../commands/index.js';
import { createRuntime, startApp } from '../app.js';
import { ConfigError, loadConfig, readEnvironment, type Config } from '../config.js';
import type { AnyCommand, OptionSpec } from '../core/command.js';
import { closest } from '../core/options.js';
import { deriveBriefing } from '../briefing/derive.js';
import { documentInput, listDocuments, readDocument } from '../library/load.js';
import { createLogger, prettyLogs, type Logger } from '../log.js';
import { dirname } from 'node:path';
import { stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { defaultIO, parseArgv, UsageError, type CliIO } from './cli-io.js';
import { runCommand } from './run-command.js';

const VERB_FLAGS: Record<string, readonly string[]> = {
  start: ['seeds', 'console'],
  derive: ['json'],
  extract: ['json'],
  'feed parse': ['json'],
  'deploy-commands': [],
};

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

export { UsageError, parseArgv, type CliIO } from './cli-io.js';

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
  if (verb === 'extract' || verbName === 'feed parse') return sourcesVerb(verb, positional, flags, io, config);
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

  return runCommand(command, positional.slice(1), flags, { io, config, log, seedsDir });
}

/** `briefbot extract PATH_OR_URL... --json` and `briefbot feed parse FILE_OR_URL --json`. */
async function sourcesVerb(
  verb: string,
  positional: string[],
  flags: Map<string, string | true>,
  io: CliIO,
  config: Config,
): Promise<number> {
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
