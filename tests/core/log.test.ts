import { describe, expect, it } from 'vitest';
import { createLogger, prettyLogs, scrub } from '../../src/log.js';

describe('logger', () => {
  it('scrubs configured secrets from messages, fields and errors', () => {
    const lines: string[] = [];
    const log = createLogger({
      secrets: ['hunter2-secret-token'],
      destination: { write: (l: string) => lines.push(l) },
    });
    log.info({ detail: 'auth with hunter2-secret-token failed' }, 'token hunter2-secret-token rejected');
    log.error({ err: new Error('bad hunter2-secret-token') }, 'boom');
    log.info({ token: 'anything', headers: { authorization: 'Bot abc' } }, 'request');
    const all = lines.join('');
    expect(all).not.toContain('hunter2-secret-token');
    expect(all).not.toContain('Bot abc');
    expect(all.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('scrubs token-shaped strings even when they were never configured', () => {
    expect(scrub('slack xoxb-1234-5678-abcdefgh and app xapp-1-A1-123456789')).toBe(
      'slack [redacted] and app [redacted]',
    );
    const discordShaped = `${'M'.repeat(24)}.${'G'.repeat(6)}.${'x'.repeat(38)}`;
    expect(scrub(`token ${discordShaped}`)).toBe('token [redacted]');
  });

  it('writes readable lines when pretty', () => {
    const lines: string[] = [];
    const log = createLogger({ pretty: true, destination: { write: (l: string) => lines.push(l) } });
    log.warn({ file: 'a.txt' }, 'skipped a.txt: it is empty');
    expect(lines).toEqual(['warn  skipped a.txt: it is empty\n']);
  });

  it('names the platform a readable line came from, and the reason of its error', () => {
    const lines: string[] = [];
    const log = createLogger({ pretty: true, destination: { write: (l: string) => lines.push(l) } }).child({
      platform: 'slack',
    });
    log.warn({ err: new Error('connect ECONNREFUSED') }, 'http request failed');
    expect(lines).toEqual(['warn  [slack] http request failed (connect ECONNREFUSED)\n']);
  });

  it('prints readably in console mode on a terminal, JSON otherwise, unless LOG_FORMAT says which', () => {
    expect(prettyLogs('auto', { tty: true, consoleMode: true })).toBe(true);
    expect(prettyLogs('auto', { tty: false, consoleMode: true })).toBe(false);
    expect(prettyLogs('auto', { tty: true, consoleMode: false })).toBe(false);
    expect(prettyLogs('json', { tty: true, consoleMode: true })).toBe(false);
    expect(prettyLogs('pretty', { tty: false, consoleMode: false })).toBe(true);
  });
});
