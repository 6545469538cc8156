import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText, looksLikeHtml } from '../../src/sources/html.js';
import { loadFolder } from '../../src/library/load.js';

describe('HTML in seed files', () => {
  const page = `<!doctype html><html><head><title>x</title><script>steal(document.cookie)</script></head>
<body><h1>Port strike ends</h1><p>Dock workers returned on Monday, the union said.</p>
<script type="text/javascript">alert("pwned")</script><p>Talks &amp; pay: “agreed”&#8212;finally.</p>
<style>p{color:red}</style><iframe src="https://evil.example"></iframe></body></html>`;

  it('keeps the text and drops scripts, styles, frames and tags', () => {
    const text = htmlToText(page);
    expect(text).toBe(
      'Port strike ends\nDock workers returned on Monday, the union said.\nTalks & pay: “agreed”—finally.',
    );
    expect(text).not.toMatch(/alert|steal|color:red|evil/);
  });

  it('drops an unclosed script to the end rather than keeping its code', () => {
    expect(htmlToText('<p>Intro.</p><script>while(1){}')).toBe('Intro.');
  });

  it('leaves prose with a stray angle bracket alone', () => {
    expect(looksLikeHtml('Turnout was < 40% and costs > budget.')).toBe(false);
  });

  it('loads an HTML seed as its text, and skips one with no text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-html-'));
    writeFileSync(join(dir, 'page.txt'), page);
    writeFileSync(join(dir, 'only-script.md'), '<script>alert(1)</script>');
    const { stories, skipped } = await loadFolder(dir, { maxBytes: 100_000 });
    expect(stories).toHaveLength(1);
    const briefing = stories[0]!.briefing;
    expect(JSON.stringify(briefing)).not.toMatch(/<script|alert\(|pwned/);
    expect(briefing.title).toBe('Port strike ends');
    expect(skipped).toEqual([
      { file: expect.stringContaining('only-script.md'), reason: 'it is HTML with no readable text' },
    ]);
  });
});
