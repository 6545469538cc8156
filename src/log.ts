// Structured logs (pino) to stderr, with every configured secret scrubbed from every line before it is written.
import { pino, type Logger } from 'pino';

export type { Logger };

export interface LogOptions {
  level?: string;
  secrets?: readonly string[];
  /** Where lines go; stderr by default so console replies on stdout stay clean. */
  destination?: { write(line: string): unknown };
  /** One readable line per entry ("warn  skipped seeds/x.txt: it is empty") instead of JSON, for terminals. */
  pretty?: boolean;
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** pino's JSON line as one readable line: level, the platform it came from, the message and an error's reason. */
export function prettyLine(json: string): string {
  try {
    const entry = JSON.parse(json) as { level: number; msg?: string; platform?: string; err?: { message?: string } };
    const msg = entry.msg ?? '';
    const err = entry.err?.message && !msg.includes(entry.err.message) ? ` (${entry.err.message})` : '';
    const from = entry.platform && !msg.toLowerCase().includes(entry.platform) ? `[${entry.platform}] ` : '';
    return `${(LEVELS[entry.level] ?? 'log').padEnd(5)} ${from}${msg}${err}\n`;
  } catch {
    return json;
  }
}

/**
 * Whether log lines are printed readably: LOG_FORMAT=pretty or json decides; auto means readable only for a person
 * at a terminal in console mode (a platform bot's logs usually go to a collector that wants JSON).
 */
export function prettyLogs(format: string, where: { tty: boolean; consoleMode: boolean }): boolean {
  if (format === 'pretty') return true;
  if (format === 'json') return false;
  return where.tty && where.consoleMode;
}

/** Replaces each secret (and anything shaped like a Slack or Discord token) with a marker. */
export function scrub(line: string, secrets: readonly string[] = []): string {
  let out = line;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return out
    .replace(/\bx(?:ox[abposr]|app)-[A-Za-z0-9-]{8,}/g, '[redacted]')
    .replace(/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}\b/g, '[redacted]');
}

export function createLogger(options: LogOptions = {}): Logger {
  const sink = options.destination ?? process.stderr;
  const secrets = options.secrets ?? [];
  return pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      redact: {
        paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'],
        censor: '[redacted]',
      },
    },
    { write: (line: string) => sink.write(scrub(options.pretty ? prettyLine(line) : line, secrets)) },
  );
}

export const silentLogger: Logger = pino({ level: 'silent' });
