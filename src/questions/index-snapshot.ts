// The question index of a whole set of stories as plain data, and as one block for the briefing cache to keep: a warm
// start with unchanged stories reads it in one go instead of every story's terms (four million strings made and
// collected, then the index built from them). A block is a small JSON head (terms, names) then the postings and every
// story's names as 32-bit integers, read in place. Also here: what the index asks of a store, and the key it saves under.
import { createHash } from 'node:crypto';
import type { Briefing } from '../briefing/types.js';
import type { Story } from '../library/library.js';
import type { PostingsSnapshot } from './index-postings.js';
import { STORY_TERMS_SOURCES, type TermSource } from './index-terms.js';

/** The whole index as plain data, saved so a restart with the same stories need not read every story's terms. */
export interface IndexSnapshot {
  postings: PostingsSnapshot;
  /** Terms the stories name that no sentence uses; ids below count the postings' terms first, then these. */
  names: string[];
  /** Every story's names as term numbers, one story after another in order (see `packNames`). */
  stories: Int32Array;
  /** Each folded name, with the (story, entity) pairs that bear it: folding a name is the costly part of indexing. */
  byName: Array<[key: string, entries: number[]]>;
}

/** The source files whose code decides a snapshot: a saved one is only good while these are unchanged. */
export const INDEX_SOURCES = [
  ...STORY_TERMS_SOURCES,
  ...[
    'index-table.ts',
    'index-names.ts',
    'index-save.ts',
    'index-snapshot.ts',
    'index-postings.ts',
    'index-story.ts',
    'sentence-prefilter.ts',
  ].map((name) => new URL(name, import.meta.url)),
];

/**
 * Stored terms and indexes (the briefing cache, wired in app.ts). Every method gives null rather than throwing: the
 * store only ever saves time.
 */
export interface IndexStore extends TermSource {
  /** The content hash the store knows this very briefing by, if it derived it. */
  hashOf(briefing: Briefing): string | undefined;
  /**
   * How many people, organisations and places this briefing names, when the store knows without reading it whole (a
   * briefing it holds as its head); undefined otherwise.
   */
  entityCounts?(briefing: Briefing): readonly [number, number, number] | undefined;
  /** `key` names the ordered stories; the store adds the code that indexed them. */
  loadIndex(key: string): IndexSnapshot | null;
  saveIndex(key: string, snapshot: IndexSnapshot): void;
}

/**
 * The key the index of these stories is saved under: the ordered (source, content hash) pairs. Only when every story
 * came through the store (the stored terms and the key's other half are its business).
 */
export function savedIndexKey(stories: readonly Story[], store: IndexStore): string | null {
  const hash = createHash('sha256');
  for (const story of stories) {
    const known = store.hashOf(story.briefing);
    if (known === undefined) return null;
    hash.update(`${story.briefing.source}\0${known}\n`);
  }
  return stories.length ? hash.digest('hex') : null;
}

const HEAD = 16;

interface Head {
  terms: string[];
  names: string[];
  byName: IndexSnapshot['byName'];
}

export function encodeIndex(snapshot: IndexSnapshot): Buffer {
  const head: Head = { terms: snapshot.postings.terms, names: snapshot.names, byName: snapshot.byName };
  const json = Buffer.from(JSON.stringify(head), 'utf8');
  // The integers start on a multiple of four, so they can be read without a copy.
  const start = HEAD + Math.ceil(json.length / 4) * 4;
  const { lengths, data } = snapshot.postings;
  const stories = snapshot.stories;
  const out = Buffer.alloc(start + 4 * (lengths.length + data.length + stories.length));
  out.writeUInt32LE(json.length, 0);
  out.writeUInt32LE(lengths.length, 4);
  out.writeUInt32LE(data.length, 8);
  out.writeUInt32LE(stories.length, 12);
  json.copy(out, HEAD);
  let at = start;
  for (const ints of [lengths, data, stories]) {
    for (let i = 0; i < ints.length; i++) out.writeInt32LE(ints[i]!, at + 4 * i);
    at += 4 * ints.length;
  }
  return out;
}

/** The snapshot `encodeIndex` wrote; throws when the block is not one. */
export function decodeIndex(block: Buffer): IndexSnapshot {
  if (block.length < HEAD) throw new Error('index block is cut short');
  const jsonBytes = block.readUInt32LE(0);
  const count = block.readUInt32LE(4);
  const size = block.readUInt32LE(8);
  const names = block.readUInt32LE(12);
  const start = HEAD + Math.ceil(jsonBytes / 4) * 4;
  if (block.length !== start + 4 * (count + size + names)) throw new Error('index block has the wrong length');
  const head = JSON.parse(block.toString('utf8', HEAD, HEAD + jsonBytes)) as Head;
  if (!Array.isArray(head.terms) || !Array.isArray(head.names) || !Array.isArray(head.byName))
    throw new Error('index block head is not one');
  const ints = (from: number, n: number): Int32Array => {
    const offset = block.byteOffset + from;
    // Little-endian machines read the bytes in place; others (or a misaligned buffer) decode them one by one.
    if (offset % 4 === 0 && LITTLE_ENDIAN) return new Int32Array(block.buffer, offset, n);
    return Int32Array.from({ length: n }, (_, i) => block.readInt32LE(from + 4 * i));
  };
  return {
    postings: { terms: head.terms, lengths: ints(start, count), data: ints(start + 4 * count, size) },
    names: head.names,
    stories: ints(start + 4 * (count + size), names),
    byName: head.byName,
  };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** How the briefing cache keeps a snapshot (its BlockCodec, given to it in app.ts). */
export const INDEX_BLOCK = { sources: INDEX_SOURCES, encode: encodeIndex, decode: decodeIndex };
