// `npx briefbot digest …` as a person types it, in a child process.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { briefbot } from '../e2e/helpers.js';
import { tempDir } from './helpers.js';

let tmp: { dir: string; cleanup: () => void };
let seeds: string;
beforeEach(() => {
  tmp = tempDir();
  seeds = join(tmp.dir, 'seeds');
  mkdirSync(seeds);
  writeFileSync(
    join(seeds, 'ferry.txt'),
    'Ferry returns to service\n\nThe island ferry returns to service on Saturday after repairs, the operator said. Tickets go on sale on Thursday.\n',
  );
});
afterEach(() => tmp.cleanup());

it('prints a preview without creating a database', async () => {
  const db = join(tmp.dir, 'data', 'briefbot.db');
  const r = await briefbot(['digest', 'preview', '--seeds', seeds], { env: { DATABASE_PATH: db } });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Digest preview: 1 story');
  expect(r.stdout).toContain('New: Ferry returns to service');
  expect(existsSync(db)).toBe(false);
});

it('schedules a named channel from the command line and lists it; bad input exits 2 with the reason', async () => {
  const env = { DATABASE_PATH: join(tmp.dir, 'data', 'briefbot.db') };
  const ok = await briefbot(
    [
      'digest',
      'subscribe',
      '--schedule',
      'daily 07:30',
      'timezone:Europe/London',
      'channel:slack:C42',
      '--seeds',
      seeds,
    ],
    { env },
  );
  expect(ok.stdout).toContain('Subscribed: digest for slack:C42');
  const list = await briefbot(['digest', 'list', '--seeds', seeds], { env });
  expect(list.stdout).toContain('slack:C42');
  expect(list.stdout).toContain('daily 07:30 (cron 30 7 * * *), Europe/London');
  const bad = await briefbot(
    ['digest', 'subscribe', '--schedule', '0 8 * *', '--channel', 'slack:C43', '--seeds', seeds],
    { env },
  );
  expect(bad.code).toBe(2);
  expect(bad.stdout + bad.stderr).toContain('has 5 fields');
});

it('refuses to post a digest now from the command line, and records nothing, so the channel still gets its stories', async () => {
  const env = { DATABASE_PATH: join(tmp.dir, 'data', 'briefbot.db') };
  const now = await briefbot(['digest', 'now', '--channel', 'discord:7', '--seeds', seeds], { env });
  expect(now.code).toBe(2);
  expect(now.stdout + now.stderr).toContain("can't be posted to discord:7 from the command line");
  expect(now.stdout + now.stderr).toContain('/digest now');
  expect(now.stdout + now.stderr).not.toContain('Ferry returns to service');
  const preview = await briefbot(['digest', 'preview', '--channel', 'discord:7', '--seeds', seeds], { env });
  expect(preview.code).toBe(0);
  expect(preview.stdout).toContain('New: Ferry returns to service');
  expect(preview.stdout).not.toContain('Nothing new');
});
