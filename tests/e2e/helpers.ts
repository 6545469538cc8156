// Runs the real CLI in a child process, as a person would, with platform tokens blanked so a developer's .env
// cannot turn Discord or Slack on during tests, and state kept in memory unless a test names a file.
import { spawn, type ChildProcess } from 'node:child_process';
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

/** A `briefbot start` process: its stderr log lines as they come, and when it has exited. */
export interface StartedBot {
  name: string;
  child: ChildProcess;
  lines: string[];
  exited: Promise<void>;
}

/** Starts `briefbot start` with the quiet environment plus `env`, collecting its log lines (stdout ignored). */
export function startBriefbot(name: string, env: Record<string, string>): StartedBot {
  const child = spawn(process.execPath, [resolve(ROOT, 'bin/briefbot.mjs'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, ...QUIET_ENV, LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const bot: StartedBot = { name, child, lines: [], exited: new Promise((done) => child.on('exit', () => done())) };
  let buffer = '';
  child.stderr!.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    bot.lines.push(...parts);
  });
  return bot;
}

/** SIGTERMs the processes still running and waits for all of them to exit. */
export async function stopAll(bots: readonly StartedBot[]): Promise<void> {
  for (const b of bots) if (b.child.exitCode === null && b.child.signalCode === null) b.child.kill('SIGTERM');
  await Promise.all(bots.map((b) => b.exited));
}

/** Whether a process logged a line holding `text`. */
export const logged = (bot: StartedBot, text: string): boolean => bot.lines.some((l) => l.includes(text));

/** Polls `check` until it holds, failing with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 60_000, everyMs = 20): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
