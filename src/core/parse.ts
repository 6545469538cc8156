// Reads a typed command line ("/quotes speaker:Kim story:\"north korea\"") into a command name and raw options.
// The console and Slack share it, so an option is written the same way everywhere.
import type { AnyCommand, OptionSpec } from './command.js';
import type { RawOptions } from './options.js';

export interface Token {
  /** The token's text with its quotes removed. */
  value: string;
  /** `name` when the token was written `name:value`. */
  name?: string;
}

const OPEN_TO_CLOSE: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };

/** Splits on white space, keeping quoted runs together; a quote may follow `name:`. Unclosed quotes run to the end. */
export function tokenize(input: string): Token[] {
  return scan(input).map(({ value, name }) => (name === undefined ? { value } : { name, value }));
}

interface Scanned extends Token {
  /** The value was written in quotes (so it is whole, and never runs on). */
  quoted: boolean;
}

function scan(input: string): Scanned[] {
  const tokens: Scanned[] = [];
  let i = 0;
  const text = input.trim();
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let name: string | undefined;
    // A link ("https://…") is a value, not an option named "https".
    const named = /^([A-Za-z][\w-]*):(?=\S)(?!\/\/)/.exec(text.slice(i));
    if (named) {
      name = named[1]!;
      i += named[0].length;
    }
    let value = '';
    const open = text[i]!;
    const close = OPEN_TO_CLOSE[open];
    if (close) {
      const end = text.indexOf(close, i + 1);
      value = end === -1 ? text.slice(i + 1) : text.slice(i + 1, end);
      i = end === -1 ? text.length : end + 1;
      // Text glued to the closing quote stays part of the token (`"a"b` is one token).
      while (i < text.length && !/\s/.test(text[i]!)) value += text[i++];
    } else {
      while (i < text.length && !/\s/.test(text[i]!)) value += text[i++];
    }
    tokens.push(name === undefined ? { value, quoted: Boolean(close) } : { name, value, quoted: Boolean(close) });
  }
  return tokens;
}

export type ParsedLine =
  | { kind: 'empty' }
  | { kind: 'command'; name: string; args: string }
  /** `bare`: typed with neither a slash nor a mention (on the console, only a question goes on to /ask). */
  | { kind: 'mention'; text: string; bare?: true };

/** Classifies one typed line: `/name args`, a mention of the bot (`@briefbot …`), or nothing. */
export function parseLine(line: string, botName = 'briefbot'): ParsedLine {
  const text = line.trim();
  if (!text) return { kind: 'empty' };
  const mention = new RegExp(`^@${botName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b[:,]?\\s*`, 'i').exec(text);
  if (mention) return { kind: 'mention', text: text.slice(mention[0].length) };
  const command = /^\/([\w-]+)\s*([\s\S]*)$/.exec(text);
  if (command) return { kind: 'command', name: command[1]!.toLowerCase(), args: command[2]! };
  return { kind: 'mention', text, bare: true };
}

const QUESTION_WORDS = new Set(
  'who whom whose what when where why how which is are was were am do does did can could will would should shall may might must has have had tell explain list show give summarise summarize find'.split(
    ' ',
  ),
);

/**
 * Whether a line typed without a slash reads as a question: it has a question mark, opens with a question word
 * ("who", "did", "tell me…"), or is a phrase of three words or more. A word or two ("clear", "Kim Jong-un") is not.
 */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  if (t.includes('?')) return true;
  const words = t.split(/\s+/).filter(Boolean);
  if (words.length === 0) return false;
  if (words.length >= 2 && QUESTION_WORDS.has(words[0]!.toLowerCase().replace(/[^a-z]/g, ''))) return true;
  return words.length >= 3;
}

export type ArgsResult = { ok: true; raw: RawOptions; hints?: string[] } | { ok: false; error: string };

/**
 * Assigns tokens to options: `name:value` to that option (when the command declares it), bare words to
 * positional options in order, and whatever is left to the option declared `positional: 'rest'`. An option
 * declared `multiWord`, written `name:value` without quotes, takes the bare words after it up to the next option.
 * `hints` are for when the command then fails: a bare word that is a choice of an option ("long" for length:long).
 */
export function argsToOptions(command: AnyCommand, args: string): ArgsResult {
  const specs = Object.entries(command.options as Record<string, OptionSpec>);
  const declared = (name: string) => specs.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[0];
  const rest = specs.find(([, s]) => s.type === 'string' && s.positional === 'rest');
  const freeText = rest !== undefined && rest[1].type === 'string' && rest[1].freeText === true;
  const positional = specs.filter(([, s]) => s.type !== 'boolean' && s.positional === true).map(([k]) => k);
  const multiWord = (key: string) => specs.some(([k, s]) => k === key && s.type === 'string' && s.multiWord === true);
  const raw: RawOptions = {};
  const leftover: string[] = [];
  const hints: string[] = [];
  /** The multiWord option still taking words, if any. */
  let running: string | undefined;
  /** The last option written `name:value` without quotes: the one a stray word most likely belongs to. */
  let lastUnquoted: string | undefined;
  const runOn = (word: string): boolean => {
    if (running === undefined) return false;
    raw[running] = `${String(raw[running])} ${word}`;
    return true;
  };
  for (const token of scan(args)) {
    if (token.name !== undefined) {
      const key = declared(token.name);
      if (key) {
        raw[key] = token.value;
        running = !token.quoted && multiWord(key) ? key : undefined;
        lastUnquoted = token.quoted ? undefined : key;
        continue;
      }
      if (!freeText) {
        // Let resolveOptions name the unknown option and list the real ones.
        raw[token.name] = token.value;
        running = undefined;
        continue;
      }
      if (runOn(`${token.name}:${token.value}`)) continue;
      leftover.push(`${token.name}:${token.value}`);
      continue;
    }
    if (runOn(token.value)) continue;
    const slot = positional.find((k) => raw[k] === undefined);
    if (slot && leftover.length === 0) raw[slot] = token.value;
    else {
      leftover.push(token.value);
      const choice = choiceFor(specs, raw, token.value);
      if (choice) hints.push(`Did you mean ${choice}:${token.value.toLowerCase()}?`);
    }
  }
  if (leftover.length) {
    const words = leftover.join(' ').slice(0, 60);
    const quote = lastUnquoted
      ? ` To give ${lastUnquoted} several words, put them in quotes: ${lastUnquoted}:"${String(raw[lastUnquoted]).slice(0, 60)} ${words}".`
      : '';
    if (!rest) return { ok: false, error: `/${command.name} did not expect "${words}".${quote}` };
    if (raw[rest[0]] !== undefined) return { ok: false, error: `/${command.name} got ${rest[0]} twice.${quote}` };
    raw[rest[0]] = leftover.join(' ');
  }
  return hints.length ? { ok: true, raw, hints } : { ok: true, raw };
}

/** The option (not yet given) that has `word` among its choices. */
function choiceFor(specs: Array<[string, OptionSpec]>, raw: RawOptions, word: string): string | undefined {
  const w = word.toLowerCase();
  return specs.find(
    ([k, s]) => raw[k] === undefined && s.type === 'string' && s.choices?.some((c) => c.toLowerCase() === w),
  )?.[0];
}
