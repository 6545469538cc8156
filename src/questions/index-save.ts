// The question index's table saved whole as a snapshot, and restored from one for the very same stories, so a warm
// start reads no story's terms and no briefing (see index-snapshot.ts for the snapshot as a block).
import type { Story } from '../library/library.js';
import { Postings } from './index-postings.js';
import type { IndexSnapshot, IndexStore } from './index-snapshot.js';
import { entityCounts, IndexedStory, packNames, readNames, type PackedNames } from './index-story.js';
import { StoryTable } from './index-table.js';
import type { TermSource } from './index-terms.js';

/** The table as data, for `restoreTable` with these same stories in this order. */
export function snapshotTable(table: StoryTable, stories: readonly Story[]): IndexSnapshot {
  const order = stories.map((s) => table.ids.get(s.briefing.source)!);
  const postings = table.search.snapshot(order);
  const vocab = new Map(postings.terms.map((t, i) => [t, i]));
  const names: string[] = [];
  const id = (term: string): number => {
    let i = vocab.get(term);
    if (i === undefined) {
      vocab.set(term, (i = vocab.size));
      names.push(term);
    }
    return i;
  };
  const packed: number[] = [];
  for (const n of order) packNames(table.byId.get(n)!, id, packed);
  const position = new Map(order.map((n, i) => [n, i]));
  const byName = [...table.names.entries()].map(([key, pairs]): [string, number[]] => [
    key,
    pairs.map((x, i) => (i % 2 === 0 ? position.get(x)! : x)),
  ]);
  return { postings, names, stories: Int32Array.from(packed), byName };
}

/** The table `snapshotTable` described, for the same stories; throws when the snapshot does not fit them. */
export function restoreTable(
  stories: readonly Story[],
  snapshot: IndexSnapshot,
  terms?: TermSource & Pick<IndexStore, 'entityCounts'>,
): StoryTable {
  if (snapshot.postings.lengths.length !== stories.length) throw new Error('snapshot is of other stories');
  const table = new StoryTable(Postings.restore(snapshot.postings));
  const names: PackedNames = { vocab: [...snapshot.postings.terms, ...snapshot.names], data: snapshot.stories };
  let at = 0;
  // Entity counts from the store when it has them: a briefing held as its head is not read whole to check them.
  const counts = stories.map((story) => terms?.entityCounts?.(story.briefing) ?? entityCounts(story.briefing));
  // Checked whole now, unpacked story by story when first asked about.
  stories.forEach((story, id) => {
    const indexed = IndexedStory.packed(story.briefing, story.addedAt, names, at, counts[id]);
    at = readNames(names, at, false, (term) => table.countNameOnly(names.vocab[term]!)).next;
    table.place(id, indexed);
  });
  if (at !== names.data.length) throw new Error('snapshot names run on');
  for (const [key, pairs] of snapshot.byName) {
    for (let i = 0; i < pairs.length; i += 2) {
      const known = counts[pairs[i]!];
      const count = known ? known[0] + known[1] + known[2] : 0;
      if (!(pairs[i + 1]! < count))
        throw new Error(`snapshot names entity ${pairs[i + 1]} of story ${pairs[i]}, which it does not have`);
    }
    table.names.set(key, pairs);
  }
  table.nextId = stories.length;
  return table;
}
