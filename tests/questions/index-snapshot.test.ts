import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import type { DocumentInput } from '../../src/briefing/types.js';
import { indexStore, openQuestionCache } from '../../src/app.js';
import { BriefingCache } from '../../src/cache/briefing-cache.js';
import { decodeIndex, encodeIndex, INDEX_BLOCK } from '../../src/questions/index-snapshot.js';
import { STORY_TERMS_STORED } from '../../src/questions/index-terms.js';
import { Library } from '../../src/library/library.js';
import { buildIndex, QuestionIndex } from '../../src/questions/search-index.js';
import { termList } from '../../src/questions/terms.js';
import { ROOT, SEED } from '../questions/helpers.js';

const paragraphs = readFileSync(resolve(ROOT, SEED), 'utf8')
  .split(/\n+/)
  .filter((p) => p.trim());
const inputs: DocumentInput[] = paragraphs
  .slice(0, -2)
  .map((_, i) => ({ text: paragraphs.slice(i, i + 3).join('\n'), source: `part-${i}.txt` }));

const tempCache = () => join(mkdtempSync(join(tmpdir(), 'briefbot-index-')), 'cache.db');
const libraryOf = (derive: (input: DocumentInput) => ReturnType<typeof deriveBriefing>, list = inputs) =>
  new Library(list.map((input, i) => ({ briefing: derive(input), addedAt: i })));

/**
 * Every way the index is asked: ranked stories with exact scores, sentences shortlisted, entities by name (in the
 * order stories were indexed, unless `anyOrder`: a replaced story is indexed last).
 */
function expectSameAnswers(got: QuestionIndex, want: QuestionIndex, library: Library, anyOrder = false): void {
  const queries = [
    'ferry strike',
    ...library.briefings().flatMap((b) => b.sentences.slice(0, 4).map((s) => termList(s.text).slice(0, 3).join(' '))),
  ];
  expect(queries.length).toBeGreaterThan(10);
  expect(got.size).toBe(want.size);
  // Down to what no small corpus's answers show (names no sentence uses, counted apart), the two are the same index.
  if (!anyOrder) expect(got.snapshot(library.stories())).toEqual(want.snapshot(library.stories()));
  for (const q of queries) {
    expect(got.stories(q).map((r) => [r.story.briefing.source, r.score])).toEqual(
      want.stories(q).map((r) => [r.story.briefing.source, r.score]),
    );
    expect(got.shortlist(q).map((h) => [h.story.briefing.source, h.sentence, [...h.info.expanded]])).toEqual(
      want.shortlist(q).map((h) => [h.story.briefing.source, h.sentence, [...h.info.expanded]]),
    );
  }
  for (const b of library.briefings()) {
    expect(got.story(b.source)?.entityTerms).toEqual(want.story(b.source)?.entityTerms);
    for (const e of [...b.entities.people, ...b.entities.places]) {
      const named = (index: QuestionIndex) => {
        const found = index
          .entitiesNamed(e.name)
          .map((x) =>
            JSON.stringify([x.story.briefing.source, x.group.kind, x.group.names, x.group.mentions, x.group.entity]),
          );
        return anyOrder ? found.sort() : found;
      };
      expect(named(got)).toEqual(named(want));
    }
  }
}

describe('the question index saved in the briefing cache', () => {
  it('a warm start with the same stories reads the saved index, which answers exactly as one built afresh', () => {
    const path = tempCache();
    const cold = openQuestionCache(path, 'engine-a');
    const built = buildIndex(libraryOf(cold.derive), indexStore(cold));
    cold.close();

    const warm = openQuestionCache(path, 'engine-a');
    const terms = vi.spyOn(warm, 'stored');
    const load = vi.spyOn(warm, 'loadBlock');
    const library = libraryOf(warm.derive);
    const restored = buildIndex(library, indexStore(warm));
    expect(load).toHaveReturnedWith(expect.objectContaining({ names: expect.any(Array) }));
    expect(terms).not.toHaveBeenCalled();
    const fresh = buildIndex(libraryOf(deriveBriefing));
    expectSameAnswers(restored, fresh, library);
    expectSameAnswers(built, fresh, library);

    // It follows the library afterwards as a built one does.
    library.remove(inputs[1]!.source);
    library.upsert({
      briefing: deriveBriefing({ ...inputs[2]!, text: `${inputs[2]!.text}\nThe ferry strike ended on Sunday.` }),
      addedAt: 99,
    });
    expect(restored.stories('ferry strike')[0]?.story.briefing.source).toBe(inputs[2]!.source);
    expectSameAnswers(restored, buildIndex(new Library(library.stories())), library, true);
    warm.close();
  });

  it('restores over briefings held as their heads without reading one whole, and answers as one built afresh', () => {
    const path = tempCache();
    const cold = openQuestionCache(path, 'engine-a');
    const built = buildIndex(libraryOf(cold.deriveStored), indexStore(cold));
    cold.close();

    // Only two whole briefings kept read: answering reads the others back from the database.
    const warm = new BriefingCache(path, 'engine-a', { beside: STORY_TERMS_STORED, blocks: INDEX_BLOCK, recent: 2 });
    const library = libraryOf(warm.deriveStored);
    expect(warm.hits).toBe(inputs.length);
    const restored = buildIndex(library, indexStore(warm));
    expect(warm.reads).toBe(0);
    // Entities ranked by name are unpacked one by one, and are the very groups the story lists afterwards.
    const hits = library
      .briefings()
      .flatMap((b) => b.entities.people.flatMap((e) => [...restored.entitiesNamed(e.name)]));
    expect(hits.length).toBeGreaterThan(3);
    for (const hit of hits) expect(hit.story.groups).toContain(hit.group);
    const fresh = buildIndex(libraryOf(deriveBriefing));
    expectSameAnswers(restored, fresh, library);
    expectSameAnswers(built, fresh, library);
    expect(warm.reads).toBeGreaterThan(inputs.length);
    warm.close();
  });

  it('is built again, from the stored terms, when a story has changed, and the new set is saved', () => {
    const path = tempCache();
    const cold = openQuestionCache(path, 'engine-a');
    buildIndex(libraryOf(cold.derive), indexStore(cold));
    cold.close();

    const changed = inputs.map((input, i) =>
      i === 3 ? { ...input, text: `${input.text}\nThe ferry strike ended on Sunday.` } : input,
    );
    const warm = openQuestionCache(path, 'engine-a');
    const terms = vi.spyOn(warm, 'stored');
    const load = vi.spyOn(warm, 'loadBlock');
    const library = libraryOf(warm.derive, changed);
    const rebuilt = buildIndex(library, indexStore(warm));
    expect(load).toHaveReturnedWith(null);
    // Every story asks the cache: the changed one is handed the terms just worked out, the others read theirs back.
    expect(terms).toHaveBeenCalledTimes(inputs.length);
    expect(terms.mock.results.every((r) => r.value !== null)).toBe(true);
    expect(rebuilt.stories('ferry strike')[0]?.story.briefing.source).toBe(inputs[3]!.source);
    expectSameAnswers(rebuilt, buildIndex(libraryOf(deriveBriefing, changed)), library);
    warm.close();

    const again = openQuestionCache(path, 'engine-a');
    const loadAgain = vi.spyOn(again, 'loadBlock');
    expectSameAnswers(buildIndex(libraryOf(again.derive, changed), indexStore(again)), rebuilt, library);
    expect(loadAgain).not.toHaveReturnedWith(null);
    again.close();
  });

  it('builds the index when the saved block cannot be read, or was saved by another engine', () => {
    const path = tempCache();
    const cold = openQuestionCache(path, 'engine-a');
    buildIndex(libraryOf(cold.derive), indexStore(cold));
    cold.close();
    const db = new Database(path);
    const blocks = db.prepare('UPDATE question_index SET data = substr(data, 1, 40)').run();
    db.close();
    expect(blocks.changes).toBe(1);

    const warm = openQuestionCache(path, 'engine-a');
    const library = libraryOf(warm.derive);
    expectSameAnswers(buildIndex(library, indexStore(warm)), buildIndex(libraryOf(deriveBriefing)), library);
    warm.close();

    const other = openQuestionCache(path, 'engine-b');
    const load = vi.spyOn(other, 'loadBlock');
    buildIndex(libraryOf(other.derive), indexStore(other));
    expect(load).toHaveReturnedWith(null);
    other.close();
  });

  it('reads back the block it wrote, and refuses one cut short', () => {
    const cache = openQuestionCache(':memory:', 'engine-a');
    const library = libraryOf(cache.derive);
    const snapshot = buildIndex(library, indexStore(cache)).snapshot(library.stories());
    const block = encodeIndex(snapshot);
    const back = decodeIndex(block);
    expect([...back.stories]).toEqual([...snapshot.stories]);
    expect([...back.postings.data]).toEqual([...snapshot.postings.data]);
    expect([...back.postings.lengths]).toEqual([...snapshot.postings.lengths]);
    expect(back.postings.terms).toEqual(snapshot.postings.terms);
    expect(() => decodeIndex(block.subarray(0, block.length - 4))).toThrow(/wrong length/);
    // Names packed wrong are refused whole at restore, not found out later by a question.
    const wrong = (edit: (names: Int32Array) => void) => {
      const names = Int32Array.from(snapshot.stories);
      edit(names);
      return () => QuestionIndex.restore(library.stories(), { ...snapshot, stories: names });
    };
    expect(wrong(() => {})).not.toThrow();
    expect(wrong((n) => (n[n.length - 1] = 1e9))).toThrow(/term they do not have|run on|cut short/);
    expect(wrong((n) => (n[0] = n[0]! + 1))).toThrow(/other entities/);
    expect(() =>
      QuestionIndex.restore(library.stories(), {
        ...snapshot,
        stories: snapshot.stories.subarray(0, snapshot.stories.length - 1),
      }),
    ).toThrow();
    cache.close();
  });
});
