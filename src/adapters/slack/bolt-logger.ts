// Bolt, the Web API client and the Socket Mode client log through this, so their lines go through pino and its
// secret scrubbing like every other line the bot writes.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../log.js';

const TO_SLACK: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
};

function line(parts: unknown[]): { msg: string; err?: Error } {
  const err = parts.find((p): p is Error => p instanceof Error);
  const msg = parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : safeJson(p))).join(' ');
  return err ? { msg, err } : { msg };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function boltLogger(log: Logger): SlackLogger {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]) => {
      const { msg, err } = line(parts);
      // The client logs each failed try anonymously; retry.ts logs the same try counted and naming Slack.
      if (level === 'warn' && msg.startsWith('http request failed')) return log.debug(`Slack Web API: ${msg}`);
      if (err) log[level]({ err }, msg);
      else log[level](msg);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // The level is pino's, set from LOG_LEVEL; Bolt's own setLevel calls are ignored.
    setLevel: () => {},
    getLevel: () => TO_SLACK[log.level] ?? LogLevel.ERROR,
    setName: () => {},
  };
}
