import { describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { Library, type LibraryEvent } from '../../src/library/library.js';

const story = (source: string, text: string, addedAt: number) => ({
  briefing: deriveBriefing({ text, source }),
  addedAt,
});

describe('Library', () => {
  const older = story('a.txt', 'Dam repairs finish early\nEngineers finished repairs to the dam on Monday.\n', 1000);
  const newer = story(
    'b.txt',
    'Library opens night hours\nThe central library will open until midnight, staff said.\n',
    2000,
  );

  it('defaults to the newest story and finds others by id, id prefix or title words', () => {
    const library = new Library([older, newer]);
    const newest = library.resolve();
    expect(newest.ok && newest.story).toBe(newer.briefing);
    const byWords = library.resolve('dam repairs');
    expect(byWords.ok && byWords.story).toBe(older.briefing);
    const byPrefix = library.resolve(older.briefing.id.slice(0, 8));
    expect(byPrefix.ok && byPrefix.story).toBe(older.briefing);
  });

  it('treats a path-like or hostile story option as words, never as a file', () => {
    const library = new Library([older]);
    const result = library.resolve('../../etc/passwd');
    expect(result).toEqual({
      ok: false,
      message: 'No story matches "../../etc/passwd". Use /stories to see what is loaded.',
    });
  });

  it('says when nothing is loaded', () => {
    expect(new Library().resolve()).toMatchObject({
      ok: false,
      message: expect.stringContaining('No stories are loaded'),
    });
  });

  it('emits changes so indexes can follow, and reorders', () => {
    const library = new Library([older]);
    const events: LibraryEvent['type'][] = [];
    library.onChange((e) => events.push(e.type));
    library.upsert(newer);
    expect(library.briefings()[0]).toBe(newer.briefing);
    expect(library.remove('b.txt')).toBe(true);
    expect(library.remove('b.txt')).toBe(false);
    expect(events).toEqual(['upsert', 'remove']);
    expect(library.briefings()).toEqual([older.briefing]);
  });
});
