// A command is declared once, as data plus a handler. Discord, Slack, the console and the CLI are generated from it.
import type { Reply } from './reply.js';
import type { Library } from '../library/library.js';
import type { DigestService } from '../digest/service.js';

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

export type Platform = 'console' | 'cli' | 'discord' | 'slack';

export interface Caller {
  platform: Platform;
  userId: string;
  /** Where the command was typed: `discord:<channel id>`, `slack:<channel id>`, `console:local`. */
  channelId: string;
  /** May manage schedules (Manage Server on Discord, SLACK_ADMIN_USER_IDS on Slack, always on the console). */
  isAdmin: boolean;
  guildId?: string;
}

/** Services a command may use besides the library; optional ones are absent where not configured. */
export interface Services {
  library: Library;
  /** The registry, for /help and suggestions. */
  commands: readonly AnyCommand[];
  botName: string;
  now: () => Date;
  /** Filled by the digest feature; commands that need it reply with a clear notice when it is absent. */
  digests?: DigestService;
}

export interface CommandContext<O extends OptionSpecs = OptionSpecs> extends Services {
  options: OptionValues<O>;
  caller: Caller;
  /** Notices produced while parsing (a question cut to length, say), for the handler to show. */
  notices: string[];
}

export interface Command<O extends OptionSpecs = OptionSpecs> {
  name: string;
  description: string;
  options: O;
  /** Replies are only shown to the caller (help). Errors always are. */
  ephemeral?: boolean;
  /** Example invocations shown by /help. */
  examples?: string[];
  run(ctx: CommandContext<O>): Reply | Promise<Reply>;
}

/** Keeps the option types of one command precise while letting the registry hold them all. */
export function defineCommand<const O extends OptionSpecs>(command: Command<O>): Command<O> {
  return command;
}

// Commands with different option shapes share one registry; handlers are only ever called through `runCommand`,
// which validates options against the declaration first.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any>;
