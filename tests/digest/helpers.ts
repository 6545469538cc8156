// Shared pieces for the digest tests: a temp database, stories made from short texts, a recording Deliver.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reply } from '../../src/core/reply.js';
import type { Deliver } from '../../src/digest/deliver.js';
import { DigestScheduler, type SchedulerOptions } from '../../src/digest/scheduler.js';
import { SqliteDigestStore } from '../../src/digest/sqlite-store.js';
import type { DigestStore } from '../../src/digest/store.js';
import { Library, type Story } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase, type Database } from '../../src/state/database.js';
import { sampleStories, story } from '../../testkit/sample-stories.js';

export const at = (iso: string) => Date.parse(iso);
export const iso = (ms: number) => new Date(ms).toISOString();

export function tempDir(prefix = 'briefbot-digest-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export { sampleStories, story };

export interface Post {
  channel: string;
  reply: Reply;
}

/** Records posts; `fail` and `hold` make chosen channels throw or wait until released. */
export class FakeDeliver implements Deliver {
  readonly posts: Post[] = [];
  readonly attempts: string[] = [];
  fail = new Map<string, Error>();
  private readonly held = new Map<string, { started: () => void; release: Promise<void> }>();
  constructor(private readonly platforms = ['discord', 'slack', 'console']) {}

  handles(channel: string): boolean {
    return this.platforms.includes(channel.split(':')[0]!);
  }

  /** The next post to `channel` waits; resolves `started` when it begins, and posts when `release` is called. */
  hold(channel: string): { started: Promise<void>; release: () => void } {
    let release!: () => void;
    let started!: () => void;
    const startedP = new Promise<void>((r) => (started = r));
    const releaseP = new Promise<void>((r) => (release = r));
    this.held.set(channel, { started, release: releaseP });
    return { started: startedP, release };
  }

  async send(channel: string, reply: Reply): Promise<void> {
    this.attempts.push(channel);
    const hold = this.held.get(channel);
    if (hold) {
      this.held.delete(channel);
      hold.started();
      await hold.release;
    }
    const error = this.fail.get(channel);
    if (error) throw error;
    this.posts.push({ channel, reply });
  }
}

export interface Setup {
  db: Database;
  store: SqliteDigestStore;
  library: Library;
  deliver: FakeDeliver;
  scheduler: (extra?: Partial<SchedulerOptions>) => DigestScheduler;
}

export function setup(path: string, extra: { library?: Library; deliver?: FakeDeliver } = {}): Setup {
  const db = openDatabase(path);
  const store = new SqliteDigestStore(db);
  const library = extra.library ?? new Library(sampleStories());
  const deliver = extra.deliver ?? new FakeDeliver();
  const scheduler = (more: Partial<SchedulerOptions> = {}) =>
    new DigestScheduler({
      store,
      library,
      deliver,
      log: silentLogger,
      clock: () => 0,
      graceMinutes: 60,
      maxFailures: 3,
      ...more,
    });
  return { db, store, library, deliver, scheduler };
}

export async function subscribe(
  store: DigestStore,
  channel: string,
  cron: string,
  timezone: string,
  now: number,
  extra: { quiet?: string; createdBy?: string } = {},
): Promise<void> {
  await store.upsert(
    {
      channel,
      cron,
      scheduleLabel: cron,
      timezone,
      quiet: extra.quiet ?? null,
      origin: 'chat',
      createdBy: extra.createdBy ?? 'U1',
    },
    now,
  );
}

/** Time that moves only when a test says so. */
export class FakeClock {
  constructor(public ms: number) {}
  readonly now = (): number => this.ms;
  set(isoTime: string): number {
    this.ms = Date.parse(isoTime);
    return this.ms;
  }
  advance(minutes: number): number {
    this.ms += minutes * 60_000;
    return this.ms;
  }
}

/** A logger that keeps every line, to check what was logged without printing it. */
export async function recordingLogger(): Promise<{
  log: import('pino').Logger;
  lines: () => Array<Record<string, unknown>>;
}> {
  const { createLogger } = await import('../../src/log.js');
  const out: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (line: string) => out.push(line) } });
  return { log, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** Subscribes every channel to the same daily 08:00 UTC digest, set up at `now` (the cross-process tests' slot). */
export async function subscribeDaily(store: DigestStore, channels: readonly string[], now: number): Promise<void> {
  for (const channel of channels) {
    await store.upsert(
      {
        channel,
        cron: '0 8 * * *',
        scheduleLabel: 'daily 08:00',
        timezone: 'UTC',
        quiet: null,
        origin: 'chat',
        createdBy: 'U1',
      },
      now,
    );
  }
}

/** The lines the cross-process scheduler script (fixtures/run-due.ts) appended, each [channel, instance]. */
export const postLines = (out: string): Array<[string, string]> =>
  readFileSync(out, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split(' ') as [string, string]);
