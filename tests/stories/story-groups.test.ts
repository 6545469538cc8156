// A saved story book: restored whole when the library starts with the same articles, with later arrivals placed
// as a replay would place them, and replayed from scratch when anything differs.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openQuestionCache, storyGroupStore } from '../../src/app.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import type { Briefing } from '../../src/briefing/types.js';
import { Library, type Story } from '../../src/library/library.js';
import { StoryBook } from '../../src/stories/story-book.js';
import { STORY_GROUPS_CODEC, type SavedGroups, type StoryGroupStore } from '../../src/stories/story-groups.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/stories');
const text = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');
const day = (d: string) => Date.parse(`${d}T07:00:00Z`);
const entry = (file: string, outlet: string, at: number, body = text(file)): Story => ({
  briefing: deriveBriefing({ text: body, source: file, outlet }),
  addedAt: at,
});
const ap = () => entry('peru-quake-ap.txt', 'AP', day('2026-11-02'));
const reprint = () =>
  entry(
    'paper.txt',
    'Daily Paper',
    day('2026-11-02') + 60_000,
    `LIMA (AP) — ${text('peru-quake-ap.txt')}\nCopyright AP.`,
  );
const reuters = () => entry('peru-quake-reuters.txt', 'Reuters', day('2026-11-03'));
const aceh = () => entry('aceh-quake.txt', 'BBC', day('2026-11-03') + 1000);
const bbc = () => entry('peru-quake-bbc.txt', 'BBC', day('2026-11-04'));

/** A store in memory that knows each briefing by a hash of its text, and counts what it is asked. */
function memoryStore(): StoryGroupStore & { saves: number; loads: number; saved: Map<string, Buffer> } {
  const saved = new Map<string, Buffer>();
  const store = {
    saves: 0,
    loads: 0,
    saved,
    hashOf: (b: Briefing) =>
      createHash('sha256')
        .update(b.sentences.map((s) => s.text).join('\n'))
        .digest('hex'),
    load(key: string): SavedGroups | null {
      store.loads++;
      const block = saved.get(key);
      return block ? STORY_GROUPS_CODEC.decode(block) : null;
    },
    save(key: string, groups: SavedGroups) {
      store.saves++;
      saved.set(key, STORY_GROUPS_CODEC.encode(groups));
    },
  };
  return store;
}

const grouped = (book: StoryBook) =>
  book.list().map((s) => ({ id: s.id, articles: s.articles.map((a) => [a.id, a.sources.map((x) => x.source)]) }));

describe('saved story groups', () => {
  it('restores the whole book for the same articles, without grouping them again', () => {
    const store = memoryStore();
    const first = new StoryBook(new Library([ap(), reprint(), reuters(), aceh(), bbc()]), { store });
    const expected = grouped(first);
    expect(store.saves).toBe(1);
    const again = new StoryBook(new Library([ap(), reprint(), reuters(), aceh(), bbc()]), { store });
    expect(grouped(again)).toEqual(expected);
    expect(store.saves).toBe(1); // restored, so nothing new to save
    expect(expected).toEqual(grouped(new StoryBook(new Library([ap(), reprint(), reuters(), aceh(), bbc()]))));
  });

  it('places articles that arrived since the save as a replay would, and saves the longer book', () => {
    const store = memoryStore();
    grouped(new StoryBook(new Library([ap(), reprint(), aceh()]), { store }));
    const later = new StoryBook(new Library([ap(), reprint(), aceh(), reuters(), bbc()]), { store });
    const fresh = new StoryBook(new Library([ap(), reprint(), aceh(), reuters(), bbc()]));
    expect(grouped(later)).toEqual(grouped(fresh));
    expect(store.saves).toBe(2);
    // The restored clusterer goes on like the replayed one: later articles land in the same place in both.
    const saved = memoryStore();
    grouped(new StoryBook(new Library([ap(), reprint(), aceh()]), { store: saved }));
    const extra = entry(
      'peru-quake-bbc.txt',
      'BBC',
      day('2026-11-05'),
      `${text('peru-quake-bbc.txt')}\nAftershocks continued.`,
    );
    const more = { ...extra, briefing: { ...extra.briefing, source: 'bbc-update.txt' } };
    const a = new Library([ap(), reprint(), aceh()]);
    const restored = new StoryBook(a, { store: saved });
    grouped(restored);
    expect(saved.saves).toBe(1); // restored, not replayed
    a.upsert(reuters());
    a.upsert(bbc());
    a.upsert(more);
    const b = new Library([ap(), reprint(), aceh(), reuters(), bbc(), more]);
    expect(grouped(restored)).toEqual(grouped(new StoryBook(b)));
    expect(grouped(restored).length).toBeGreaterThan(0);
  });

  it('replays from scratch when the first articles differ from the saved ones', () => {
    const store = memoryStore();
    grouped(new StoryBook(new Library([ap(), reuters(), aceh()]), { store }));
    const edited = { ...reuters(), addedAt: day('2026-11-03') + 5 };
    const book = new StoryBook(new Library([ap(), edited, aceh()]), { store });
    expect(grouped(book)).toEqual(grouped(new StoryBook(new Library([ap(), edited, aceh()]))));
    expect(store.saves).toBe(2);
  });

  it('groups again when a saved book reads but does not hold together (a damaged cache)', () => {
    const store = memoryStore();
    const articles = () => [ap(), reuters(), aceh()];
    const expected = grouped(new StoryBook(new Library(articles()), { store }));
    for (const [key, block] of store.saved) {
      const groups = STORY_GROUPS_CODEC.decode(block);
      store.saved.set(
        key,
        STORY_GROUPS_CODEC.encode({ ...groups, tracker: { ...groups.tracker, clusterer: null as never } }),
      );
    }
    expect(grouped(new StoryBook(new Library(articles()), { store }))).toEqual(expected);
    expect(store.saves).toBe(2);
  });

  it('round-trips through the briefing cache on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'story-groups-'));
    try {
      const path = join(dir, 'cache.db');
      const read = (cache: ReturnType<typeof openQuestionCache>) =>
        new Library(
          ['peru-quake-ap.txt', 'peru-quake-reuters.txt', 'aceh-quake.txt', 'peru-quake-bbc.txt'].map((file, i) => ({
            briefing: cache.derive({ text: text(file), source: file }),
            addedAt: day('2026-11-02') + i * 3_600_000,
          })),
        );
      const one = openQuestionCache(path);
      const expected = grouped(new StoryBook(read(one), { store: storyGroupStore(one) }));
      one.close();
      const two = openQuestionCache(path);
      const store = storyGroupStore(two);
      let saves = 0;
      const counting = { ...store, save: (k: string, g: SavedGroups) => (saves++, store.save(k, g)) };
      expect(grouped(new StoryBook(read(two), { store: counting }))).toEqual(expected);
      expect(saves).toBe(0);
      two.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
