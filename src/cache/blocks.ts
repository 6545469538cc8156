// Whole blocks saved beside the briefings under a key, for the owner of the block to read back in one go (the
// question index of a set of stories: a warm start with unchanged stories reads it instead of every story's terms).
// The cache only stores the bytes; what is in them, and how they are written and read, is the codec's business.
import type Database from 'better-sqlite3';

/** Blocks kept per version: a few sets of stories (folders, or one folder before and after a change). */
const KEPT = 4;

/** How a value becomes a block and back; `decode` throws when the block is not one it wrote. */
export interface BlockCodec<S> {
  /** The source files whose code decides a block: a saved one is only good while these are unchanged. */
  sources: readonly URL[];
  encode(value: S): Buffer;
  decode(block: Buffer): S;
}

export class Blocks<S> {
  private readonly select: Database.Statement<[string, string], { data: Buffer }>;
  private readonly insert: Database.Statement<[string, string, Buffer]>;
  private readonly prune: Database.Statement<[string, string, number]>;

  /** `table` keeps one kind of block: the question index's, or the story groups'. */
  constructor(
    db: Database.Database,
    private readonly version: string,
    private readonly codec: BlockCodec<S>,
    table: 'question_index' | 'story_groups' = 'question_index',
  ) {
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${table} (key TEXT NOT NULL, version TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (key, version))`,
    );
    db.prepare(`DELETE FROM ${table} WHERE version <> ?`).run(version);
    this.select = db.prepare(`SELECT data FROM ${table} WHERE key = ? AND version = ?`);
    this.insert = db.prepare(`INSERT OR REPLACE INTO ${table} (key, version, data) VALUES (?, ?, ?)`);
    this.prune = db.prepare(
      `DELETE FROM ${table} WHERE version = ? AND rowid NOT IN (SELECT rowid FROM ${table} WHERE version = ? ORDER BY rowid DESC LIMIT ?)`,
    );
  }

  /** The saved value, or null when there is none or it cannot be read (its owner then works it out). */
  load(key: string): S | null {
    try {
      const row = this.select.get(key, this.version);
      return row ? this.codec.decode(row.data) : null;
    } catch {
      return null;
    }
  }

  save(key: string, value: S): void {
    try {
      this.insert.run(key, this.version, this.codec.encode(value));
      this.prune.run(this.version, this.version, KEPT);
    } catch {
      // Not saved: the next start works it out again, which is all a saved one spares.
    }
  }
}
