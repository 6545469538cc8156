import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { indexStore, openQuestionCache } from '../../src/app.js';
import { Library } from '../../src/library/library.js';
import { storyTermsFor, storyTermsOf } from '../../src/questions/index-terms.js';
import { buildIndex } from '../../src/questions/search-index.js';
import { termList } from '../../src/questions/terms.js';
import { ROOT, SEED } from './helpers.js';

const paragraphs = readFileSync(resolve(ROOT, SEED), 'utf8')
  .split(/\n+/)
  .filter((p) => p.trim());
const inputs = paragraphs
  .slice(0, -2)
  .map((_, i) => ({ text: paragraphs.slice(i, i + 3).join('\n'), source: `part-${i}.txt` }));

describe('story terms kept in the briefing cache', () => {
  it('an index built from cached briefings and terms ranks and names exactly as one built from fresh briefings', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefbot-terms-')), 'cache.db');
    const cold = openQuestionCache(path, 'engine-a');
    inputs.forEach((input) => cold.derive(input));
    cold.close();
    const warm = openQuestionCache(path, 'engine-a');
    const cached = new Library(inputs.map((input, i) => ({ briefing: warm.derive(input), addedAt: i })));
    expect(warm.hits).toBe(inputs.length);
    warm.close();
    const fresh = new Library(inputs.map((input, i) => ({ briefing: deriveBriefing(input), addedAt: i })));

    const a = buildIndex(cached, indexStore(warm));
    const b = buildIndex(fresh);
    const queries = fresh
      .briefings()
      .flatMap((br) => br.sentences.slice(0, 4).map((s) => termList(s.text).slice(0, 3).join(' ')));
    expect(queries.length).toBeGreaterThan(10);
    for (const q of queries) {
      const got = a.stories(q).map((r) => [r.story.briefing.source, r.score]);
      expect(got).toEqual(b.stories(q).map((r) => [r.story.briefing.source, r.score]));
    }
    for (const br of fresh.briefings()) {
      for (const person of br.entities.people) {
        expect(a.entitiesNamed(person.name).map((e) => e.story.briefing.source)).toEqual(
          b.entitiesNamed(person.name).map((e) => e.story.briefing.source),
        );
      }
    }
  });

  it('follows the library: after stories are replaced and removed it ranks as an index built afresh', () => {
    const live = new Library(inputs.map((input, i) => ({ briefing: deriveBriefing(input), addedAt: i })));
    const index = buildIndex(live);
    live.remove(inputs[1]!.source);
    live.upsert({
      briefing: deriveBriefing({ ...inputs[2]!, text: `${inputs[2]!.text}\nThe ferry strike ended on Sunday.` }),
      addedAt: 99,
    });
    const rebuilt = buildIndex(new Library(live.stories()));
    const queries = ['ferry strike', ...inputs.map((input) => termList(input.text).slice(2, 5).join(' '))];
    for (const q of queries) {
      const got = index.stories(q);
      const want = rebuilt.stories(q);
      expect(got.map((r) => r.story.briefing.source)).toEqual(want.map((r) => r.story.briefing.source));
      got.forEach((r, i) => expect(r.score).toBeCloseTo(want[i]!.score, 9));
    }
    expect(index.stories('ferry strike')[0]?.story.briefing.source).toBe(inputs[2]!.source);
    expect(index.story(inputs[1]!.source)).toBeUndefined();
  });

  it('hands the index the stored terms, which equal terms worked out afresh', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefbot-terms-')), 'cache.db');
    openQuestionCache(path, 'engine-a').derive(inputs[0]!);
    const cache = openQuestionCache(path, 'engine-a');
    const briefing = cache.derive(inputs[0]!);
    expect(cache.stored(briefing)).not.toBeNull();
    expect(storyTermsFor(briefing, indexStore(cache))).toEqual(storyTermsOf(deriveBriefing(inputs[0]!)));
  });
});
