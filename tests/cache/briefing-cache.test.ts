import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { BriefingCache, treeFingerprint } from '../../src/cache/briefing-cache.js';

const TEXT =
  'Ferry service resumes\nThe island ferry resumed service on Sunday after the strike ended, the operator said.\n';

describe('BriefingCache', () => {
  it('serves the same briefing from the cache after a restart, with the new source path', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefbot-cache-')), 'cache.db');
    const first = new BriefingCache(path, 'engine-a');
    const derived = first.derive({ text: TEXT, source: 'a.txt' });
    expect([first.hits, first.misses]).toEqual([0, 1]);
    first.close();

    const second = new BriefingCache(path, 'engine-a');
    const cached = second.derive({ text: TEXT, source: 'renamed.txt' });
    expect([second.hits, second.misses]).toEqual([1, 0]);
    expect(cached).toEqual({ ...derived, source: 'renamed.txt' });
    expect(cached).toEqual(deriveBriefing({ text: TEXT, source: 'renamed.txt' }));
    second.close();
  });

  it('keys on the title, date, outlet and URL a file states, not the text alone', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefbot-cache-')), 'cache.db');
    const cache = new BriefingCache(path, 'engine-a');
    const plain = cache.derive({ text: TEXT, source: 'a.txt' });
    const fronted = cache.derive({
      text: TEXT,
      source: 'a.txt',
      title: 'Ferries run again',
      date: '2025-03-03',
      outlet: 'Island News',
    });
    expect([plain.title, plain.date, plain.outlet]).toEqual(['Ferry service resumes', null, undefined]);
    expect([fronted.title, fronted.date, fronted.outlet]).toEqual(['Ferries run again', '2025-03-03', 'Island News']);
    expect(cache.misses).toBe(2);
    expect(plain.hash).toBe(deriveBriefing({ text: TEXT, source: 'a.txt' }).hash);
    cache.close();
  });

  it('derives again when the engine changed', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefbot-cache-')), 'cache.db');
    new BriefingCache(path, 'engine-a').derive({ text: TEXT, source: 'a.txt' });
    const next = new BriefingCache(path, 'engine-b');
    next.derive({ text: TEXT, source: 'a.txt' });
    expect([next.hits, next.misses]).toEqual([0, 1]);
  });
});

describe('treeFingerprint (the engine fingerprint of src/briefing)', () => {
  const tree = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'briefbot-engine-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };

  it('reads files in subfolders instead of throwing EISDIR', () => {
    const flat = treeFingerprint(tree({ 'a.ts': 'a', 'b.ts': 'b' }));
    const nested = treeFingerprint(tree({ 'a.ts': 'a', 'b.ts': 'b', 'rules/c.ts': 'c' }));
    expect(nested).not.toBe(flat);
    expect(treeFingerprint(tree({ 'a.ts': 'a', 'b.ts': 'b', 'rules/c.ts': 'changed' }))).not.toBe(nested);
  });

  it('does not depend on the order files were written, and tells a moved file from one left in place', () => {
    const one = treeFingerprint(tree({ 'z/y.ts': 'y', 'a.ts': 'a', 'm/n/o.ts': 'o' }));
    const two = treeFingerprint(tree({ 'm/n/o.ts': 'o', 'a.ts': 'a', 'z/y.ts': 'y' }));
    expect(two).toBe(one);
    expect(treeFingerprint(tree({ 'y.ts': 'y', 'a.ts': 'a', 'm/n/o.ts': 'o' }))).not.toBe(one);
  });
});
