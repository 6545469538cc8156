import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

describe('npm start console, fed by a pipe', () => {
  it('answers one command per line and exits at EOF', async () => {
    const seed = readFileSync('seeds/000_bb36a7b359d2b11b.txt', 'utf8');
    const input = [
      '/summary',
      '/quotes',
      '/stories',
      '/summary length:long',
      '/nope',
      '/summary colour:red',
      '/help',
      '',
    ].join('\n');
    const result = await run('npm', ['start', '--silent'], { input });
    expect(result.code).toBe(0);
    const replies = result.stdout.trim().split(/\n\n(?===)/);
    expect(replies).toHaveLength(7);
    const [summary, quotes, stories, long, unknown, badOption, help] = replies as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];

    expect(summary).toMatch(/Original: \d+ words · this summary: \d+ words \(\d+% cut\)/);
    expect(summary).toContain('Source: seeds/000_bb36a7b359d2b11b.txt');
    // Every quote shown is verbatim from the article.
    const quoted = [...quotes.matchAll(/“(.+?)” — /g)].map((m) => m[1]!);
    expect(quoted.length).toBeGreaterThan(0);
    for (const q of quoted) expect(seed).toContain(q);
    expect(stories).toMatch(/Stories \(1\)/);
    expect(long.length).toBeGreaterThan(summary.length);
    expect(unknown).toContain('There is no /nope command');
    expect(unknown).toContain('/summary');
    expect(badOption).toContain('has no option "colour"');
    expect(badOption).toContain('length, story');
    for (const name of ['brief', 'summary', 'quotes', 'background', 'timeline', 'stories', 'help'])
      expect(help).toContain(`/${name}`);
    // Newsletter prompts and photo credits never reach a summary.
    expect(long).not.toMatch(/subscribe|daily emails|photo courtesy/i);
  });

  it('resolves story:<id> and quoted option values', async () => {
    const list = await run('npm', ['start', '--silent'], { input: '/stories\n' });
    const id = /id: (\S+)/.exec(list.stdout)![1]!;
    const result = await run('npm', ['start', '--silent'], {
      input: `/summary length:short story:${id}\n/summary story:"no such story at all"\n`,
    });
    const [found, missing] = result.stdout.trim().split(/\n\n(?===)/);
    expect(found).toContain(`story ${id}`);
    expect(missing).toContain('No story matches "no such story at all"');
  });
});

describe('npm start console: lines without a slash', () => {
  it('help, clear and exit do what they say; a lone word is told how commands are written', async () => {
    const input = ['help', 'clear', 'banana', '/quotes speaker:Kim Jong-un', 'exit', '/stories', ''].join('\n');
    const result = await run('npm', ['start', '--silent'], { input });
    expect(result.code).toBe(0);
    const replies = result.stdout.trim().split(/\n\n(?===|Commands)/);
    // help, banana, /quotes: clear prints nothing when piped, and nothing after exit runs.
    expect(replies).toHaveLength(3);
    const [help, banana, quotes] = replies as [string, string, string];
    expect(help).toContain('briefbot: news briefings');
    expect(banana).toContain('Commands start with /; type /help');
    expect(quotes).not.toContain('No story matches');
    expect(quotes).toContain('Kim Jong-un');
    expect(result.stdout).not.toContain('Stories (');
    expect(result.stdout).not.toContain('in my sources');
  });
});

describe('console shutdown', () => {
  it('exits cleanly on SIGTERM while waiting for input', async () => {
    const { spawn } = await import('node:child_process');
    const { QUIET_ENV, ROOT } = await import('./helpers.js');
    const child = spawn(process.execPath, ['bin/briefbot.mjs', 'start'], {
      cwd: ROOT,
      env: { ...process.env, ...QUIET_ENV, LOG_LEVEL: 'info' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    // Answering one command proves start-up finished and the signal handler is in place.
    child.stdin.write('/stories\n');
    await new Promise<void>((resolve) => child.stdout.on('data', () => stdout.includes('Stories (') && resolve()));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr).toContain('shutting down');
  });
});
