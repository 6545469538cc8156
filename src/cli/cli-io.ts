// What every CLI verb shares: its input and output, the usage error it throws, and the argv reader.

export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  env?: Record<string, string | undefined>;
  /** Log sink; stderr by default. */
  logDestination?: { write(line: string): unknown };
  /** Standard input, read whole (`briefbot ask --json` with no question reads questions from it). */
  readInput?: () => Promise<string>;
}

export const defaultIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readInput: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

export class UsageError extends Error {}

export interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/** `--name value`, `--name=value` and bare `--flag`; a flag followed by another flag (or nothing) is boolean. */
export function parseArgv(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--([A-Za-z][\w-]*)(?:=([\s\S]*))?$/.exec(arg);
    if (!m) {
      positional.push(arg);
      continue;
    }
    if (m[2] !== undefined) flags.set(m[1]!, m[2]);
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags.set(m[1]!, argv[++i]!);
    else flags.set(m[1]!, true);
  }
  return { positional, flags };
}

export const GLOBAL_FLAGS = new Set(['json', 'seeds', 'console', 'help']);

/** The flags each verb that is not a command takes (besides --help and --version); a command takes its options too. */
