import { describe, expect, it } from 'vitest';
import { createLogger, scrub } from '../../src/log.js';

describe('logger', () => {
  it('scrubs configured secrets from messages, fields and errors', () => {
    const lines: string[] = [];
    const log = createLogger({ secrets: ['hunter2-secret-token'], destination: { write: (l: string) => lines.push(l) } });
    log.info({ detail: 'auth with hunter2-secret-token failed' }, 'token hunter2-secret-token rejected');
    log.error({ err: new Error('bad hunter2-secret-token') }, 'boom');
    log.info({ token: 'anything', headers: { authorization: 'Bot abc' } }, 'request');
    const all = lines.join('');
    expect(all).not.toContain('hunter2-secret-token');
    expect(all).not.toContain('Bot abc');
    expect(all.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('scrubs token-shaped strings even when they were never configured', () => {
    expect(scrub('slack xoxb-1234-5678-abcdefgh and app xapp-1-A1-123456789')).toBe('slack [redacted] and app [redacted]');
    const discordShaped = `${'M'.repeat(24)}.${'G'.repeat(6)}.${'x'.repeat(38)}`;
    expect(scrub(`token ${discordShaped}`)).toBe('token [redacted]');
  });

  it('writes readable lines when pretty', () => {
    const lines: string[] = [];
    const log = createLogger({ pretty: true, destination: { write: (l: string) => lines.push(l) } });
    log.warn({ file: 'a.txt' }, 'skipped a.txt: it is empty');
    expect(lines).toEqual(['warn  skipped a.txt: it is empty\n']);
  });
});
