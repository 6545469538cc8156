// The briefing cache as each part of the bot sees it: the seeds folder's record of files read, the question
// index's store of terms and snapshots, the story book's store of groups; and the index and the story book built
// on first use. app.ts wires them; a cache that cannot be opened only costs time.
import { BriefingCache } from '../cache/briefing-cache.js';
import type { Config } from '../config.js';
import type { Library } from '../library/library.js';
import { READER_SOURCES, type KnownFiles } from '../library/load.js';
import type { Logger } from '../log.js';
import { INDEX_BLOCK, type IndexSnapshot, type IndexStore } from '../questions/index-snapshot.js';
import { STORY_TERMS_STORED, type StoryTerms } from '../questions/index-terms.js';
import { buildIndex, type QuestionIndex } from '../questions/search-index.js';
import { StoryBook } from '../stories/story-book.js';
import { STORY_GROUPS_CODEC, type StoryGroupStore } from '../stories/story-groups.js';

/** The briefing cache, keeping beside each briefing the question index's terms of it, and the index's snapshots. */
export type QuestionCache = BriefingCache<StoryTerms, IndexSnapshot>;

export function openQuestionCache(path: string, version?: string): QuestionCache {
  return new BriefingCache(path, version, { beside: STORY_TERMS_STORED, blocks: INDEX_BLOCK, files: READER_SOURCES });
}

/** The cache as the seeds folder's record of files read before (by path, size and mtime). */
export function knownFiles(cache: QuestionCache): KnownFiles {
  return {
    known: (file, size, mtimeMs, source) => cache.knownFile(file, size, mtimeMs, source),
    remember: (file, size, mtimeMs, read) => cache.rememberFile(file, size, mtimeMs, read),
  };
}

/** The cache as the question index's store: the hashes and terms of the briefings it derived, and saved indexes. */
export function indexStore(cache: QuestionCache): IndexStore {
  return {
    hashOf: (briefing) => cache.hashOf(briefing),
    storyTerms: (briefing) => cache.stored(briefing),
    entityCounts: (briefing) => cache.entityCounts(briefing),
    loadIndex: (key) => cache.loadBlock(key),
    saveIndex: (key, snapshot) => cache.saveBlock(key, snapshot),
  };
}

/** The question index of `library`, built on first call (a one-shot CLI command that asks nothing never pays for it). */
export function lazyIndex(library: Library, store?: IndexStore): () => QuestionIndex {
  let index: QuestionIndex | undefined;
  return () => (index ??= buildIndex(library, store));
}

/** The cache as the story book's store: the hashes of the briefings it derived, and saved story groups. */
export function storyGroupStore(cache: QuestionCache): StoryGroupStore {
  const blocks = cache.storyBlocks(STORY_GROUPS_CODEC);
  return {
    hashOf: (briefing) => cache.hashOf(briefing),
    load: (key) => blocks.load(key),
    save: (key, groups) => blocks.save(key, groups),
  };
}

/** The story book of `library`, built on first call (grouping every article costs a derive-sized pass, unless saved). */
export function lazyStories(library: Library, store?: StoryGroupStore): () => StoryBook {
  let book: StoryBook | undefined;
  return () => (book ??= new StoryBook(library, store ? { store } : {}));
}

/** The cache only saves time: if it cannot be opened the bot derives everything and says so once. */
export function openCache(config: Config, log: Logger): QuestionCache | null {
  if (config.BRIEFING_CACHE === 'off') return null;
  try {
    return openQuestionCache(config.BRIEFING_CACHE);
  } catch (err) {
    log.warn(
      { err, path: config.BRIEFING_CACHE },
      `briefing cache ${config.BRIEFING_CACHE} could not be opened; deriving without it`,
    );
    return null;
  }
}
