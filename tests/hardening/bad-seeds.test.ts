// Bad seed files and path-like story options: each is skipped or refused with a reason that names it, and
// everything else keeps working. (Empty, binary, invalid UTF-8 and symlinked-out files: tests/library/load.test.ts;
// HTML with <script>: tests/library/html.test.ts.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { loadLibrary, lazyIndex } from '../../src/app.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import type { DocumentInput } from '../../src/briefing/types.js';
import { loadConfig } from '../../src/config.js';
import type { Caller } from '../../src/core/caller.js';
import { createBot } from '../../src/core/bot.js';
import { replyTexts } from '../../src/core/reply.js';
import { Library } from '../../src/library/library.js';
import { loadFolder } from '../../src/library/load.js';
import { createLogger, silentLogger } from '../../src/log.js';

const article = (topic: string) =>
  `${topic} council approves new plan\n\nThe ${topic} council approved a new plan on Monday, officials said.\n`;
const CALLER: Caller = { platform: 'discord', userId: '1', channelId: 'discord:1', isAdmin: false };

function seedsDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'briefbot-hard-')), 'seeds');
  mkdirSync(dir);
  return dir;
}

describe('bad seed files', () => {
  it('skips a 25 MB file by its size without reading it, and loads the rest', async () => {
    const dir = seedsDir();
    writeFileSync(join(dir, 'a-good.txt'), article('Harbour'));
    // Sparse: 25 MB on paper, no disk used; a loader that read it first would still be refused by the size.
    writeFileSync(join(dir, 'big.txt'), 'Big story\n\n');
    truncateSync(join(dir, 'big.txt'), 25 * 1024 * 1024);
    const lines: string[] = [];
    const log = createLogger({ destination: { write: (l: string) => lines.push(l) } });
    const library = await loadLibrary(dir, loadConfig({}), log);
    expect(library.briefings().map((b) => b.title)).toEqual([expect.stringContaining('Harbour council')]);
    const skipped = lines
      .map((l) => JSON.parse(l) as { msg: string; file?: string; reason?: string })
      .filter((l) => l.msg.startsWith('skipped'));
    expect(skipped).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/big\.txt$/),
        reason: 'it is 25.0 MB, over the 5.0 MB limit',
      }),
    ]);
  });

  it('skips a file deleted after the folder was listed but before it was read', async () => {
    const dir = seedsDir();
    for (const name of ['a.txt', 'b.txt', 'c.txt']) writeFileSync(join(dir, name), article(name[0]!.toUpperCase()));
    // Deriving a.txt deletes b.txt: the loader has listed it and reaches it next.
    const derive = (input: DocumentInput) => {
      if (input.source.endsWith('a.txt')) rmSync(join(dir, 'b.txt'));
      return deriveBriefing(input);
    };
    const { stories, skipped } = await loadFolder(dir, { maxBytes: 1_000_000 }, derive);
    expect(stories.map((s) => s.briefing.source.split('/').pop())).toEqual(['a.txt', 'c.txt']);
    expect(skipped).toEqual([
      { file: expect.stringMatching(/b\.txt$/), reason: 'it disappeared while being read (or is a broken link)' },
    ]);
  });

  it('skips a FIFO and a folder named like a seed instead of blocking on them', async () => {
    const dir = seedsDir();
    writeFileSync(join(dir, 'a.txt'), article('River'));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    mkdirSync(join(dir, 'folder.md'));
    const { stories, skipped } = await loadFolder(dir, { maxBytes: 1_000_000 });
    expect(stories).toHaveLength(1);
    expect(Object.fromEntries(skipped.map((s) => [s.file.split('/').pop(), s.reason]))).toEqual({
      'pipe.txt': 'it is not a regular file',
      'folder.md': 'it is not a regular file',
    });
  });

  it('skips a file replaced by a folder between listing and reading', async () => {
    const dir = seedsDir();
    writeFileSync(join(dir, 'a.txt'), article('Bridge'));
    writeFileSync(join(dir, 'b.txt'), article('Clinic'));
    const derive = (input: DocumentInput) => {
      if (input.source.endsWith('a.txt')) {
        rmSync(join(dir, 'b.txt'));
        mkdirSync(join(dir, 'b.txt'));
      }
      return deriveBriefing(input);
    };
    const { stories, skipped } = await loadFolder(dir, { maxBytes: 1_000_000 }, derive);
    expect(stories).toHaveLength(1);
    expect(skipped).toEqual([{ file: expect.stringMatching(/b\.txt$/), reason: 'it is not a regular file' }]);
  });
});

describe('a path as the story option', () => {
  const PATHS = [
    '../../etc/passwd',
    '/etc/passwd',
    'seeds/../../../etc/passwd',
    '..\\..\\windows\\win.ini',
    'file:///etc/passwd',
    '~/.ssh/id_rsa',
    '%2e%2e%2fetc%2fpasswd',
    'passwd\0.txt',
    '/proc/self/environ',
  ];
  const storyCommands = commands.filter((c) => 'story' in c.options);

  it('is only ever words to match against titles, for every story command, and the bot keeps answering', async () => {
    const library = new Library([
      { briefing: deriveBriefing({ text: article('Harbour'), source: 'seeds/harbour.txt' }), addedAt: 1 },
    ]);
    const bot = createBot(
      {
        library,
        questions: lazyIndex(library),
        commands,
        botName: 'briefbot',
        now: () => new Date('2024-06-01T00:00:00Z'),
      },
      silentLogger,
    );
    expect(storyCommands.map((c) => c.name)).toEqual(
      expect.arrayContaining(['brief', 'summary', 'quotes', 'background', 'timeline', 'ask']),
    );
    for (const command of storyCommands) {
      for (const path of PATHS) {
        const raw = command.name === 'ask' ? { question: 'who said it?', story: path } : { story: path };
        const reply = await bot.run(command.name, raw, CALLER);
        const text = replyTexts(reply).join('\n');
        expect(reply.kind, `/${command.name} story:${path}`).toBe('error');
        expect(text).toContain(`No story matches "${path.trim().slice(0, 60)}"`);
        expect(text).not.toMatch(/root:[^:]*:0:0/);
      }
      // Typed as text, as on Slack and the console.
      const typed = await bot.runText(
        command.name,
        command.name === 'ask' ? 'who? story:../../etc/passwd' : 'story:../../etc/passwd',
        CALLER,
      );
      expect(typed.kind).toBe('error');
      const good = await bot.run(
        command.name,
        command.name === 'ask' ? { question: 'who approved the plan?' } : {},
        CALLER,
      );
      expect(good.kind, `/${command.name} after the bad options`).not.toBe('error');
    }
    const search = await bot.run('stories', { search: '../../etc/passwd' }, CALLER);
    expect(replyTexts(search).join('\n')).toContain('No story title matches "../../etc/passwd"');
  });
});
