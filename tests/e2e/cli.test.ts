import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Briefing } from '../../src/briefing/types.js';
import { briefbot } from './helpers.js';

describe('briefbot CLI', () => {
  it('derive --json prints one Briefing per document, with source set to the path', async () => {
    const result = await briefbot(['derive', 'seeds', '--json']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const briefing = JSON.parse(lines[0]!) as Briefing;
    expect(briefing.source).toBe('seeds/000_bb36a7b359d2b11b.txt');
    expect(briefing.id).toMatch(/^[a-z0-9-]+$/);
    for (const key of ['title', 'summary', 'background', 'quotes', 'socialPosts', 'entities', 'timeline'] as const)
      expect(briefing).toHaveProperty(key);
    expect(briefing.summary.tldr.length).toBeGreaterThan(20);
  });

  it('derive takes files and folders together and names what it skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-derive-'));
    writeFileSync(
      join(dir, 'a.txt'),
      'Officials said on Monday that the bridge would reopen. “It is safe,” the mayor said.\n',
    );
    writeFileSync(join(dir, 'empty.md'), '');
    const result = await briefbot(['derive', dir, 'seeds/000_bb36a7b359d2b11b.txt', '--json']);
    const sources = result.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as Briefing).source);
    expect(sources).toEqual([`${dir}/a.txt`, 'seeds/000_bb36a7b359d2b11b.txt']);
    expect(result.stderr).toContain(`skipped ${dir}/empty.md: it is empty`);
    expect(result.code).toBe(1);
  });

  it('runs a command once, as text or as its data with --json', async () => {
    const text = await briefbot(['summary', '--length', 'short']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Original:');
    const json = await briefbot(['quotes', '--json']);
    const data = JSON.parse(json.stdout) as { quotes: Array<{ text: string; speaker: string | null }> };
    expect(data.quotes.length).toBeGreaterThan(0);
  });

  it.each([
    [['nonsense'], 'unknown command "nonsense"'],
    [['summary', '--length', 'huge'], 'must be one of short, medium, long'],
    [['summary', '--colour', 'red'], 'unknown option --colour'],
    [['summary', '--length'], '--length needs a value'],
    [['derive'], 'Usage: briefbot derive'],
    [['quotes', '--seeds'], '--seeds needs a folder'],
  ])('exits 2 with a clear message for a bad argument: %j', async (args, message) => {
    const result = await briefbot(args);
    expect(result.code).toBe(2);
    expect(result.stderr + result.stdout).toContain(message);
  });

  it('exits 2 naming the key when the environment is malformed', async () => {
    const result = await briefbot(['stories'], { env: { SLACK_PORT: 'eighty' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SLACK_PORT');
  });

  it('reads name:value words whose value the shell unquoted (schedule:"daily 07:30")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-cli-db-'));
    const result = await briefbot(
      ['digest', 'subscribe', 'schedule:daily 07:30', 'timezone:Europe/London', 'channel:console:local'],
      {
        env: { DATABASE_PATH: join(dir, 'state.db') },
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('07:30');
  });

  it('--seeds DIR loads another folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-seeds-'));
    writeFileSync(
      join(dir, 'harbour.txt'),
      'Harbour reopens after storm\nThe city harbour reopened on Tuesday after a week of repairs, officials said.\n',
    );
    const result = await briefbot(['stories', '--seeds', dir, '--json']);
    // One JSON line per story, each with its articles.
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { title: string; articles: Array<{ source: string; outlet: string | null }> });
    expect(lines.map((s) => s.title)).toEqual(['Harbour reopens after storm']);
    expect(lines[0]!.articles).toHaveLength(1);
  });

  it('--version prints the version in package.json and exits 0', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    const result = await briefbot(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`briefbot ${version}`);
  });

  it.each([
    [['--foo'], '--foo'],
    [['start', '--bogus'], '--bogus'],
    [['derive', 'seeds', '--jsno'], 'Did you mean --json?'],
    [['summary', '--lenght', 'long'], 'Did you mean --length?'],
  ])('an unknown flag exits 2 naming it, without starting the bot: %j', async (args, message) => {
    const result = await briefbot(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('a command named like a CLI verb keeps its own options (feed list --channel)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-cli-feed-'));
    const result = await briefbot(['feed', 'list', '--channel', 'console:x'], {
      env: { DATABASE_PATH: join(dir, 'state.db') },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('briefbot feed add --url');
  });

  it('a name of several words needs no shell quotes (--speaker Kim Jong-un)', async () => {
    const result = await briefbot(['quotes', '--speaker', 'Kim', 'Jong-un']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Quotes from Kim Jong-un');
  });

  it('help shows command-line syntax, made from the declarations', async () => {
    const result = await briefbot(['help', 'summary']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: briefbot summary [--length short|medium|long]');
    expect(result.stdout).toContain('briefbot summary --length long');
    expect(result.stdout).not.toMatch(/length:|\/summary/);
  });

  it('a refusal goes to stderr in command-line syntax, with a non-zero exit', async () => {
    const missing = await briefbot(['brief', '--story', 'no such story at all']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('Use briefbot stories to see what is loaded');
    expect(missing.stderr).not.toContain('/stories');
    const bare = await briefbot(['summary', 'long']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Did you mean --length long?');
  });
});
