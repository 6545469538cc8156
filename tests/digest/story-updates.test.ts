// Three articles about one earthquake arrive in the seeds folder over three days (and one about another
// earthquake): each digest lists the Peru quake once, "New:" the first day and "Updated:" when articles came.
import { copyFileSync, mkdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { replyTexts } from '../../src/core/reply.js';
import { Library } from '../../src/library/library.js';
import { loadFolder } from '../../src/library/load.js';
import { SeedWatcher } from '../../src/library/watch.js';
import { silentLogger } from '../../src/log.js';
import { StoryBook } from '../../src/stories/story-book.js';
import { at, FakeClock, setup, subscribe, tempDir } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/stories');

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

it('shows one story per event, marked Updated: when new articles about it arrived', async () => {
  const seeds = join(tmp.dir, 'seeds');
  mkdirSync(seeds);
  const arrive = (file: string, iso: string) => {
    copyFileSync(join(FIXTURES, file), join(seeds, file));
    const t = new Date(iso);
    utimesSync(join(seeds, file), t, t);
  };
  arrive('peru-quake-ap.txt', '2026-11-02T07:00:00Z');
  const library = new Library((await loadFolder(seeds, { maxBytes: 100_000 })).stories);
  const book = new StoryBook(library);
  const watcher = new SeedWatcher({ dir: seeds, library, read: { maxBytes: 100_000 }, log: silentLogger });
  const s = setup(join(tmp.dir, 'briefbot.db'), { library });
  const clock = new FakeClock(at('2026-11-02T06:00:00Z'));
  subscribe(s.store, 'slack:C1', '0 8 * * *', 'UTC', clock.ms);
  const scheduler = s.scheduler({ clock: clock.now, stories: () => book });

  clock.set('2026-11-02T08:00:00Z');
  await scheduler.runDue();
  arrive('peru-quake-reuters.txt', '2026-11-03T07:00:00Z');
  arrive('aceh-quake.txt', '2026-11-03T07:30:00Z');
  await watcher.rescan();
  clock.set('2026-11-03T08:00:00Z');
  await scheduler.runDue();
  arrive('peru-quake-bbc.txt', '2026-11-04T07:00:00Z');
  await watcher.rescan();
  clock.set('2026-11-04T08:00:00Z');
  await scheduler.runDue();
  clock.set('2026-11-05T08:00:00Z');
  await scheduler.runDue();

  const headings = s.deliver.posts.map((p) => p.reply.sections.map((sec) => sec.heading));
  expect(headings).toEqual([
    ["New: Earthquake kills dozens in Peru's Ica region"],
    [
      "New: Earthquake kills dozens in Indonesia's Aceh province",
      "Updated: Earthquake kills dozens in Peru's Ica region",
    ],
    ["Updated: Earthquake kills dozens in Peru's Ica region", "Earthquake kills dozens in Indonesia's Aceh province"],
    // Nothing arrived on the fourth day: one short line instead of both stories again.
    [undefined],
  ]);
  expect(replyTexts(s.deliver.posts[3]!.reply)).toEqual([
    'News digest: nothing new since the last digest here. /stories lists all 2 stories.',
  ]);
  const third = s.deliver.posts[2]!.reply;
  const peru = third.sections[0]!.blocks.map((b) => (b.type === 'text' ? b.text : '')).join('\n');
  expect(peru).toContain('3 articles');
  expect(peru).toContain('New article: peru-quake-bbc.txt: Peru quake: aid reaches Pisco as survivors sleep outdoors');
  // The story keeps the id of its first report, so "More: /brief story:<id>" links stay valid.
  expect(peru).toContain(`More: /brief story:${library.bySourcePath(join(seeds, 'peru-quake-ap.txt'))!.briefing.id}`);
  expect(third.title).toBe('News digest: 2 stories');
});
