import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Library, type LibraryEvent } from '../../src/library/library.js';
import { displayPath, loadFolder } from '../../src/library/load.js';
import { SeedWatcher } from '../../src/library/watch.js';
import { silentLogger } from '../../src/log.js';
import { tempDir } from '../digest/helpers.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir('briefbot-seeds-');
});
afterEach(() => tmp.cleanup());

const read = { maxBytes: 100_000 };
const write = (name: string, title: string, body: string) =>
  writeFileSync(join(tmp.dir, name), `${title}\n\n${body}\n`);

async function start(): Promise<{ library: Library; watcher: SeedWatcher; events: LibraryEvent[] }> {
  const { stories } = await loadFolder(tmp.dir, read);
  const library = new Library(stories);
  const events: LibraryEvent[] = [];
  library.onChange((e) => events.push(e));
  return {
    library,
    watcher: new SeedWatcher({ dir: tmp.dir, library, read, log: silentLogger, debounceMs: 20 }),
    events,
  };
}

describe('SeedWatcher.rescan', () => {
  it('adds new files, updates changed ones, removes deleted ones, and leaves the rest alone', async () => {
    write('a.txt', 'Dam repairs finish early', 'Engineers finished repairs to the dam on Monday.');
    write('b.txt', 'Library opens night hours', 'The central library will open until midnight, staff said.');
    const { library, watcher, events } = await start();
    expect(await watcher.rescan()).toEqual({ added: [], changed: [], removed: [], skipped: [] });

    write('c.md', 'Bridge closes for a week', 'The old bridge closes on Friday for repairs.');
    write(
      'a.txt',
      'Dam repairs finish early',
      'Engineers finished repairs to the dam on Monday. The reservoir is full again.',
    );
    rmSync(join(tmp.dir, 'b.txt'));
    const report = await watcher.rescan();
    const src = (name: string) => displayPath(join(tmp.dir, name));
    expect(report).toEqual({ added: [src('c.md')], changed: [src('a.txt')], removed: [src('b.txt')], skipped: [] });
    expect(
      library
        .briefings()
        .map((b) => b.title)
        .sort(),
    ).toEqual(['Bridge closes for a week', 'Dam repairs finish early']);
    expect(library.bySourcePath(src('a.txt'))!.briefing.summary.tldr).toBeTruthy();
    expect(events.map((e) => e.type)).toEqual(['upsert', 'upsert', 'remove']);
  });

  it('picks up a saved page and a front-matter edit the same way the folder loads them', async () => {
    write('a.txt', 'Dam repairs finish early', 'Engineers finished repairs to the dam on Monday.');
    const { library, watcher } = await start();
    writeFileSync(
      join(tmp.dir, 'page.html'),
      '<html><head><title>Site</title></head><body><nav><a href="/">Home</a></nav><article><h1>Tram line approved</h1><p>The council approved a new tram line on Monday, officials said. Work starts in May.</p></article></body></html>',
    );
    writeFileSync(
      join(tmp.dir, 'a.txt'),
      'Title: Dam work done\n\nDam repairs finish early\n\nEngineers finished repairs to the dam on Monday.\n',
    );
    const report = await watcher.rescan();
    expect(report.added).toEqual([displayPath(join(tmp.dir, 'page.html'))]);
    expect(report.changed).toEqual([displayPath(join(tmp.dir, 'a.txt'))]);
    expect(
      library
        .briefings()
        .map((b) => b.title)
        .sort(),
    ).toEqual(['Dam work done', 'Tram line approved']);
  });

  it('does not treat a touched file with the same text as news', async () => {
    write('a.txt', 'Dam repairs finish early', 'Engineers finished repairs to the dam on Monday.');
    const { watcher, events } = await start();
    utimesSync(join(tmp.dir, 'a.txt'), new Date(), new Date(Date.now() + 5000));
    await watcher.rescan();
    expect(events).toEqual([]);
  });

  it('drops a story whose file turns bad, saying why', async () => {
    write('a.txt', 'Dam repairs finish early', 'Engineers finished repairs to the dam on Monday.');
    const { library, watcher } = await start();
    writeFileSync(join(tmp.dir, 'a.txt'), '   \n');
    const report = await watcher.rescan();
    expect(report.skipped).toEqual([{ file: displayPath(join(tmp.dir, 'a.txt')), reason: 'it is empty' }]);
    expect(library.size).toBe(0);
  });

  it('keeps what it has when the folder disappears', async () => {
    write('a.txt', 'Dam repairs finish early', 'Engineers finished repairs to the dam on Monday.');
    const { library, watcher } = await start();
    tmp.cleanup();
    await watcher.rescan();
    expect(library.size).toBe(1);
  });
});

describe('SeedWatcher with fs.watch', () => {
  it('notices a new file on its own', async () => {
    const { library, watcher } = await start();
    watcher.start();
    try {
      const noticed = new Promise<void>((resolve) => watcher.onRescan((r) => r.added.length && resolve()));
      write('new.txt', 'Ferry returns to service', 'The island ferry returns to service on Saturday after repairs.');
      await noticed; // no sleep: the watcher's own rescan resolves this (vitest's timeout is the failure)
      expect(library.briefings().map((b) => b.title)).toEqual(['Ferry returns to service']);
    } finally {
      watcher.stop();
    }
  });
});
