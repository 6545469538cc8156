// The console adapter, the default with no platform tokens: a shell on the loaded stories, as Hubot's shell is.
// On a terminal it prompts; with piped input it answers one line at a time and ends at EOF.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { consoleCaller } from '../../core/caller.js';
import type { Bot } from '../../core/bot.js';
import type { OptionSpec } from '../../core/command.js';
import { closest } from '../../core/options.js';
import { looksLikeQuestion, parseLine, tokenize } from '../../core/parse.js';
import type { Reply } from '../../core/reply.js';
import type { Library } from '../../library/library.js';
import type { Adapter, AdapterContext } from '../adapter.js';
import { renderText } from './render-text.js';

export interface ConsoleOptions {
  input?: Readable;
  output?: Writable;
  /** Prompt and greet only when a person is typing. */
  interactive?: boolean;
}

/** Words the console understands without a slash: `help` runs /help; the others the console loop does itself. */
export const CONSOLE_WORDS = ['help', 'clear', 'exit', 'quit'] as const;

/** What the console itself does for a typed line: end the session, clear the screen, or nothing (the bot answers). */
export function consoleAction(line: string): 'exit' | 'clear' | null {
  const word = line.trim().toLowerCase();
  if (/^\/?(exit|quit)$/.test(word)) return 'exit';
  if (/^\/?clear$/.test(word)) return 'clear';
  return null;
}

/**
 * Runs one typed line; null for a blank line. A line without a slash is a question only when it reads as one;
 * `help` (and `help summary`) runs /help; anything else is told how commands are written.
 */
export async function runConsoleLine(bot: Bot, line: string): Promise<Reply | null> {
  const parsed = parseLine(line, bot.services.botName);
  if (parsed.kind === 'empty') return null;
  if (parsed.kind === 'command') return bot.runText(parsed.name, parsed.args, consoleCaller);
  if (!parsed.bare) return bot.mention(parsed.text, consoleCaller);
  const [first = '', ...rest] = parsed.text.split(/\s+/);
  // `help` and `help summary`; "help me find the budget story" reads on as a question.
  if (first.toLowerCase() === 'help' && (rest.length === 0 || (rest.length === 1 && bot.find(rest[0]!))))
    return bot.runText('help', rest.join(' '), consoleCaller);
  if (looksLikeQuestion(parsed.text)) return bot.mention(parsed.text, consoleCaller);
  return notACommand(bot, first);
}

function notACommand(bot: Bot, first: string): Reply {
  const near = closest(
    first.replace(/^\W+/, ''),
    bot.services.commands.map((c) => c.name),
  );
  return {
    sections: [
      {
        blocks: [
          { type: 'text', text: `Commands start with /; type /help.${near ? ` Did you mean /${near}?` : ''}` },
          { type: 'text', text: 'To ask about the news, type a question, e.g. who is quoted?' },
        ],
      },
    ],
    kind: 'notice',
  };
}

/** Tab completion for the console (node:readline's completer): commands, their options, choices and story ids. */
export function consoleCompleter(
  bot: Pick<Bot, 'services'>,
  library: Pick<Library, 'briefings'>,
): (line: string) => [string[], string] {
  const commands = bot.services.commands;
  const storyIds = () => library.briefings().map((b) => b.id);
  const starts = (items: readonly string[], prefix: string) =>
    [...new Set(items)].filter((i) => i.toLowerCase().startsWith(prefix.toLowerCase()));
  return (line) => {
    const command = /^\s*\/([\w-]*)(\s+([\s\S]*))?$/.exec(line);
    if (!command) {
      // A first word: the console's own words and the commands.
      if (/\s/.test(line.trim())) return [[], line];
      const word = line.trim();
      return [starts([...CONSOLE_WORDS, ...commands.map((c) => `/${c.name}`)], word), word];
    }
    if (command[2] === undefined) {
      const hits = starts(
        commands.map((c) => `/${c.name}`),
        `/${command[1]}`,
      );
      return [hits.length === 1 ? [`${hits[0]} `] : hits, line.trimStart()];
    }
    const found = commands.find((c) => c.name === command[1]!.toLowerCase());
    if (!found) return [[], ''];
    const specs = Object.entries(found.options as Record<string, OptionSpec>);
    const args = command[3] ?? '';
    const partial = /\s$/.test(args) || args === '' ? '' : (args.split(/\s+/).pop() ?? '');
    const used = new Set(
      tokenize(args.slice(0, args.length - partial.length)).flatMap((t) => (t.name ? [t.name.toLowerCase()] : [])),
    );
    const valuesOf = ([, spec]: [string, OptionSpec]): string[] => {
      if (spec.type === 'boolean') return ['true', 'false'];
      if (spec.type !== 'string') return [];
      if (spec.choices) return [...spec.choices];
      return spec.autocomplete === 'story' ? storyIds() : [];
    };
    const named = /^([A-Za-z][\w-]*):([\s\S]*)$/.exec(partial);
    if (named) {
      const spec = specs.find(([k]) => k.toLowerCase() === named[1]!.toLowerCase());
      if (!spec) return [[], partial];
      return [starts(valuesOf(spec), named[2]!).map((v) => `${named[1]}:${v}`), partial];
    }
    // A bare word: an option name, or a value of a positional option (a story id, a digest action).
    const options = specs.filter(([k]) => !used.has(k.toLowerCase())).map(([k]) => `${k}:`);
    const positional = specs
      .filter(([, s]) => s.type === 'string' && s.positional !== undefined && s.positional !== false)
      .flatMap(valuesOf);
    return [starts([...options, ...positional], partial), partial];
  };
}

export class ConsoleAdapter implements Adapter {
  readonly platform = 'console' as const;
  private readonly input: Readable;
  private readonly output: Writable;
  private readonly interactive: boolean;
  private done: Promise<void> = Promise.resolve();
  private closeReadline: (() => void) | null = null;

  private readonly bot: Bot;

  constructor(
    private readonly context: Pick<AdapterContext<unknown>, 'bot' | 'library'>,
    options: ConsoleOptions = {},
  ) {
    this.bot = context.bot;
    this.input = options.input ?? process.stdin;
    this.output = options.output ?? process.stdout;
    this.interactive = options.interactive ?? Boolean((this.input as NodeJS.ReadStream).isTTY);
  }

  /** Resolves when input ends (EOF, `exit`, or Ctrl-D). */
  finished(): Promise<void> {
    return this.done;
  }

  async start(): Promise<void> {
    const rl = createInterface({
      input: this.input,
      output: this.interactive ? this.output : undefined,
      terminal: this.interactive,
      ...(this.interactive ? { completer: consoleCompleter(this.bot, this.context.library) } : {}),
    });
    this.closeReadline = () => rl.close();
    // Ctrl-C on a terminal reaches readline, not the process: treat it as the end of the session.
    rl.on('SIGINT', () => rl.close());
    const name = this.bot.services.botName;
    if (this.interactive) {
      const count = this.context.library.size;
      this.output.write(
        `${name} console: ${count} stor${count === 1 ? 'y' : 'ies'} loaded. Type /help, /brief, or a question. Tab completes commands, options and story ids. Ctrl-D or exit quits.\n`,
      );
      rl.setPrompt(`${name}> `);
      rl.prompt();
    }
    this.done = (async () => {
      for await (const line of rl) {
        const action = consoleAction(line);
        if (action === 'exit') break;
        if (action === 'clear') {
          // Only a terminal has a screen to clear; piped output is a transcript, left as it is.
          if (this.interactive) {
            this.output.write('\x1b[2J\x1b[3J\x1b[H');
            rl.prompt();
          }
          continue;
        }
        const reply = await runConsoleLine(this.bot, line);
        if (reply) this.output.write(`${renderText(reply)}\n\n`);
        if (this.interactive) rl.prompt();
      }
      rl.close();
    })();
  }

  async stop(): Promise<void> {
    this.closeReadline?.();
  }

  async send(_channelId: string, reply: Reply): Promise<void> {
    this.output.write(`${renderText(reply)}\n\n`);
  }
}
