// Your own files in the seeds folder: saved news pages, Markdown, other charsets and front matter brief like the
// seed articles, through the one loading path the folder, the watcher and `briefbot derive` share.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/app.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { loadConfig } from '../../src/config.js';
import { documentInput, loadFolder, readDocument } from '../../src/library/load.js';
import { createLogger } from '../../src/log.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/documents');
const READ = { maxBytes: 1_000_000 };

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefbot-docs-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

function logged(): { log: ReturnType<typeof createLogger>; lines: Array<{ msg: string; level: number; [k: string]: unknown }> } {
  const lines: Array<{ msg: string; level: number }> = [];
  const log = createLogger({ destination: { write: (l: string) => lines.push(JSON.parse(l)) } });
  return { log, lines };
}

describe('a saved news page (.html) in the seeds folder', () => {
  const page = () => {
    const dir = folder({});
    copyFileSync(join(FIXTURES, 'council-budget.html'), join(dir, 'council-budget.html'));
    return dir;
  };

  it('loads through the article extractor: page title, no banner, advert or nav, entities decoded', async () => {
    const { stories, skipped } = await loadFolder(page(), READ);
    expect(skipped).toEqual([]);
    expect(stories).toHaveLength(1);
    const b = stories[0]!.briefing;
    expect(b.title).toBe('Council approves £24m budget after late-night vote');
    expect(b.summary.tldr).toMatch(/^Riverside council approved a £24m budget/);
    const all = JSON.stringify(b);
    expect(all).not.toMatch(/cookies|50% off|subscribe today|Related stories|All rights reserved|&pound;|\bHome\b/);
    expect(b.sentences.map((s) => s.text)).not.toContain('Home');
    expect(b.date).toBe('2025-03-03');
    expect(b.outlet).toBe('Riverside Gazette');
    expect(b.url).toBe('https://gazette.example/news/council-budget');
  });

  it('reads .htm too, and a .txt that holds a whole page the same way', async () => {
    const html = readFileSync(join(FIXTURES, 'council-budget.html'));
    const { stories } = await loadFolder(folder({ 'a.htm': html, 'b.txt': html }), READ);
    expect(stories.map((s) => s.briefing.title)).toEqual([
      'Council approves £24m budget after late-night vote',
      'Council approves £24m budget after late-night vote',
    ]);
  });

  it('briefs the same through `derive` as in the folder (one loading path)', async () => {
    const dir = page();
    const file = join(dir, 'council-budget.html');
    const read = await readDocument(file, dir, READ);
    if (!read.ok) throw new Error(read.reason);
    const { stories } = await loadFolder(dir, READ);
    expect(deriveBriefing(documentInput(read, stories[0]!.briefing.source))).toEqual(stories[0]!.briefing);
  });

  it('names a page that cannot be loaded, with the reason, and files it does not read', async () => {
    const dir = folder({ 'menu.html': '<html><body><nav><a href="/">Home</a></nav><script>x()</script></body></html>', 'scan.pdf': '%PDF-1.4' });
    const { log, lines } = logged();
    const library = await loadLibrary(dir, loadConfig({}), log);
    expect(library.size).toBe(0);
    const skip = lines.find((l) => l.msg.startsWith('skipped'));
    expect(skip?.msg).toMatch(/menu\.html: it is HTML with no readable text$/);
    expect(lines.find((l) => l.msg.startsWith('ignored'))?.msg).toMatch(/scan\.pdf: only \.txt, \.md, .*\.html, \.htm files are read/);
  });
});

describe('other character sets', () => {
  it('reads a Latin-1 page by its <meta charset>, and says so in the log', async () => {
    const html = '<!doctype html><html><head><meta charset="iso-8859-1"><title>Caf\u00e9 opens</title></head><body><article><h1>Caf\u00e9 opens in the square</h1><p>The caf\u00e9 opened on Monday, its owner, Zo\u00eb M\u00fcller, said. Prices start at \u00a33.</p><p>It seats forty people and serves breakfast from seven.</p></article></body></html>';
    const dir = folder({ 'cafe.html': iconv.encode(html, 'latin1'), 'note.txt': iconv.encode('Fa\u00e7ade repairs begin\nWork on the fa\u00e7ade of the town hall began on Monday, the council said.\n', 'latin1') });
    const { log, lines } = logged();
    const library = await loadLibrary(dir, loadConfig({}), log);
    expect(library.briefings().map((b) => b.title).sort()).toEqual(['Café opens in the square', 'Façade repairs begin']);
    expect(JSON.stringify(library.briefings())).toContain('Zoë Müller');
    const charsets = lines.filter((l) => l.charset).map((l) => [String(l.file).split('/').pop(), l.charset]);
    expect(charsets.sort()).toEqual([['cafe.html', 'windows-1252'], ['note.txt', 'windows-1252']]);
  });
});
