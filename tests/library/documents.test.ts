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

function logged(): {
  log: ReturnType<typeof createLogger>;
  lines: Array<{ msg: string; level: number; [k: string]: unknown }>;
} {
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
    const dir = folder({
      'menu.html': '<html><body><nav><a href="/">Home</a></nav><script>x()</script></body></html>',
      'scan.pdf': '%PDF-1.4',
    });
    const { log, lines } = logged();
    const library = await loadLibrary(dir, loadConfig({}), log);
    expect(library.size).toBe(0);
    const skip = lines.find((l) => l.msg.startsWith('skipped'));
    expect(skip?.msg).toMatch(/menu\.html: it is HTML with no readable text$/);
    expect(lines.find((l) => l.msg.startsWith('ignored'))?.msg).toMatch(
      /scan\.pdf: only \.txt, \.md, .*\.html, \.htm files are read/,
    );
  });
});

describe('other character sets', () => {
  it('reads a Latin-1 page by its <meta charset>, and says so in the log', async () => {
    const html =
      '<!doctype html><html><head><meta charset="iso-8859-1"><title>Caf\u00e9 opens</title></head><body><article><h1>Caf\u00e9 opens in the square</h1><p>The caf\u00e9 opened on Monday, its owner, Zo\u00eb M\u00fcller, said. Prices start at \u00a33.</p><p>It seats forty people and serves breakfast from seven.</p></article></body></html>';
    const dir = folder({
      'cafe.html': iconv.encode(html, 'latin1'),
      'note.txt': iconv.encode(
        'Fa\u00e7ade repairs begin\nWork on the fa\u00e7ade of the town hall began on Monday, the council said.\n',
        'latin1',
      ),
    });
    const { log, lines } = logged();
    const library = await loadLibrary(dir, loadConfig({}), log);
    expect(
      library
        .briefings()
        .map((b) => b.title)
        .sort(),
    ).toEqual(['Café opens in the square', 'Façade repairs begin']);
    expect(JSON.stringify(library.briefings())).toContain('Zoë Müller');
    const charsets = lines.filter((l) => l.charset).map((l) => [String(l.file).split('/').pop(), l.charset]);
    expect(charsets.sort()).toEqual([
      ['cafe.html', 'windows-1252'],
      ['note.txt', 'windows-1252'],
    ]);
  });
});

describe('Markdown files', () => {
  const md = [
    '# Port strike ends after nine days',
    'Dock workers **returned to work** on Monday after the union accepted a [pay offer](https://example.org/offer) of 6%, its leader, _Maria Lopes_, said.',
    '',
    'The strike had held up `4,000` containers. Shipping lines said delays would ease by Friday.',
    '',
    '- Talks lasted two days.',
    '- The deal runs for three years.',
  ].join('\n');

  it('takes the heading for the title and keeps every word of the prose, without the marks', async () => {
    const { stories } = await loadFolder(folder({ 'strike.md': md }), READ);
    const b = stories[0]!.briefing;
    expect(b.title).toBe('Port strike ends after nine days');
    const prose = b.sentences.map((s) => s.text).join(' ');
    expect(prose).toContain(
      'Dock workers returned to work on Monday after the union accepted a pay offer of 6%, its leader, Maria Lopes, said.',
    );
    expect(prose).toContain('The strike had held up 4,000 containers.');
    expect(prose).toContain('Talks lasted two days.');
    expect(prose).not.toMatch(/\*\*|\]\(|https:|`|_Maria|^#/);
    expect(b.entities.people.map((p) => p.name)).toContain('Maria Lopes');
  });

  it('reads YAML front matter above the Markdown', async () => {
    const withFront = `---\ntitle: "Dockers back at work"\npublished: 2025-03-03\nsource: Harbour Times\nurl: https://harbour.example/strike\n---\n${md}`;
    const { stories } = await loadFolder(folder({ 'strike.md': withFront }), READ);
    const b = stories[0]!.briefing;
    expect([b.title, b.date, b.outlet, b.url]).toEqual([
      'Dockers back at work',
      '2025-03-03',
      'Harbour Times',
      'https://harbour.example/strike',
    ]);
    expect(b.sentences.map((s) => s.text).join(' ')).not.toMatch(/Harbour Times|published|---/);
  });
});

describe('front matter and dates', () => {
  const body =
    'Ferry fares to rise in April\nFerry fares between the islands will rise by 8% in April, the operator said on Tuesday.\n';

  it('reads Title:/Published:/Source:/URL: header lines above a .txt', async () => {
    const text = `Title: Island ferry fares rise\nPublished: 2025-03-03\nSource: Island News\nURL: https://island.example/fares\n\n${body}`;
    const { stories } = await loadFolder(folder({ 'fares.txt': text }), READ);
    const b = stories[0]!.briefing;
    expect([b.title, b.date, b.outlet, b.url]).toEqual([
      'Island ferry fares rise',
      '2025-03-03',
      'Island News',
      'https://island.example/fares',
    ]);
    expect(b.sentences.map((s) => s.text)).not.toContain('Published: 2025-03-03');
  });

  it('leaves prose that merely starts "Word: …" alone', async () => {
    const { stories } = await loadFolder(
      folder({ 'u.txt': 'Update: talks resumed on Monday, the union said.\nMore talks are due on Friday.\n' }),
      READ,
    );
    expect(stories[0]!.briefing.sentences[0]!.text).toBe('Update: talks resumed on Monday, the union said.');
  });

  it('finds an ISO date in a dateline', () => {
    const b = deriveBriefing({ source: 'a.txt', text: `By Jo Hart | Published: 2025-03-03\n${body}` });
    expect(b.date).toBe('2025-03-03');
    expect(deriveBriefing({ source: 'b.txt', text: `2024-11-22\n${body}` }).date).toBe('2024-11-22');
  });

  it('"newest" is the article\'s date, and the file\'s time only for an article without one', async () => {
    const dir = folder({
      'old.txt': `Published: 2019-05-01\n${body}`,
      'recent.txt': `Published: 2025-03-03\n${body.replace('April', 'May')}`,
      'undated.txt': 'Library to close early\nThe town library will close early on Fridays, the council said.\n',
    });
    // The oldest article was saved last, and the undated one long ago.
    const { utimesSync } = await import('node:fs');
    utimesSync(join(dir, 'old.txt'), new Date('2026-12-01'), new Date('2026-12-01'));
    utimesSync(join(dir, 'recent.txt'), new Date('2026-01-01'), new Date('2026-01-01'));
    utimesSync(join(dir, 'undated.txt'), new Date('2022-01-01'), new Date('2022-01-01'));
    const library = await loadLibrary(dir, loadConfig({}), createLogger({ destination: { write: () => {} } }));
    expect(library.briefings().map((b) => b.source.split('/').pop())).toEqual(['recent.txt', 'undated.txt', 'old.txt']);
    expect(library.resolve().ok && library.resolve()).toMatchObject({
      story: { source: expect.stringContaining('recent.txt') },
    });
  });

  it('names front matter it could not use', async () => {
    const { log, lines } = logged();
    await loadLibrary(folder({ 'x.txt': `Title: Ferry fares\nPublished: next week\n\n${body}` }), loadConfig({}), log);
    expect(lines.find((l) => l.msg.includes('could not use front matter'))?.msg).toMatch(
      /x\.txt: could not use front matter Published/,
    );
  });
});

describe('what the file states reaches the replies', () => {
  it('the /brief footer names the outlet and address beside the file', async () => {
    const { sourceFooter } = await import('../../commands/shared.js');
    const dir = folder({});
    copyFileSync(join(FIXTURES, 'council-budget.html'), join(dir, 'page.html'));
    const { stories } = await loadFolder(dir, READ);
    const b = stories[0]!.briefing;
    expect(sourceFooter(b)).toBe(
      `Source: Riverside Gazette, https://gazette.example/news/council-budget (${b.source}) · story ${b.id}`,
    );
    const plain = deriveBriefing({
      source: 'seeds/a.txt',
      text: 'Bridge reopens\nThe bridge reopened on Monday, officials said.\n',
    });
    expect(sourceFooter(plain)).toBe(`Source: seeds/a.txt · story ${plain.id}`);
  });
});
