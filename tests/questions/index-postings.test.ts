import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { Postings } from '../../src/questions/index-postings.js';
import { storyTermsOf } from '../../src/questions/index-terms.js';
import { termList } from '../../src/questions/terms.js';
import { ROOT, SEED } from './helpers.js';

// MiniSearch, configured as the index used it before, is the reference the postings must score like.
function reference(): MiniSearch<{ id: number; terms: string }> {
  return new MiniSearch({
    fields: ['terms'],
    tokenize: (t: string) => t.split(' '),
    processTerm: (t: string) => t || null,
  });
}

// Many stories of real prose: the seed article cut into stories of a few paragraphs each, overlapping.
const paragraphs = readFileSync(resolve(ROOT, SEED), 'utf8')
  .split(/\n+/)
  .filter((p) => p.trim());
const seeds = paragraphs
  .slice(0, -2)
  .map((_, i) => deriveBriefing({ text: paragraphs.slice(i, i + 3).join('\n'), source: `part-${i}.txt` }));

/** Every story's terms, expanded back to the space-separated document MiniSearch was given. */
function docOf(terms: string[], freqs: number[]): string {
  return terms.flatMap((t, i) => Array<string>(freqs[i]!).fill(t)).join(' ');
}

describe('Postings', () => {
  it('ranks and scores stories as MiniSearch did, prefix matches included, also after removals', () => {
    expect(seeds.length).toBeGreaterThan(5);
    const postings = new Postings();
    const mini = reference();
    const data = seeds.map(storyTermsOf);
    data.forEach((d, id) => {
      postings.add(id, d.terms, d.freqs);
      mini.add({ id, terms: docOf(d.terms, d.freqs) });
    });
    const queries = seeds.flatMap((b) => b.sentences.slice(0, 6).map((s) => termList(s.text).slice(0, 4)));
    queries.push(['zzzz-not-a-term'], []);
    const prefix = (t: string) => t.length >= 6;
    const compare = () => {
      for (const q of queries) {
        const ours = postings.search(q, prefix);
        const theirs = mini.search(q.join(' '), { combineWith: 'OR', prefix });
        expect(ours.map((r) => r.id)).toEqual(theirs.map((r) => r.id));
        ours.forEach((r, i) => expect(r.score).toBeCloseTo(theirs[i]!.score, 10));
      }
    };
    expect(queries.filter((q) => postings.search(q, prefix).length > 2).length).toBeGreaterThan(10);
    compare();
    // Removing then re-adding documents: MiniSearch is vacuumed so its lazy removal is complete before comparing.
    // A replaced story comes back under a new id, as the question index does it.
    postings.remove(0, data[0]!.terms);
    mini.discard(0);
    postings.add(data.length, data[0]!.terms, data[0]!.freqs);
    mini.add({ id: data.length, terms: docOf(data[0]!.terms, data[0]!.freqs) });
    postings.remove(1, data[1]!.terms);
    mini.discard(1);
    return mini.vacuum().then(compare);
  });

  it('forgets a removed document entirely', () => {
    const postings = new Postings();
    postings.add(1, ['ferry', 'strike'], [2, 1]);
    postings.add(2, ['ferry'], [1]);
    postings.remove(1, ['ferry', 'strike']);
    expect(postings.size).toBe(1);
    expect(postings.search(['strike'], () => true)).toEqual([]);
    expect(postings.search(['ferry'], () => false).map((r) => r.id)).toEqual([2]);
    expect([postings.count('ferry'), postings.count('strike')]).toEqual([1, 0]);
    expect(() => postings.add(2, ['ferry'], [1])).toThrow(/must grow/);
  });

  it('restored from its snapshot, scores, counts and changes exactly as the postings it was taken from', () => {
    const built = new Postings();
    const data = seeds.map(storyTermsOf);
    data.forEach((d, id) => built.add(id, d.terms, d.freqs));
    const restored = Postings.restore(built.snapshot(data.map((_, id) => id)));
    const queries = seeds.flatMap((b) => b.sentences.slice(0, 6).map((s) => termList(s.text).slice(0, 4)));
    const prefix = (t: string) => t.length >= 6;
    const same = () => {
      for (const q of queries) expect(restored.search(q, prefix)).toEqual(built.search(q, prefix));
      for (const d of data)
        for (const t of d.terms) {
          expect(restored.count(t)).toBe(built.count(t));
          expect(restored.lastAdded(t, data.length - 1)).toBe(built.lastAdded(t, data.length - 1));
        }
      expect(restored.snapshot([...restored.ids()])).toEqual(built.snapshot([...built.ids()]));
    };
    same();
    // Terms a change touches become arrays; the rest stay as restored, and the two kinds answer together.
    for (const p of [built, restored]) {
      p.remove(2, data[2]!.terms);
      p.add(data.length, data[2]!.terms, data[2]!.freqs);
      p.remove(0, data[0]!.terms);
    }
    same();
    expect(() => Postings.restore({ ...built.snapshot([...built.ids()]), data: Int32Array.of(2, 3, 1, 1, 1) })).toThrow(
      /out of order/,
    );
  });
});
