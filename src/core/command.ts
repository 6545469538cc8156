// A command is declared once, as data plus a handler. Discord, Slack, the console and the CLI are generated from it.
// The services a handler receives are the app's business: the core asks only for what the dispatcher itself uses
// (CoreServices), and commands/services.ts declares the rest (stories, questions, digests), which app.ts supplies.
import type { Caller } from './caller.js';
import type { Reply } from './reply.js';

export interface StringOption {
  type: 'string';
  description: string;
  required?: boolean;
  choices?: readonly string[];
  /** Offer the loaded stories as suggestions (Discord autocomplete). */
  autocomplete?: 'story';
  maxLength?: number;
  /** In typed text ("/digest subscribe"), bare words fill positional options in order; 'rest' takes all that is left. */
  positional?: boolean | 'rest';
  /** Free text: words shaped like `name:value` stay part of the text instead of being read as options. */
  freeText?: boolean;
  /**
   * Several words without quotes: typed `name:value`, the value runs on over the bare words after it, up to the
   * next option (`speaker:Kim Jong-un`, `question:who is Ri?`). For names, free text and story words.
   */
  multiWord?: boolean;
}

export interface IntegerOption {
  type: 'integer';
  description: string;
  required?: boolean;
  min?: number;
  max?: number;
  positional?: boolean;
}

export interface BooleanOption {
  type: 'boolean';
  description: string;
  required?: boolean;
}

export type OptionSpec = StringOption | IntegerOption | BooleanOption;
export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S extends OptionSpec> = S extends { type: 'string'; choices: readonly (infer C)[] }
  ? C
  : S extends { type: 'string' }
    ? string
    : S extends { type: 'integer' }
      ? number
      : boolean;

type RequiredKeys<O extends OptionSpecs> = { [K in keyof O]: O[K] extends { required: true } ? K : never }[keyof O];
type OptionalKeys<O extends OptionSpecs> = Exclude<keyof O, RequiredKeys<O>>;

/** The typed options a handler receives, inferred from its declaration. */
export type OptionValues<O extends OptionSpecs> = { [K in RequiredKeys<O>]: ValueOf<O[K]> } & {
  [K in OptionalKeys<O>]?: ValueOf<O[K]>;
};

/** What the dispatcher needs of the services: the registry (for /help and suggestions), the bot's name, a clock. */
export interface CoreServices {
  commands: readonly AnyCommand[];
  botName: string;
  now: () => Date;
}

/** What a handler is called with: the services `S` (as app.ts built them) and this call's options and caller. */
export type CommandContext<O extends OptionSpecs = OptionSpecs, S extends CoreServices = CoreServices> = S & {
  options: OptionValues<O>;
  caller: Caller;
  /** Notices produced while parsing (a question cut to length, say), for the handler to show. */
  notices: string[];
};

export interface Command<O extends OptionSpecs = OptionSpecs, S extends CoreServices = CoreServices> {
  name: string;
  description: string;
  options: O;
  /** Replies are only shown to the caller (help). Errors always are. */
  ephemeral?: boolean;
  /** Example invocations shown by /help. */
  examples?: string[];
  run(ctx: CommandContext<O, S>): Reply | Promise<Reply>;
}

/** Keeps the option types of one command precise while letting the registry hold them all. */
export function defineCommand<const O extends OptionSpecs, S extends CoreServices = CoreServices>(
  command: Command<O, S>,
): Command<O, S> {
  return command;
}

// Commands with different option shapes share one registry; handlers are only ever called through `runCommand`,
// which validates options against the declaration first.
export type AnyCommand = Command<any, any>;
