// A command of commands/ run once from the command line: the words after it and its --flags become the command's
// options, the reply is printed (its data with --json), and a refusal goes to stderr with exit code 2.
import { commands } from '../../commands/index.js';
import { renderText } from '../adapters/console/render-text.js';
import { createRuntime } from '../app.js';
import { callerOn, consoleCaller } from '../core/caller.js';
import type { Config } from '../config.js';
import { QUESTION_COMMAND, withHints } from '../core/bot.js';
import type { AnyCommand, OptionSpec } from '../core/command.js';
import { closest, usage, type RawOptions } from '../core/options.js';
import { argsToOptions } from '../core/parse.js';
import type { Logger } from '../log.js';
import type { AskData } from '../questions/answer-reply.js';
import { GLOBAL_FLAGS, UsageError, type CliIO } from './cli-io.js';
import { cliSyntax } from './cli-syntax.js';

const syntax = cliSyntax(commands);

/** What a one-shot command runs with. */
export interface CommandEnv {
  io: CliIO;
  config: Config;
  log: Logger;
  seedsDir: string;
}

/** Runs `command` with the words after it (`args`) and the flags; resolves to the exit code. */
export async function runCommand(
  command: AnyCommand,
  args: string[],
  flags: Map<string, string | true>,
  env: CommandEnv,
): Promise<number> {
  const { io } = env;
  const { raw, hints } = commandOptions(command, args, flags);
  if (command.name === QUESTION_COMMAND && flags.has('json') && raw.question === undefined) return askBatch(raw, env);
  const runtime = await createRuntime(env.config, env.log, env.seedsDir);
  const reply = syntax.reply(
    withHints(
      await runtime.bot.run(
        command.name,
        raw,
        callerOn('cli', { userId: consoleCaller.userId, channel: 'local', isAdmin: true }),
      ),
      hints,
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

/** The command's options from the words after it and its --flags; a bad one is a UsageError naming it. */
function commandOptions(
  command: AnyCommand,
  args: string[],
  flags: Map<string, string | true>,
): { raw: RawOptions; hints: string[] | undefined } {
  // Words after the command are read as typed text (`briefbot digest preview`, `briefbot ask "who is Kim?"`);
  // --name value pairs are options.
  const specs = command.options as Record<string, OptionSpec>;
  // A shell has already removed the user's quotes: `schedule:"daily 07:30"` arrives as one word with a space,
  // so quote the value again (or the whole word when it is not name:value) before the shared parser reads it.
  const words = args.map((w) => {
    if (!/\s/.test(w)) return w;
    const named = /^([A-Za-z][\w-]*):([\s\S]*)$/.exec(w);
    return named ? `${named[1]}:"${named[2]!.replace(/"/g, '')}"` : `"${w.replace(/"/g, '')}"`;
  });
  const fromWords = argsToOptions(command, words.join(' '));
  if (!fromWords.ok) throw new UsageError(syntax.text(`${fromWords.error}\nUsage: ${usage(command)}`));
  const raw: RawOptions = { ...fromWords.raw };
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
  return { raw, hints: fromWords.hints };
}

/**
 * `briefbot ask --json` with no question: one question a line from standard input, one JSON line a question,
 * `{question, answer (short) | null, sentence, sources: [{story, sentence}]}`; a line the command refuses gets
 * `{question, error}`.
 */
async function askBatch(raw: Record<string, unknown>, { io, config, log, seedsDir }: CommandEnv): Promise<number> {
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
