import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { knownFiles, loadLibrary, openQuestionCache } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loadFolder, readDocument } from '../../src/library/load.js';
import { createLogger } from '../../src/log.js';

const GOOD = 'Council approves new tram line\nThe city council approved a new tram line on Monday, officials said.\n';

function badSeeds(): string {
  const root = mkdtempSync(join(tmpdir(), 'briefbot-bad-'));
  const dir = join(root, 'seeds');
  mkdirSync(dir);
  writeFileSync(join(root, 'secret.txt'), 'outside the folder\n');
  writeFileSync(join(dir, 'good.txt'), GOOD);
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'blank.md'), '  \n\n');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
  writeFileSync(join(dir, 'huge.txt'), 'word '.repeat(3000));
  writeFileSync(join(dir, 'notes.json'), '{"ignored": true}');
  symlinkSync(join(root, 'secret.txt'), join(dir, 'escape.txt'));
  symlinkSync(join(dir, 'missing.txt'), join(dir, 'dangling.txt'));
  return dir;
}

describe('loading a seeds folder', () => {
  it('loads the good article and skips each bad file with its reason', async () => {
    const dir = badSeeds();
    const { stories, skipped } = await loadFolder(dir, { maxBytes: 10_000 });
    expect(stories.map((s) => s.briefing.title)).toEqual(['Council approves new tram line', 'Café']);
    const reasons = Object.fromEntries(skipped.map((s) => [s.file.split('/').pop(), s.reason]));
    expect(reasons).toEqual({
      'binary.txt': 'it is binary, not text',
      'blank.md': 'it is empty',
      'dangling.txt': 'it disappeared while being read (or is a broken link)',
      'empty.txt': 'it is empty',
      'escape.txt': 'it links outside the seeds folder',
      'huge.txt': 'it is 14.6 KB, over the 9.8 KB limit',
    });
  });

  it('writes one log line per skipped file, naming it, and still loads the rest', async () => {
    const dir = badSeeds();
    const lines: string[] = [];
    const log = createLogger({ destination: { write: (l: string) => lines.push(l) } });
    const library = await loadLibrary(dir, loadConfig({ MAX_SEED_BYTES: '10000' }), log);
    expect(library.size).toBe(2);
    const parsed = lines.map((l) => JSON.parse(l) as { msg: string; file?: string; charset?: string });
    expect(parsed.filter((l) => l.charset).map((l) => [l.file?.split('/').pop(), l.charset])).toEqual([
      ['latin1.txt', 'windows-1252'],
    ]);
    const skips = parsed.filter((l) => l.msg.startsWith('skipped'));
    expect(skips).toHaveLength(6);
    for (const name of ['empty.txt', 'blank.md', 'binary.txt', 'huge.txt', 'escape.txt', 'dangling.txt']) {
      expect(skips.filter((s) => s.file?.endsWith(name))).toHaveLength(1);
    }
  });

  it('skips a named pipe without waiting for a writer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-fifo-'));
    writeFileSync(join(dir, 'good.txt'), GOOD);
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const { stories, skipped } = await loadFolder(dir, { maxBytes: 10_000 });
    expect(stories.map((s) => s.briefing.source.split('/').pop())).toEqual(['good.txt']);
    expect(skipped.map((s) => [s.file.split('/').pop(), s.reason])).toEqual([['pipe.txt', 'it is not a regular file']]);
  });

  it('names a missing folder instead of throwing', async () => {
    const { stories, skipped } = await loadFolder('/nonexistent/briefbot-seeds', { maxBytes: 1000 });
    expect(stories).toEqual([]);
    expect(skipped[0]!.reason).toBe('the folder does not exist');
  });

  it('normalises line endings and drops a byte-order mark', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-crlf-'));
    writeFileSync(join(dir, 'a.txt'), '\uFEFFTitle line\r\nBody text here.\r\n');
    const read = await readDocument(join(dir, 'a.txt'), dir, { maxBytes: 1000 });
    expect(read).toMatchObject({ ok: true, text: 'Title line\nBody text here.\n' });
  });
});

describe('files known to the briefing cache by size and mtime', () => {
  it('a warm start loads the same stories, skips and logs without reading a file it knows, and reads one that changed', async () => {
    const dir = badSeeds();
    writeFileSync(join(dir, 'fronted.md'), `---\ntitle: Trams approved\ndate: someday\n---\n${GOOD}`);
    const path = join(mkdtempSync(join(tmpdir(), 'briefbot-known-')), 'cache.db');
    const options = { maxBytes: 10_000 };
    const load = async () => {
      const cache = openQuestionCache(path, 'engine-a');
      const derive = vi.fn(cache.deriveStored);
      const result = await loadFolder(dir, options, derive, knownFiles(cache));
      const seen = {
        stories: result.stories.map((s) => [s.briefing.source, s.addedAt, JSON.stringify(s.briefing)]),
        skipped: result.skipped,
        charsets: result.charsets,
        unread: result.unread,
        ignored: result.ignored,
      };
      cache.close();
      return { seen, read: derive.mock.calls.map(([input]) => input.source.split('/').pop()) };
    };
    const plain = await loadFolder(dir, options);
    const cold = await load();
    expect(cold.read).toEqual(['fronted.md', 'good.txt', 'latin1.txt']);
    expect(cold.seen.stories.map(([, , json]) => json)).toEqual(plain.stories.map((s) => JSON.stringify(s.briefing)));
    expect(cold.seen.charsets).toEqual([{ file: expect.stringMatching(/latin1\.txt$/), charset: 'windows-1252' }]);
    expect(cold.seen.unread).toEqual([{ file: expect.stringMatching(/fronted\.md$/), keys: ['date'] }]);
    const warm = await load();
    expect(warm.read).toEqual([]);
    expect(warm.seen).toEqual(cold.seen);

    writeFileSync(join(dir, 'good.txt'), GOOD.replace('Monday', 'Tuesday'));
    const changed = await load();
    expect(changed.read).toEqual(['good.txt']);
    expect(changed.seen.stories.find(([source]) => String(source).endsWith('good.txt'))![2]).toContain('Tuesday');
  });
});
