// The platform-neutral bot: finds a command, validates its options, runs it, and turns every failure into a reply.
// Every adapter (console, CLI, Discord, Slack, scheduled digests) goes through here.
import type { Logger } from 'pino';
import type { Caller } from './caller.js';
import type { AnyCommand, CoreServices } from './command.js';
import { editDistance, resolveOptions, usage, type RawOptions } from './options.js';
import { argsToOptions } from './parse.js';
import { errorReply, type Reply } from './reply.js';

export interface Bot<S extends CoreServices = CoreServices> {
  /** What every command is called with (app.ts decides what is in them besides the core's own). */
  readonly services: S;
  readonly log: Logger;
  find(name: string): AnyCommand | undefined;
  /** Runs a command with raw values (typed by the platform, or strings typed by a person). */
  run(name: string, raw: RawOptions, caller: Caller): Promise<Reply>;
  /** Runs a command from the text typed after its name (`speaker:Kim story:"north korea"`). */
  runText(name: string, args: string, caller: Caller): Promise<Reply>;
  /** Answers a mention of the bot: a lone link is briefed, any other text goes to the question command. */
  mention(text: string, caller: Caller): Promise<Reply>;
}

export const QUESTION_COMMAND = 'ask';
/** The command a mention that is only a link runs. */
export const LINK_COMMAND = 'brief';

/** What a command came to, for metrics: a reply, a clear refusal, options that did not parse, or a crash. */
export type CommandOutcome = 'ok' | 'refused' | 'invalid' | 'failed';
export type ObserveCommand = (command: string, outcome: CommandOutcome, seconds: number) => void;

export function createBot<S extends CoreServices>(services: S, log: Logger, observe?: ObserveCommand): Bot<S> {
  const find = (name: string) => services.commands.find((c) => c.name === name.toLowerCase().replace(/^\//, ''));

  const unknown = (name: string): Reply => {
    const names = services.commands.map((c) => c.name);
    const close = names.filter((n) => editDistance(n, name.toLowerCase()) <= 2);
    return errorReply(
      `There is no /${name.slice(0, 40)} command.${close.length ? ` Did you mean /${close[0]}?` : ''}`,
      `Commands: ${names.map((n) => `/${n}`).join(', ')}. Try /help.`,
    );
  };

  const execute = async (command: AnyCommand, raw: RawOptions, caller: Caller): Promise<Reply> => {
    const started = performance.now();
    const seen = (outcome: CommandOutcome) => observe?.(command.name, outcome, (performance.now() - started) / 1000);
    const resolved = resolveOptions(command, raw);
    if (!resolved.ok) {
      seen('invalid');
      return errorReply(resolved.error, `Usage: ${usage(command)}`);
    }
    try {
      const reply = await command.run({ ...services, options: resolved.values, caller, notices: resolved.notices });
      seen(reply.kind === 'error' ? 'refused' : 'ok');
      log.debug(
        { command: command.name, platform: caller.platform, ms: Math.round(performance.now() - started) },
        'command ran',
      );
      const withNotices = resolved.notices.length
        ? {
            ...reply,
            sections: [
              { blocks: resolved.notices.map((text) => ({ type: 'text' as const, text })) },
              ...reply.sections,
            ],
          }
        : reply;
      return command.ephemeral || reply.kind === 'error' ? { ...withNotices, ephemeral: true } : withNotices;
    } catch (error) {
      seen('failed');
      log.error({ command: command.name, platform: caller.platform, err: error }, 'command failed');
      return errorReply(`Something went wrong running /${command.name}. It has been logged; please try again.`);
    }
  };

  const bot: Bot<S> = {
    services,
    log,
    find,
    run: async (name, raw, caller) => {
      const command = find(name);
      return command ? execute(command, raw, caller) : unknown(name);
    },
    runText: async (name, args, caller) => {
      const command = find(name);
      if (!command) return unknown(name);
      const parsed = argsToOptions(command, args);
      if (!parsed.ok) return errorReply(parsed.error, `Usage: ${usage(command)}`);
      return withHints(await execute(command, parsed.raw, caller), parsed.hints);
    },
    mention: async (text, caller) => {
      // A mention that is only a link briefs it (Slack wraps links in <…>).
      const link = /^\s*<?(https?:\/\/[^\s<>|]+)(?:\|[^>]*)?>?\s*$/i.exec(text)?.[1];
      const brief = link ? find(LINK_COMMAND) : undefined;
      if (link && brief && 'url' in brief.options) return execute(brief, { url: link }, caller);
      const ask = find(QUESTION_COMMAND);
      if (!ask) return errorReply('Questions are not available in this build.', 'Try /help.');
      if (!text.trim())
        return errorReply(
          `Ask me a question about the news, e.g. @${services.botName} who is quoted?`,
          'Or try /help.',
        );
      const question = Object.keys(ask.options)[0]!;
      return execute(ask, { [question]: text }, caller);
    },
  };
  return bot;
}

/** A failed reply with the parser's hints ("Did you mean length:long?") added; any other reply as it is. */
export function withHints(reply: Reply, hints: readonly string[] | undefined): Reply {
  if (!hints?.length || reply.kind !== 'error') return reply;
  const [first, ...others] = reply.sections;
  const hint = { type: 'text' as const, text: hints.join(' ') };
  return {
    ...reply,
    sections: first ? [{ ...first, blocks: [...first.blocks, hint] }, ...others] : [{ blocks: [hint] }],
  };
}

export { editDistance } from './options.js';
