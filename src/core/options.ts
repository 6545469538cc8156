// Turns raw option values (strings typed in chat, or typed values from Discord) into a command's typed options.
import type { AnyCommand, OptionSpec } from './command.js';

export type RawOptions = Record<string, string | number | boolean | undefined>;

export type OptionsResult =
  { ok: true; values: Record<string, string | number | boolean>; notices: string[] } | { ok: false; error: string };

export function usage(command: AnyCommand): string {
  const parts = Object.entries(command.options as Record<string, OptionSpec>).map(([name, spec]) => {
    const shown =
      spec.type === 'string' && spec.positional === 'rest'
        ? `${optionUsage(name, spec)} (or just type it)`
        : optionUsage(name, spec);
    return spec.required ? shown : `[${shown}]`;
  });
  return [`/${command.name}`, ...parts].join(' ');
}

/** How one option is written: `length:short|medium|long`, `story:<text>`. */
export function optionUsage(name: string, spec: OptionSpec): string {
  const value =
    spec.type === 'string' && spec.choices
      ? spec.choices.join('|')
      : `<${spec.type === 'string' ? 'text' : spec.type}>`;
  return `${name}:${value}`;
}

function convert(
  name: string,
  spec: OptionSpec,
  raw: string | number | boolean,
  notices: string[],
): string | number | boolean | Error {
  switch (spec.type) {
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const word = String(raw).trim().toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(word)) return true;
      if (['false', 'no', 'off', '0'].includes(word)) return false;
      return new Error(`Option "${name}" must be true or false, not "${clip(String(raw))}".`);
    }
    case 'integer': {
      const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
      if (!Number.isInteger(n))
        return new Error(`Option "${name}" must be a whole number, not "${clip(String(raw))}".`);
      if (spec.min !== undefined && n < spec.min) return new Error(`Option "${name}" must be at least ${spec.min}.`);
      if (spec.max !== undefined && n > spec.max) return new Error(`Option "${name}" must be at most ${spec.max}.`);
      return n;
    }
    case 'string': {
      let text = String(raw).trim();
      if (spec.choices) {
        const hit = spec.choices.find((c) => c.toLowerCase() === text.toLowerCase());
        if (!hit) return new Error(`Option "${name}" must be one of ${spec.choices.join(', ')}, not "${clip(text)}".`);
        return hit;
      }
      if (spec.maxLength !== undefined && text.length > spec.maxLength) {
        text = text.slice(0, spec.maxLength);
        notices.push(
          `Your ${name} was longer than ${spec.maxLength} characters, so only the first ${spec.maxLength} were used.`,
        );
      }
      return text;
    }
  }
}

/** Validates raw values against the declaration: unknown names, required options, types and choices. */
export function resolveOptions(command: AnyCommand, raw: RawOptions): OptionsResult {
  const values: Record<string, string | number | boolean> = {};
  const notices: string[] = [];
  const specs = command.options as Record<string, OptionSpec>;
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const key = Object.keys(specs).find((k) => k.toLowerCase() === name.toLowerCase());
    if (!key) {
      const known = Object.keys(specs);
      const near = closest(name, known);
      return {
        ok: false,
        error: `/${command.name} has no option "${clip(name)}".${near ? ` Did you mean ${near}:${clip(String(value), 30)}?` : ''} ${known.length ? `Its options are: ${known.join(', ')}.` : 'It takes no options.'}`,
      };
    }
    const converted = convert(key, specs[key]!, value, notices);
    if (converted instanceof Error) return { ok: false, error: converted.message };
    if (typeof converted === 'string' && converted === '') continue;
    values[key] = converted;
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && values[name] === undefined) {
      return { ok: false, error: `/${command.name} needs the option "${name}" (${spec.description}).` };
    }
  }
  return { ok: true, values, notices };
}

/** Echoed user text is shortened so an error message can never become a wall of text. */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The known name nearest a mistyped one (at most 2 edits, 1 for names of 3 letters or fewer), if any. */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  const limit = word.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of known) {
    const d = editDistance(word, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
