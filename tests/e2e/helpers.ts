// Runs the real CLI in a child process, as a person would, with platform tokens blanked so a developer's .env
// cannot turn Discord or Slack on during tests, and state kept in memory unless a test names a file.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export const QUIET_ENV: Record<string, string> = {
  DISCORD_TOKEN: '',
  SLACK_BOT_TOKEN: '',
  SLACK_APP_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  WATCH_SEEDS: 'false',
  DIGEST_CHANNELS: '',
  DIGEST_CRON: '',
  BRIEFING_CACHE: 'off',
  DATABASE_URL: '',
  // `start` opens the database: tests that do not name one get a private in-memory one, never the checkout's data/.
  DATABASE_PATH: ':memory:',
};

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(
  command: string,
  args: string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...QUIET_ENV, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export function briefbot(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<RunResult> {
  return run(process.execPath, [resolve(ROOT, 'bin/briefbot.mjs'), ...args], options);
}
