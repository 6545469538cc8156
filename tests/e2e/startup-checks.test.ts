// Start-up checks, as a newcomer meets them: a bad DATABASE_PATH or a missing seeds folder stops the bot with one
// clear line naming the setting (exit 2, no stack trace); a missing default seeds folder is one warning.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { briefbot, ROOT, run } from './helpers.js';

let dir: string;
let seeds: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-startup-'));
  seeds = join(dir, 'seeds');
  mkdirSync(seeds);
  writeFileSync(
    join(seeds, 'ferry.txt'),
    'Ferry returns to service\n\nThe island ferry returns to service on Saturday after repairs, the operator said.\n',
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function expectOneClearLine(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |"stack"/);
}

it('stops at start when DATABASE_PATH is under a file, naming the key and the reason', async () => {
  writeFileSync(join(dir, 'notes.txt'), 'not a folder');
  const r = await briefbot(['start', '--seeds', seeds], {
    env: { DATABASE_PATH: join(dir, 'notes.txt', 'briefbot.db'), LOG_LEVEL: 'warn' },
  });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('DATABASE_PATH');
  expect(r.stderr).toContain(
    `DATABASE_PATH (${join(dir, 'notes.txt', 'briefbot.db')}) cannot be used: ${join(dir, 'notes.txt')} is a file, not a folder`,
  );
  expectOneClearLine(r.stderr);
});

it('stops at start when DATABASE_PATH is a folder', async () => {
  const r = await briefbot(['start', '--seeds', seeds], { env: { DATABASE_PATH: dir, LOG_LEVEL: 'warn' } });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`DATABASE_PATH (${dir}) cannot be used: it is a folder`);
  expectOneClearLine(r.stderr);
});

it('stops a one-shot command too when DATABASE_PATH is unusable, and reports a damaged file before anything reads it', async () => {
  const bad = await briefbot(['digest', 'list', '--seeds', seeds], { env: { DATABASE_PATH: dir } });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('DATABASE_PATH');
  expectOneClearLine(bad.stderr);
  const damaged = join(dir, 'damaged.db');
  writeFileSync(damaged, 'this is not a SQLite database, only text long enough to be read as a header of one');
  const r = await briefbot(['start', '--seeds', seeds], { env: { DATABASE_PATH: damaged } });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`DATABASE_PATH (${damaged}) could not be opened: file is not a database`);
  expectOneClearLine(r.stderr);
});

it('opens and migrates the database at start, so a good path works', async () => {
  const db = join(dir, 'data', 'briefbot.db');
  const r = await briefbot(['start', '--seeds', seeds], { env: { DATABASE_PATH: db, LOG_LEVEL: 'warn' } });
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(existsSync(db)).toBe(true);
});

it.each([
  ['--seeds', (missing: string) => ({ args: ['start', '--seeds', missing], env: {} })],
  ['SEEDS_DIR', (missing: string) => ({ args: ['start'], env: { SEEDS_DIR: missing } })],
])('stops with exit 2 when the seeds folder named by %s does not exist', async (key, setup) => {
  const missing = join(dir, 'no-such-folder');
  const { args, env } = setup(missing);
  const r = await briefbot(args, { env: { ...env, DATABASE_PATH: join(dir, 'x.db'), LOG_LEVEL: 'warn' } });
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`${key} names ${missing}, which does not exist`);
  expectOneClearLine(r.stderr);
});

it('warns once, with no stack trace, when the default seeds folder is absent, and still starts', async () => {
  const empty = join(dir, 'fresh-clone');
  mkdirSync(empty);
  const r = await run(process.execPath, [resolve(ROOT, 'bin/briefbot.mjs'), 'start'], {
    cwd: empty,
    env: { SEEDS_DIR: '', WATCH_SEEDS: 'true', LOG_LEVEL: 'info', LOG_FORMAT: 'json' },
  });
  expect(r.code).toBe(0);
  expect(r.stderr.match(/no seeds folder at seeds/g)).toHaveLength(1);
  expect(r.stderr).not.toMatch(/"stack"|\n\s+at /);
});

it('writes JSON log lines to a pipe, and readable ones with LOG_FORMAT=pretty', async () => {
  writeFileSync(join(seeds, 'empty.txt'), '');
  const env = { DATABASE_PATH: join(dir, 'x.db'), LOG_LEVEL: 'warn' };
  const json = await briefbot(['start', '--seeds', seeds], { env });
  expect(json.stderr).toMatch(/^\{"level":40,.*"msg":"skipped .*empty\.txt: /m);
  const pretty = await briefbot(['start', '--seeds', seeds], { env: { ...env, LOG_FORMAT: 'pretty' } });
  expect(pretty.stderr).toMatch(/^warn  skipped .*empty\.txt: /m);
  expect(pretty.stderr).not.toContain('{"level"');
  const bad = await briefbot(['start', '--seeds', seeds], { env: { ...env, LOG_FORMAT: 'fancy' } });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('LOG_FORMAT');
});
