// The console adapter, the default with no platform tokens: a shell on the loaded stories, as Hubot's shell is.
// On a terminal it prompts; with piped input it answers one line at a time and ends at EOF.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { consoleCaller } from '../../core/caller.js';
import type { Bot } from '../../core/bot.js';
import { parseLine } from '../../core/parse.js';
import type { Reply } from '../../core/reply.js';
import type { Adapter, AdapterContext } from '../adapter.js';
import { renderText } from './render-text.js';

export interface ConsoleOptions {
  input?: Readable;
  output?: Writable;
  /** Prompt and greet only when a person is typing. */
  interactive?: boolean;
}

/** Runs one typed line; null for a blank line. */
export async function runConsoleLine(bot: Bot, line: string): Promise<Reply | null> {
  const parsed = parseLine(line, bot.services.botName);
  if (parsed.kind === 'empty') return null;
  if (parsed.kind === 'command') return bot.runText(parsed.name, parsed.args, consoleCaller);
  return bot.mention(parsed.text, consoleCaller);
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
    const rl = createInterface({ input: this.input, output: this.interactive ? this.output : undefined, terminal: this.interactive });
    this.closeReadline = () => rl.close();
    // Ctrl-C on a terminal reaches readline, not the process: treat it as the end of the session.
    rl.on('SIGINT', () => rl.close());
    const name = this.bot.services.botName;
    if (this.interactive) {
      const count = this.context.library.size;
      this.output.write(`${name} console: ${count} stor${count === 1 ? 'y' : 'ies'} loaded. Type /help, /brief, or @${name} <question>. Ctrl-D to quit.\n`);
      rl.setPrompt(`${name}> `);
      rl.prompt();
    }
    this.done = (async () => {
      for await (const line of rl) {
        if (/^\s*(exit|quit|\/exit|\/quit)\s*$/i.test(line)) break;
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
