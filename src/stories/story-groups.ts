// The story book of a set of articles, saved so a restart need not group them again: at 10,000 articles grouping
// is most of a warm start. A saved book stands for the articles in their arrival order, named by a chained hash of
// (source, content hash, arrival time); a restart whose library begins with those same articles restores it and
// places only the ones that arrived since, the same as a replay would (the tracker is restored whole: clusterer,
// document frequencies, near-duplicate signatures). Anything that does not match is replayed from scratch.
import { createHash } from 'node:crypto';
import type { Briefing } from '../briefing/types.js';
import type { Story as LibraryEntry } from '../library/library.js';
import type { TrackerSnapshot } from './tracker.js';

export interface SavedGroups {
  /** How many articles, in arrival order, the saved book holds, and the chained hash after the last of them. */
  count: number;
  chain: string;
  tracker: TrackerSnapshot;
}

/** Where saved books live (the briefing cache, wired in app.ts). Every method gives null rather than throwing. */
export interface StoryGroupStore {
  /** The content hash the store knows this very briefing by, if it derived it. */
  hashOf(briefing: Briefing): string | undefined;
  load(key: string): SavedGroups | null;
  save(key: string, groups: SavedGroups): void;
}

/** The source files whose code decides a saved book: one is only good while these are unchanged. */
export const STORY_GROUP_SOURCES = [
  ...['cluster.ts', 'features.ts', 'near-dup.ts', 'pair-features.ts', 'story-state.ts', 'tracker.ts', 'doc-freq.ts'],
  ...['story-book.ts', 'story-groups.ts', 'same-story-model.json', '../questions/terms.ts'],
].map((name) => new URL(name, import.meta.url));

export const STORY_GROUPS_CODEC = {
  sources: STORY_GROUP_SOURCES,
  encode: (groups: SavedGroups): Buffer => Buffer.from(JSON.stringify(groups), 'utf8'),
  decode: (block: Buffer): SavedGroups => {
    const groups = JSON.parse(block.toString('utf8')) as SavedGroups;
    if (typeof groups.count !== 'number' || typeof groups.chain !== 'string' || !groups.tracker)
      throw new Error('not a saved story book');
    return groups;
  },
};

/**
 * The chained hash after each article in arrival order (`chain[i]` covers articles 0..i), or null when the store
 * did not derive one of them (its content is then unknown to it).
 */
export function arrivalChain(arrived: readonly LibraryEntry[], store: StoryGroupStore): string[] | null {
  const out: string[] = [];
  let previous = '';
  for (const entry of arrived) {
    const hash = store.hashOf(entry.briefing);
    if (hash === undefined) return null;
    // A recorded story placement is part of what decides the book (none, for a seed file: the key is as before).
    const to = entry.article?.story;
    previous = createHash('sha256')
      .update(
        `${previous}\0${entry.briefing.source}\0${hash}\0${entry.addedAt}${to ? `\0${to.story}\0${to.article}` : ''}`,
      )
      .digest('hex');
    out.push(previous);
  }
  return out;
}
