// Storing a fetched article decides its story once (storeArticle): the story book places it and the placement is
// stored with it; when the row already holds another replica's placement, that one stands and the library is
// placed again to match; a changed page stays in its story; a store that fails leaves nothing in the library.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { articleText, storeArticle, textHash } from '../../src/feeds/articles.js';
import { SqliteArticleStore } from '../../src/feeds/sqlite-store.js';
import type { ArticleStore, StoredArticle } from '../../src/feeds/store.js';
import { Library } from '../../src/library/library.js';
import { sqliteBackend, type SqliteBackend } from '../../src/state/backend.js';
import { StoryBook } from '../../src/stories/story-book.js';
import { tempDir } from '../digest/helpers.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/stories');

function stored(file: string, url: string, published: string): StoredArticle {
  const [title, ...rest] = readFileSync(join(FIXTURES, file), 'utf8').trim().split('\n');
  const text = articleText(title!, published, rest.join('\n'));
  return {
    url,
    feedUrl: null,
    outlet: null,
    title: title!,
    published,
    fetchedAt: Date.now(),
    text,
    hash: textHash(text),
  };
}

const bbc = stored('peru-quake-bbc.txt', 'https://bbc.example/peru', '2026-11-04T07:00:00Z');
const ap = stored('peru-quake-ap.txt', 'https://ap.example/peru', '2026-11-02T07:00:00Z');
const derive = deriveBriefing;

describe('storeArticle', () => {
  let tmp: ReturnType<typeof tempDir>;
  let backend: SqliteBackend;
  let store: SqliteArticleStore;
  let library: Library;
  let book: StoryBook;
  const place = (url: string) => book.placementOf(url);
  const storyOf = (url: string) => book.of(url)?.story.id;

  beforeEach(() => {
    tmp = tempDir('briefbot-store-article-');
    backend = sqliteBackend(join(tmp.dir, 'state.db'));
    store = new SqliteArticleStore(backend.db());
    library = new Library([]);
    book = new StoryBook(library);
    book.list();
  });
  afterEach(async () => {
    await backend.close();
    tmp.cleanup();
  });

  it('stores the placement the story book made, and keeps it when the page changes', async () => {
    expect((await storeArticle(library, store, bbc, derive, place)).ok).toBe(true);
    expect((await storeArticle(library, store, ap, derive, place)).ok).toBe(true);
    const story = storyOf(bbc.url)!;
    expect(storyOf(ap.url)).toBe(story);
    expect((await store.get(ap.url))!.story).toEqual({ story, article: library.bySourcePath(ap.url)!.briefing.id });
    // The AP page changes, even to another event's text: it stays in the story it joined (nothing decides again).
    const other = stored('aceh-quake.txt', ap.url, ap.published!);
    const changed = { ...ap, text: other.text, hash: other.hash };
    await storeArticle(library, store, changed, derive, place);
    expect(storyOf(ap.url)).toBe(story);
    expect((await store.get(ap.url))!.story!.story).toBe(story);
  });

  it('takes the placement another replica stored first, and regroups to match', async () => {
    await storeArticle(library, store, bbc, derive, place);
    // Another replica stored the AP page first, in a story of its own.
    const theirs = { story: 'earthquake-elsewhere-000000', article: derive({ text: ap.text, source: ap.url }).id };
    await store.put({ ...ap, story: theirs });
    await storeArticle(library, store, ap, derive, place);
    expect(storyOf(ap.url)).toBe(theirs.story);
    expect(library.bySourcePath(ap.url)!.article!.story).toEqual(theirs);
    expect(book.list().map((s) => s.id)).toContain(theirs.story);
  });

  it('leaves nothing in the library when the store fails', async () => {
    const failing: ArticleStore = {
      put: () => Promise.reject(new Error('disk full')),
      recordStory: (url, story) => store.recordStory(url, story),
      get: (url) => store.get(url),
      all: () => store.all(),
      prune: (before, max) => store.prune(before, max),
    };
    await expect(storeArticle(library, failing, bbc, derive, place)).rejects.toThrow('disk full');
    expect(library.bySourcePath(bbc.url)).toBeUndefined();
    expect(book.list()).toEqual([]);
  });
});
