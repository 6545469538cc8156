import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TermStore } from '../../src/cache/vocabulary.js';
import { STORY_TERMS_STORED, type StoryTerms } from '../../src/questions/index-terms.js';

const TERMS: StoryTerms = {
  terms: ['ferri', 'strike', 'island'],
  freqs: [3, 1, 2],
  capitalised: ['island'],
  groupNames: [[['ferri', 'co'], ['ferri']]],
};

describe('TermStore', () => {
  it('reads back the terms it wrote, through one shared vocabulary', () => {
    const db = new Database(':memory:');
    const store = new TermStore(db, 'v1', STORY_TERMS_STORED);
    const json = store.encode(TERMS);
    expect(json).not.toContain('ferri');
    expect(store.decode(json)).toEqual(TERMS);
    const again = store.decode(store.encode({ ...TERMS, terms: ['strike'], freqs: [4] }))!;
    expect(again.terms[0]).toBe('strike');
  });

  it('sees terms another process added to the same vocabulary since it read it', () => {
    const db = new Database(':memory:');
    const reader = new TermStore(db, 'v1', STORY_TERMS_STORED);
    reader.decode(reader.encode({ ...TERMS, terms: [], freqs: [] }));
    const json = new TermStore(db, 'v1', STORY_TERMS_STORED).encode({ ...TERMS, terms: ['harbour'], freqs: [1] });
    expect(reader.decode(json)?.terms).toEqual(['harbour']);
  });

  it('gives null, not a wrong story, for rows it cannot read or a vocabulary of another version', () => {
    const db = new Database(':memory:');
    const json = new TermStore(db, 'v1', STORY_TERMS_STORED).encode(TERMS);
    expect(new TermStore(db, 'v2', STORY_TERMS_STORED).decode(json)).toBeNull();
    expect(new TermStore(db, 'v2', STORY_TERMS_STORED).decode('{"t":[1]}')).toBeNull();
    expect(new TermStore(db, 'v2', STORY_TERMS_STORED).decode('not json')).toBeNull();
    expect(new TermStore(db, 'v1', STORY_TERMS_STORED).decode('{"t":["length"],"f":[1],"c":[],"g":[]}')).toBeNull();
  });
});
