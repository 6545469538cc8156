// The question index of a whole set of stories, saved as one block: a warm start with unchanged stories reads it in
// one go instead of every story's terms (four million strings made and collected, then the index built from them).
// A block is a small JSON head (terms, names) then the postings and every story's names as 32-bit integers, read in place.
import type Database from 'better-sqlite3';
import type { IndexSnapshot } from '../questions/search-index.js';

/** Blocks kept per version: a few sets of stories (folders, or one folder before and after a change). */
const KEPT = 4;
const HEAD = 16;

interface Head {
  terms: string[];
  names: string[];
  byName: IndexSnapshot['byName'];
}

export class IndexBlocks {
  private readonly select: Database.Statement<[string, string], { data: Buffer }>;
  private readonly insert: Database.Statement<[string, string, Buffer]>;
  private readonly prune: Database.Statement<[string, string, number]>;

  constructor(db: Database.Database, private readonly version: string) {
    db.exec('CREATE TABLE IF NOT EXISTS question_index (key TEXT NOT NULL, version TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (key, version))');
    db.prepare('DELETE FROM question_index WHERE version <> ?').run(version);
    this.select = db.prepare('SELECT data FROM question_index WHERE key = ? AND version = ?');
    this.insert = db.prepare('INSERT OR REPLACE INTO question_index (key, version, data) VALUES (?, ?, ?)');
    this.prune = db.prepare('DELETE FROM question_index WHERE version = ? AND rowid NOT IN (SELECT rowid FROM question_index WHERE version = ? ORDER BY rowid DESC LIMIT ?)');
  }

  /** The saved snapshot, or null when there is none or it cannot be read (the index is then built). */
  load(key: string): IndexSnapshot | null {
    try {
      const row = this.select.get(key, this.version);
      return row ? decodeIndex(row.data) : null;
    } catch {
      return null;
    }
  }

  save(key: string, snapshot: IndexSnapshot): void {
    try {
      this.insert.run(key, this.version, encodeIndex(snapshot));
      this.prune.run(this.version, this.version, KEPT);
    } catch {
      // Not saved: the next start builds the index again, which is all a saved one spares.
    }
  }
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
  if (!Array.isArray(head.terms) || !Array.isArray(head.names) || !Array.isArray(head.byName)) throw new Error('index block head is not one');
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
