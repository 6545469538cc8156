// A file added to the seeds folder while the bot runs appears as new in the next digest, and only there.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { replyTexts } from '../../src/core/reply.js';
import { Library } from '../../src/library/library.js';
import { loadFolder } from '../../src/library/load.js';
import { SeedWatcher } from '../../src/library/watch.js';
import { silentLogger } from '../../src/log.js';
import { at, FakeClock, setup, subscribe, tempDir } from './helpers.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

it('marks a story added to seeds/ as new in the next digest, and not in the one after', async () => {
  const seeds = join(tmp.dir, 'seeds');
  mkdirSync(seeds);
  writeFileSync(
    join(seeds, 'dam.txt'),
    'Dam repairs finish early\n\nEngineers finished repairs to the dam on Monday, two weeks early.\n',
  );
  const library = new Library((await loadFolder(seeds, { maxBytes: 100_000 })).stories);
  const watcher = new SeedWatcher({ dir: seeds, library, read: { maxBytes: 100_000 }, log: silentLogger });
  const s = setup(join(tmp.dir, 'briefbot.db'), { library });
  const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
  await subscribe(s.store, 'slack:C1', '0 8 * * *', 'UTC', clock.ms);
  const scheduler = s.scheduler({ clock: clock.now });

  clock.set('2026-06-01T08:00:00Z');
  await scheduler.runDue();
  writeFileSync(
    join(seeds, 'ferry.txt'),
    'Ferry returns to service\n\nThe island ferry returns to service on Saturday after repairs, the operator said.\n',
  );
  await watcher.rescan();
  clock.set('2026-06-02T08:00:00Z');
  await scheduler.runDue();
  clock.set('2026-06-03T08:00:00Z');
  await scheduler.runDue();

  const headings = s.deliver.posts.map((p) => p.reply.sections.map((sec) => sec.heading));
  expect(headings).toEqual([
    ['New: Dam repairs finish early'],
    ['New: Ferry returns to service', 'Dam repairs finish early'],
    // Nothing new on the third day: one short line, not the two stories again.
    [undefined],
  ]);
  expect(replyTexts(s.deliver.posts[2]!.reply)).toEqual([
    'News digest: nothing new since the last digest here. /stories lists all 2 stories.',
  ]);
});
