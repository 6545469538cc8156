// Command declarations → Discord application command JSON, and the normal form used to tell whether what
// Discord already holds differs from what we would send.
import type { AnyCommand, OptionSpec } from '../../core/command.js';
import { headBeforeEllipsis } from '../shared/clip.js';

export const OPTION_TYPE = { string: 3, integer: 4, boolean: 5 } as const;
const DESCRIPTION_MAX = 100;
const CHOICES_MAX = 25;
const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

export interface DiscordOptionJson {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: Array<{ name: string; value: string }>;
  autocomplete?: boolean;
  min_value?: number;
  max_value?: number;
  max_length?: number;
}

export interface DiscordCommandJson {
  type: 1;
  name: string;
  description: string;
  options: DiscordOptionJson[];
}

/** Discord rejects descriptions over 100 characters; a longer one is shortened at a word with an ellipsis. */
export function shortDescription(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim() || '—';
  if (clean.length <= DESCRIPTION_MAX) return clean;
  return `${headBeforeEllipsis(clean, DESCRIPTION_MAX).replace(/[\s,;:.]+$/, '')}…`;
}

function commandName(name: string): string {
  const lower = name.toLowerCase();
  if (!NAME.test(lower))
    throw new Error(`"${name}" cannot be a Discord command or option name (1-32 letters, digits, - or _)`);
  return lower;
}

function optionJson(name: string, spec: OptionSpec): DiscordOptionJson {
  const out: DiscordOptionJson = {
    type: OPTION_TYPE[spec.type],
    name: commandName(name),
    description: shortDescription(spec.description),
  };
  if (spec.required) out.required = true;
  if (spec.type === 'string') {
    // Discord allows choices or autocomplete on one option, never both; fixed choices win.
    if (spec.choices?.length)
      out.choices = spec.choices.slice(0, CHOICES_MAX).map((c) => ({ name: c.slice(0, 100), value: c.slice(0, 100) }));
    else if (spec.autocomplete) out.autocomplete = true;
    if (spec.maxLength !== undefined) out.max_length = Math.min(Math.max(spec.maxLength, 1), 6000);
  }
  if (spec.type === 'integer') {
    if (spec.min !== undefined) out.min_value = spec.min;
    if (spec.max !== undefined) out.max_value = spec.max;
  }
  return out;
}

export function commandJson(command: AnyCommand): DiscordCommandJson {
  const options = Object.entries(command.options as Record<string, OptionSpec>).map(([name, spec]) =>
    optionJson(name, spec),
  );
  // Discord requires every required option to come before the optional ones; the sort is stable otherwise.
  options.sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required)));
  return { type: 1, name: commandName(command.name), description: shortDescription(command.description), options };
}

export function commandsJson(commands: readonly AnyCommand[]): DiscordCommandJson[] {
  return commands.map(commandJson);
}

/** The fields we control, with Discord's defaults filled in, so a fetched command and ours compare equal. */
function normaliseOption(option: Record<string, unknown>): Record<string, unknown> {
  return {
    type: option.type,
    name: option.name,
    description: option.description,
    required: Boolean(option.required),
    autocomplete: Boolean(option.autocomplete),
    choices: ((option.choices as Array<{ name: string; value: unknown }> | undefined) ?? []).map((c) => ({
      name: c.name,
      value: c.value,
    })),
    min_value: option.min_value ?? null,
    max_value: option.max_value ?? null,
    min_length: option.min_length ?? null,
    max_length: option.max_length ?? null,
  };
}

export function normaliseCommand(command: Record<string, unknown>): Record<string, unknown> {
  return {
    type: command.type ?? 1,
    name: command.name,
    description: command.description,
    options: ((command.options as Array<Record<string, unknown>> | undefined) ?? []).map(normaliseOption),
    default_member_permissions: command.default_member_permissions ?? null,
    nsfw: Boolean(command.nsfw),
  };
}

/** True when `remote` (what Discord holds) registers exactly the commands in `local`, in any order. */
export function sameCommands(local: readonly object[], remote: readonly object[]): boolean {
  const canon = (list: readonly object[]) =>
    JSON.stringify(
      list
        .map((c) => normaliseCommand(c as Record<string, unknown>))
        .sort((a, b) => String(a.name).localeCompare(String(b.name))),
    );
  return canon(local) === canon(remote);
}
