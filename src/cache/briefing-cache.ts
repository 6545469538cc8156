// Briefings cached by content hash in SQLite, so a restart on a large folder does not derive everything again.
// The key includes a fingerprint of the briefing engine's own source, so changing the engine invalidates the cache
// without anyone having to remember to bump a version. Beside each briefing the cache can keep a value another part
// of the bot works out from it (keyed also by that code's source), and whole blocks under a key. app.ts gives it the
// question index's story terms and index snapshot, so start-up need not tokenize every story again, nor read them at
// all when the stories are unchanged; the cache itself knows nothing of questions.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { deriveBriefing, documentHash } from '../briefing/derive.js';
import type { Briefing, DocumentInput } from '../briefing/types.js';
import { Blocks, type BlockCodec } from './blocks.js';
import { decodeBriefing, encodeBriefing } from './briefing-codec.js';
import { HEAD_FORMAT, headOf, parseHead, StoredBriefing } from './stored-briefing.js';
import { TermStore, type StoredBeside } from './vocabulary.js';
import { BoundedMap } from '../core/bounded-map.js';

let fingerprint: string | undefined;
const sourceFingerprints = new Map<readonly URL[], string>();

/** sha256 over every file of src/briefing, subfolders included, computed once per process. */
export function engineFingerprint(): string {
  fingerprint ??= treeFingerprint(join(dirname(fileURLToPath(import.meta.url)), '../briefing'));
  return fingerprint;
}

/**
 * sha256 over every file under `dir`, by path relative to it, in one fixed order (names sorted, a folder's files
 * where its name sorts), so moving files into a subfolder changes the fingerprint rather than throwing EISDIR.
 */
export function treeFingerprint(dir: string): string {
  const hash = createHash('sha256');
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name);
      const name = prefix + entry.name;
      if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(path).isDirectory())) walk(path, `${name}/`);
      else {
        hash.update(name);
        hash.update(readFileSync(path));
      }
    }
  };
  walk(dir, '');
  return hash.digest('hex').slice(0, 16);
}

function sourcesFingerprint(sources: readonly URL[]): string {
  let known = sourceFingerprints.get(sources);
  if (known) return known;
  const hash = createHash('sha256');
  for (const url of sources) hash.update(readFileSync(url));
  known = hash.digest('hex').slice(0, 16);
  sourceFingerprints.set(sources, known);
  return known;
}

interface Row {
  json: string;
  /** Whether the story's terms are stored (they are read only if the index must be built story by story). */
  stored: number;
}

interface FileRow {
  size: number;
  mtime: number;
  hash: string;
  charset: string;
  unread: string;
  /** The briefing's head, and the version of the terms stored beside it when the file was read. */
  head: string;
  terms: string;
}

/** What else the cache keeps: a value beside each briefing, and blocks under a key. */
export interface CacheExtras<T, S> {
  beside?: StoredBeside<T>;
  blocks?: BlockCodec<S>;
  /** The source files whose code decides what a seed file reads as, to know files by size and mtime (knownFile). */
  files?: readonly URL[];
  /** Whole briefings `deriveStored` keeps read (the most recently asked for); 512 by default. */
  recent?: number;
}

/** Whole briefings kept read by default: a question reads about ten stories, a story brief a few articles. */
const RECENT = 512;

export class BriefingCache<T = never, S = never> {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string, string, string], Row>;
  private readonly insert: Database.Statement<[string, string, string]>;
  private readonly insertTerms: Database.Statement<[string, string, string]>;
  private readonly termsVersion: string;
  private readonly terms: TermStore<T> | null;
  private readonly selectTerms: Database.Statement<[string, string], { json: string }>;
  private readonly blocks: Blocks<S> | null;
  /** The content hash of each briefing this cache handed out, and the value beside it if just worked out. */
  private readonly origins = new WeakMap<Briefing, { hash: string; fresh?: T }>();
  private readonly beside: StoredBeside<T> | undefined;
  /** What heads are kept under: the engine and the head's format. */
  private readonly headVersion: string;
  private readonly selectHead: Database.Statement<[string, string, string], Row>;
  private readonly insertHead: Database.Statement<[string, string, string]>;
  private readonly selectWhole: Database.Statement<[string, string], { json: string }>;
  /** Whole briefings of stored ones, most recently read last; at most `recent` (512 by default). */
  private readonly recent: BoundedMap<StoredBriefing, Briefing>;
  private last: { stored: StoredBriefing; whole: Briefing } | null = null;
  /** Every known file with its head, read in one query on first use and drained as files are found. */
  private known: Map<string, FileRow> | null = null;
  private readonly files: {
    all: Database.Statement<[string], FileRow & { path: string }>;
    insert: Database.Statement<[string, string, number, number, string, string, string, string, string]>;
    version: string;
  } | null;
  hits = 0;
  misses = 0;
  /** Whole briefings of stored ones read back from the database (not from those kept read). */
  reads = 0;

  constructor(
    path: string,
    private readonly version = engineFingerprint(),
    extras: CacheExtras<T, S> = {},
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.beside = extras.beside;
    this.recent = new BoundedMap(Math.max(1, extras.recent ?? RECENT));
    this.termsVersion = `${version}:${extras.beside ? sourcesFingerprint(extras.beside.sources) : ''}`;
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS briefings (hash TEXT NOT NULL, engine TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (hash, engine))',
    );
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS story_terms (hash TEXT NOT NULL, version TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (hash, version))',
    );
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS briefing_heads (hash TEXT NOT NULL, engine TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (hash, engine))',
    );
    // Entries from older engines are dead weight; drop them once at open.
    this.pruneOnce('briefings', version, 'DELETE FROM briefings WHERE engine <> ?');
    this.headVersion = `${version}:head${HEAD_FORMAT}`;
    this.pruneOnce('briefing_heads', this.headVersion, 'DELETE FROM briefing_heads WHERE engine <> ?');
    this.pruneOnce('story_terms', this.termsVersion, 'DELETE FROM story_terms WHERE version <> ?');
    this.select = this.db.prepare(
      'SELECT b.json AS json, t.hash IS NOT NULL AS stored FROM briefings b LEFT JOIN story_terms t ON t.hash = b.hash AND t.version = ? WHERE b.hash = ? AND b.engine = ?',
    );
    this.insert = this.db.prepare('INSERT OR REPLACE INTO briefings (hash, engine, json) VALUES (?, ?, ?)');
    this.selectHead = this.db.prepare(
      'SELECT h.json AS json, t.hash IS NOT NULL AS stored FROM briefing_heads h LEFT JOIN story_terms t ON t.hash = h.hash AND t.version = ? WHERE h.hash = ? AND h.engine = ?',
    );
    this.insertHead = this.db.prepare('INSERT OR REPLACE INTO briefing_heads (hash, engine, json) VALUES (?, ?, ?)');
    this.selectWhole = this.db.prepare('SELECT json FROM briefings WHERE hash = ? AND engine = ?');
    this.terms = extras.beside ? new TermStore(this.db, this.termsVersion, extras.beside) : null;
    this.insertTerms = this.db.prepare('INSERT OR REPLACE INTO story_terms (hash, version, json) VALUES (?, ?, ?)');
    this.selectTerms = this.db.prepare('SELECT json FROM story_terms WHERE hash = ? AND version = ?');
    if (extras.files) {
      const files = `${this.headVersion}:${sourcesFingerprint(extras.files)}`;
      this.db.exec(
        'CREATE TABLE IF NOT EXISTS known_files (path TEXT NOT NULL, version TEXT NOT NULL, size INTEGER NOT NULL, mtime REAL NOT NULL, hash TEXT NOT NULL, charset TEXT NOT NULL, unread TEXT NOT NULL, head TEXT NOT NULL, terms TEXT NOT NULL, PRIMARY KEY (path, version))',
      );
      this.pruneOnce('known_files', files, 'DELETE FROM known_files WHERE version <> ?');
      this.files = {
        version: files,
        all: this.db.prepare('SELECT * FROM known_files WHERE version = ?'),
        insert: this.db.prepare(
          'INSERT OR REPLACE INTO known_files (path, version, size, mtime, hash, charset, unread, head, terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ),
      };
    } else this.files = null;
    this.blocks = extras.blocks
      ? new Blocks(this.db, `${version}:${sourcesFingerprint(extras.blocks.sources)}`, extras.blocks)
      : null;
  }

  /**
   * Drops a table's rows of other versions, when the version differs from the one it was last pruned for: each prune
   * scans the whole table, a quarter of a second at a hundred thousand briefings, on every start.
   */
  private pruneOnce(table: string, version: string, sql: string): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS pruned (name TEXT PRIMARY KEY, version TEXT NOT NULL)');
    const done = this.db.prepare('SELECT version FROM pruned WHERE name = ?').get(table) as
      { version: string } | undefined;
    if (done?.version === version) return;
    this.db.prepare(sql).run(version);
    this.db.prepare('INSERT OR REPLACE INTO pruned (name, version) VALUES (?, ?)').run(table, version);
  }

  /** A derive function with the same contract as deriveBriefing, served from the cache when it can be. */
  derive = (input: DocumentInput): Briefing => {
    const hash = documentHash(input);
    const row = this.select.get(this.termsVersion, hash, this.version);
    let briefing = row ? this.decode(row.json, input.source) : null;
    const cached = briefing !== null;
    if (briefing) this.hits++;
    else {
      this.misses++;
      briefing = deriveBriefing(input);
    }
    let fresh: T | undefined;
    if (this.beside) {
      if (!cached || !row?.stored) this.store(hash, cached ? null : briefing, (fresh = this.beside.of(briefing)));
    } else if (!cached) this.store(hash, briefing);
    this.origins.set(briefing, fresh === undefined ? { hash } : { hash, fresh });
    return briefing;
  };

  /**
   * `derive`, giving a StoredBriefing: only its head is read now (and kept), the rest when something asks for it, from
   * the few whole briefings kept read or else from the database. What start-up loads a library with.
   */
  deriveStored = (input: DocumentInput): Briefing => {
    const hash = documentHash(input);
    const row = this.selectHead.get(this.termsVersion, hash, this.headVersion);
    const head = row ? this.head(row.json) : null;
    if (row && head && head.hash === hash) {
      this.hits++;
      const stored = new StoredBriefing(head, input.source, this.readWhole);
      let fresh: T | undefined;
      if (this.beside && !row.stored) this.store(hash, null, (fresh = this.beside.of(stored.whole())));
      this.origins.set(stored, fresh === undefined ? { hash } : { hash, fresh });
      return stored;
    }
    // Derived now, or stored before heads were: the whole briefing is at hand, and its head is stored for next time.
    const whole = this.derive(input);
    const stored = new StoredBriefing(headOf(whole), input.source, this.readWhole);
    try {
      this.insertHead.run(hash, this.headVersion, JSON.stringify(headOf(whole)));
    } catch {
      // Not stored: the next start reads the whole briefing again, which is all a head spares.
    }
    this.origins.set(stored, this.origins.get(whole) ?? { hash });
    this.remember(stored, whole);
    return stored;
  };

  /**
   * The stored briefing of a seed file read before, when it still has that size and mtime and its head (and the
   * terms beside it) are stored; null otherwise, and the caller reads the file. With `charset` and `unread` as read.
   */
  knownFile(
    path: string,
    size: number,
    mtimeMs: number,
    source: string,
  ): { briefing: Briefing; charset: string; unread: string[] } | null {
    if (!this.files || !this.db.open) return null;
    try {
      // One query for all of them: a round trip per file was most of a warm start at a hundred thousand files.
      if (!this.known) {
        this.known = new Map();
        for (const row of this.files.all.iterate(this.files.version)) this.known.set(row.path, row);
      }
      const file = this.known.get(path);
      this.known.delete(path);
      if (!file || file.size !== size || file.mtime !== mtimeMs) return null;
      // Its terms were stored with it; a file remembered under other terms code is read again, and its terms stored.
      const head = file.terms === this.termsVersion ? this.head(file.head) : null;
      const unread = JSON.parse(file.unread) as unknown;
      if (!head || head.hash !== file.hash || !Array.isArray(unread)) return null;
      this.hits++;
      const stored = new StoredBriefing(head, source, this.readWhole);
      this.origins.set(stored, { hash: file.hash });
      return { briefing: stored, charset: file.charset, unread: unread.map(String) };
    } catch {
      return null;
    }
  }

  /** What reading a seed file gave, so the next start knows it by its size and mtime. */
  rememberFile(
    path: string,
    size: number,
    mtimeMs: number,
    read: { briefing: Briefing; charset: string; unread: string[] },
  ): void {
    const hash = this.hashOf(read.briefing);
    if (!this.files || !this.db.open || hash === undefined) return;
    try {
      const head = JSON.stringify(headOf(read.briefing));
      const unread = JSON.stringify(read.unread);
      this.files.insert.run(
        path,
        this.files.version,
        size,
        mtimeMs,
        hash,
        read.charset,
        unread,
        head,
        this.termsVersion,
      );
    } catch {
      // Not remembered: the next start reads the file, which is all this spares.
    }
  }

  private head(json: string): ReturnType<typeof parseHead> | null {
    try {
      return parseHead(json);
    } catch {
      return null;
    }
  }

  /** The whole briefing of a stored one; throws when the database no longer has it (closed, or another engine's). */
  private readonly readWhole = (stored: StoredBriefing): Briefing => {
    if (this.last?.stored === stored) return this.last.whole;
    let whole = this.recent.get(stored);
    if (!whole) {
      const row = this.db.open ? this.selectWhole.get(stored.hash, this.version) : undefined;
      this.reads++;
      whole = (row && this.decode(row.json, stored.source)) || undefined;
      if (!whole)
        throw new Error(
          `the briefing of ${stored.source} is no longer in the briefing cache; restart the bot to derive it again`,
        );
    }
    this.remember(stored, whole);
    return whole;
  };

  private remember(stored: StoredBriefing, whole: Briefing): void {
    this.recent.set(stored, whole);
    this.last = { stored, whole };
  }

  /** The people, organisation and place counts of a briefing `deriveStored` returned, from its head. */
  entityCounts(briefing: Briefing): readonly [number, number, number] | undefined {
    return briefing instanceof StoredBriefing ? briefing.entityCounts : undefined;
  }

  /** The content hash of a briefing this cache's `derive` returned. */
  hashOf(briefing: Briefing): string | undefined {
    return this.origins.get(briefing)?.hash;
  }

  /**
   * The value kept beside a briefing this cache returned: handed over once when just worked out (then it lives with
   * whoever asked), else read back; null when there is none or it cannot be read.
   */
  stored(briefing: Briefing): T | null {
    const origin = this.origins.get(briefing);
    if (!origin || !this.terms) return null;
    if (origin.fresh !== undefined) {
      const fresh = origin.fresh;
      delete origin.fresh;
      return fresh;
    }
    try {
      const row = this.selectTerms.get(origin.hash, this.termsVersion);
      return row ? this.terms.decode(row.json) : null;
    } catch {
      // Closed, or unreadable: the owner works it out instead.
      return null;
    }
  }

  /**
   * A second kind of block beside the question index's, in its own table (the story groups of a set of articles);
   * its version is the engine's and its codec's sources, as for the index.
   */
  storyBlocks<G>(codec: BlockCodec<G>): { load(key: string): G | null; save(key: string, value: G): void } {
    const blocks = new Blocks(this.db, `${this.version}:${sourcesFingerprint(codec.sources)}`, codec, 'story_groups');
    return {
      load: (key) => (this.db.open ? blocks.load(key) : null),
      save: (key, value) => {
        if (this.db.open) blocks.save(key, value);
      },
    };
  }

  loadBlock(key: string): S | null {
    return this.db.open && this.blocks ? this.blocks.load(key) : null;
  }

  saveBlock(key: string, value: S): void {
    if (this.db.open) this.blocks?.save(key, value);
  }

  /** One transaction per story: a new story's terms add hundreds of vocabulary rows, each else its own commit. */
  private readonly store = (hash: string, briefing: Briefing | null, value?: T): void => {
    this.db.transaction(() => {
      if (briefing) this.insert.run(hash, this.version, encodeBriefing(briefing));
      if (value !== undefined && this.terms) this.insertTerms.run(hash, this.termsVersion, this.terms.encode(value));
    })();
  };

  /** A stored row that does not read back as a briefing is derived again rather than trusted. */
  private decode(json: string, source: string): Briefing | null {
    try {
      const briefing = decodeBriefing(json);
      briefing.source = source;
      return briefing;
    } catch {
      return null;
    }
  }

  close(): void {
    this.db.close();
  }
}
