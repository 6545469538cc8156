// The command line shows command-line syntax. Replies and parser errors are written in chat syntax ("/summary
// length:long", "Use /stories"); this rewrites them from the command declarations: every declared command
// `/name` becomes `briefbot name`, and every declared option `name:value` becomes `--name value`. A command after
// "the bot's" is advice about chat and stays.
import type { AnyCommand } from '../core/command.js';
import { mapReplyText, type Reply } from '../core/reply.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

export interface CliSyntax {
  text(text: string): string;
  reply(reply: Reply): Reply;
}

export function cliSyntax(commands: readonly AnyCommand[]): CliSyntax {
  const names = commands.map((c) => c.name);
  const optionNames = [...new Set(commands.flatMap((c) => Object.keys(c.options as object)))];
  // "the bot's /digest now" names the chat command on purpose (what to type in a channel) and stays as written.
  const command = new RegExp(`(?<!bot's)(^|[\\s(\\[“"'\`])/(${names.map(escape).join('|')})(?![\\w-])`, 'g');
  // `length:long`, `[story:<text>]`, `speaker:"Kim"`, `url:https://…`; a colon then a space is prose.
  const option = optionNames.length
    ? new RegExp(`(^|[\\s(\\[“"'\`])(${optionNames.map(escape).join('|')}):(?=\\S)`, 'g')
    : null;
  const text = (t: string) => {
    const renamed = t.replace(command, (_m, lead: string, name: string) => `${lead}briefbot ${name}`);
    return option ? renamed.replace(option, (_m, lead: string, name: string) => `${lead}--${name} `) : renamed;
  };
  return {
    text,
    reply: (reply) => mapReplyText(reply, text),
  };
}
