import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { BriefingCache, treeFingerprint } from '../../src/cache/briefing-cache.js';
import { headOf, speakerKeysOf, speakersOf, StoredBriefing } from '../../src/cache/stored-briefing.js';

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

  it('drops an older engine rows when another engine opens it, and only then', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefbot-cache-')), 'cache.db');
    const rows = () => {
      const db = new Database(path, { readonly: true });
      const out = db.prepare('SELECT engine FROM briefings ORDER BY engine').all();
      db.close();
      return out;
    };
    const a = new BriefingCache(path, 'engine-a');
    a.deriveStored({ text: TEXT, source: 'a.txt' });
    a.close();
    new BriefingCache(path, 'engine-a').close();
    expect(rows()).toEqual([{ engine: 'engine-a' }]);
    const b = new BriefingCache(path, 'engine-b');
    b.derive({ text: TEXT, source: 'a.txt' });
    b.close();
    expect(rows()).toEqual([{ engine: 'engine-b' }]);
    const again = new BriefingCache(path, 'engine-a', { recent: 1 });
    expect(again.deriveStored({ text: TEXT, source: 'a.txt' }).sentences.length).toBeGreaterThan(0);
    expect([again.hits, again.misses]).toEqual([0, 1]);
    again.close();
  });

  it('derives again when the engine changed', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefbot-cache-')), 'cache.db');
    new BriefingCache(path, 'engine-a').derive({ text: TEXT, source: 'a.txt' });
    const next = new BriefingCache(path, 'engine-b');
    next.derive({ text: TEXT, source: 'a.txt' });
    expect([next.hits, next.misses]).toEqual([0, 1]);
  });
});

describe('BriefingCache.deriveStored (briefings held as their heads)', () => {
  const OTHER =
    'Bridge reopens\nThe old bridge reopened to traffic on Monday after repairs, the council said. Mayor Ann Lee cut the ribbon.\n';
  const temp = () => join(mkdtempSync(join(tmpdir(), 'briefbot-cache-')), 'cache.db');

  it('gives the briefing derive gives, in JSON and field by field, with only its head read at a restart', () => {
    const path = temp();
    const first = new BriefingCache(path, 'engine-a');
    const stored = first.deriveStored({ text: TEXT, source: 'a.txt' });
    const derived = deriveBriefing({ text: TEXT, source: 'a.txt' });
    expect(JSON.stringify(stored)).toBe(JSON.stringify(derived));
    first.close();

    // One whole briefing kept read: the other is read back from the database when asked for.
    const second = new BriefingCache(path, 'engine-a', { recent: 1 });
    const again = second.deriveStored({ text: TEXT, source: 'renamed.txt' });
    const other = second.deriveStored({ text: OTHER, source: 'b.txt' });
    expect([second.hits, second.misses, second.reads]).toEqual([1, 1, 0]);
    expect([again.id, again.title, again.source, again.hash, again.date]).toEqual([
      derived.id,
      derived.title,
      'renamed.txt',
      derived.hash,
      derived.date,
    ]);
    expect(second.reads).toBe(0);
    const want = deriveBriefing({ text: TEXT, source: 'renamed.txt' });
    for (const key of Object.keys(want) as Array<keyof typeof want>) expect(again[key]).toEqual(want[key]);
    expect(second.reads).toBe(1);
    expect(other.sentences).toEqual(deriveBriefing({ text: OTHER, source: 'b.txt' }).sentences);
    expect(again.summary).toEqual(want.summary);
    expect(second.reads).toBe(3);
    expect(second.hashOf(again)).toBe(derived.hash);
    second.close();
  });

  it("knows a stored briefing's quote speakers from its head, without reading it whole", () => {
    const path = temp();
    const quoted =
      'Dam plan approved\nThe council approved the dam on Monday. "We will build it this year," Mayor Ann Lee said. The vote was close.\n';
    new BriefingCache(path, 'engine-a').deriveStored({ text: quoted, source: 'q.txt' });
    const next = new BriefingCache(path, 'engine-a', { recent: 1 });
    const stored = next.deriveStored({ text: quoted, source: 'q.txt' }) as StoredBriefing;
    const derived = deriveBriefing({ text: quoted, source: 'q.txt' });
    expect(derived.quotes.map((q) => q.speaker)).toEqual(['Ann Lee']);
    expect(speakersOf(stored)).toEqual(['Ann Lee']);
    expect(next.reads).toBe(0);
    // A head written before speakers were kept says nothing, and the quotes are read instead.
    const old = new StoredBriefing({ ...headOf(derived), speakers: undefined }, 'q.txt', () => derived);
    expect(old.quoteSpeakers).toBeUndefined();
    expect(speakersOf(old)).toEqual(['Ann Lee']);
    next.close();
  });

  it("knows a stored briefing's speaker names and aliases from its head, for /quotes speaker:", () => {
    const path = temp();
    const quoted =
      'Dam plan approved\nThe council approved the dam on Monday. "We will build it this year," Mayor Ann Lee said. Lee added: "It is time." The vote was close.\n';
    new BriefingCache(path, 'engine-a').deriveStored({ text: quoted, source: 'q.txt' });
    const next = new BriefingCache(path, 'engine-a', { recent: 1 });
    const stored = next.deriveStored({ text: quoted, source: 'q.txt' }) as StoredBriefing;
    const derived = deriveBriefing({ text: quoted, source: 'q.txt' });
    const person = derived.entities.people.find((p) => p.name === 'Ann Lee')!;
    expect(speakerKeysOf(derived)).toEqual(['ann lee', ...person.aliases.map((a) => a.toLowerCase())]);
    expect(speakerKeysOf(stored)).toEqual(speakerKeysOf(derived));
    expect(next.reads).toBe(0);
    // A head written before the keys were kept says nothing, and the briefing is read instead.
    const old = new StoredBriefing({ ...headOf(derived), speakerKeys: undefined }, 'q.txt', () => derived);
    expect(old.speakerKeys).toBeUndefined();
    expect(speakerKeysOf(old)).toEqual(speakerKeysOf(derived));
    next.close();
  });

  it('reads a cache written before heads were kept, and keeps their heads from then on', () => {
    const path = temp();
    const old = new BriefingCache(path, 'engine-a');
    old.derive({ text: TEXT, source: 'a.txt' });
    old.close();
    const next = new BriefingCache(path, 'engine-a');
    expect(next.deriveStored({ text: TEXT, source: 'a.txt' }).quotes).toEqual(
      deriveBriefing({ text: TEXT, source: 'a.txt' }).quotes,
    );
    expect([next.hits, next.misses]).toEqual([1, 0]);
    next.close();
    const third = new BriefingCache(path, 'engine-a', { recent: 1 });
    third.deriveStored({ text: TEXT, source: 'a.txt' });
    expect(third.reads).toBe(0);
    third.close();
  });

  it('says which story is gone when its whole briefing is no longer in the cache', () => {
    const cache = new BriefingCache(temp(), 'engine-a', { recent: 1 });
    const stored = cache.deriveStored({ text: TEXT, source: 'a.txt' });
    cache.deriveStored({ text: OTHER, source: 'b.txt' });
    cache.close();
    expect(stored.title).toBe('Ferry service resumes');
    expect(() => stored.sentences).toThrow(/briefing of a\.txt is no longer in the briefing cache/);
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
