// Briefings cached by content hash in SQLite, so a restart on a large folder does not derive everything again.
// The key includes a fingerprint of the briefing engine's own source, so changing the engine invalidates the cache
// without anyone having to remember to bump a version. Beside each briefing the cache keeps the terms the question
// index reads from it (keyed also by the tokenizer's source), so start-up need not tokenize every story again; and
// the whole index of the last few sets of stories, so a start with unchanged stories need not read those either.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { deriveBriefing } from '../briefing/derive.js';
import type { Briefing, DocumentInput } from '../briefing/types.js';
import { rememberStoryOrigin, STORY_TERMS_SOURCES, storyTermsOf, type IndexStore, type StoryTerms } from '../questions/index-terms.js';
import { INDEX_SOURCES, type IndexSnapshot } from '../questions/search-index.js';
import { decodeBriefing, encodeBriefing } from './cache-codec.js';
import { IndexBlocks } from './cache-index.js';
import { TermStore } from './cache-terms.js';

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

export class BriefingCache implements IndexStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string, string, string], Row>;
  private readonly insert: Database.Statement<[string, string, string]>;
  private readonly insertTerms: Database.Statement<[string, string, string]>;
  private readonly termsVersion: string;
  private readonly terms: TermStore;
  private readonly selectTerms: Database.Statement<[string, string], { json: string }>;
  private readonly blocks: IndexBlocks;
  hits = 0;
  misses = 0;

  constructor(path: string, private readonly version = engineFingerprint()) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.termsVersion = `${version}:${sourcesFingerprint(STORY_TERMS_SOURCES)}`;
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE IF NOT EXISTS briefings (hash TEXT NOT NULL, engine TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (hash, engine))');
    this.db.exec('CREATE TABLE IF NOT EXISTS story_terms (hash TEXT NOT NULL, version TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (hash, version))');
    // Entries from older engines are dead weight; drop them once at open.
    this.db.prepare('DELETE FROM briefings WHERE engine <> ?').run(version);
    this.db.prepare('DELETE FROM story_terms WHERE version <> ?').run(this.termsVersion);
    this.select = this.db.prepare(
      'SELECT b.json AS json, t.hash IS NOT NULL AS stored FROM briefings b LEFT JOIN story_terms t ON t.hash = b.hash AND t.version = ? WHERE b.hash = ? AND b.engine = ?',
    );
    this.insert = this.db.prepare('INSERT OR REPLACE INTO briefings (hash, engine, json) VALUES (?, ?, ?)');
    this.terms = new TermStore(this.db, this.termsVersion);
    this.insertTerms = this.db.prepare('INSERT OR REPLACE INTO story_terms (hash, version, json) VALUES (?, ?, ?)');
    this.selectTerms = this.db.prepare('SELECT json FROM story_terms WHERE hash = ? AND version = ?');
    this.blocks = new IndexBlocks(this.db, `${version}:${sourcesFingerprint(INDEX_SOURCES)}`);
  }

  /** A derive function with the same contract as deriveBriefing, served from the cache when it can be. */
  derive = (input: DocumentInput): Briefing => {
    const hash = createHash('sha256').update(input.text).digest('hex');
    const row = this.select.get(this.termsVersion, hash, this.version);
    let briefing = row ? this.decode(row.json, input.source) : null;
    const cached = briefing !== null;
    if (briefing) this.hits++;
    else {
      this.misses++;
      briefing = deriveBriefing(input);
    }
    let terms: StoryTerms | undefined;
    if (!cached || !row?.stored) this.store(hash, cached ? null : briefing, (terms = storyTermsOf(briefing)));
    rememberStoryOrigin(briefing, { hash, store: this, terms });
    return briefing;
  };

  storyTerms(hash: string): StoryTerms | null {
    try {
      const row = this.selectTerms.get(hash, this.termsVersion);
      return row ? this.terms.decode(row.json) : null;
    } catch {
      // Closed, or unreadable: the index works them out instead.
      return null;
    }
  }

  loadIndex(key: string): IndexSnapshot | null {
    return this.db.open ? this.blocks.load(key) : null;
  }

  saveIndex(key: string, snapshot: IndexSnapshot): void {
    if (this.db.open) this.blocks.save(key, snapshot);
  }

  /** One transaction per story: a new story's terms add hundreds of vocabulary rows, each else its own commit. */
  private readonly store = (hash: string, briefing: Briefing | null, terms: StoryTerms): void => {
    this.db.transaction(() => {
      if (briefing) this.insert.run(hash, this.version, encodeBriefing(briefing));
      this.insertTerms.run(hash, this.termsVersion, this.terms.encode(terms));
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
