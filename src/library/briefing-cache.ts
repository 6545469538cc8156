// Briefings cached by content hash in SQLite, so a restart on a large folder does not derive everything again.
// The key includes a fingerprint of the briefing engine's own source, so changing the engine invalidates the cache
// without anyone having to remember to bump a version.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { deriveBriefing } from '../briefing/derive.js';
import type { Briefing, DocumentInput } from '../briefing/types.js';

let fingerprint: string | undefined;

/** sha256 over every file of src/briefing, computed once per process. */
export function engineFingerprint(): string {
  if (fingerprint) return fingerprint;
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../briefing');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    hash.update(name);
    hash.update(readFileSync(join(dir, name)));
  }
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}

export class BriefingCache {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string, string], { json: string }>;
  private readonly insert: Database.Statement<[string, string, string]>;
  hits = 0;
  misses = 0;

  constructor(path: string, private readonly version = engineFingerprint()) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE IF NOT EXISTS briefings (hash TEXT NOT NULL, engine TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (hash, engine))');
    // Entries from older engines are dead weight; drop them once at open.
    this.db.prepare('DELETE FROM briefings WHERE engine <> ?').run(version);
    this.select = this.db.prepare('SELECT json FROM briefings WHERE hash = ? AND engine = ?');
    this.insert = this.db.prepare('INSERT OR REPLACE INTO briefings (hash, engine, json) VALUES (?, ?, ?)');
  }

  /** A derive function with the same contract as deriveBriefing, served from the cache when it can be. */
  derive = (input: DocumentInput): Briefing => {
    const hash = createHash('sha256').update(input.text).digest('hex');
    const row = this.select.get(hash, this.version);
    if (row) {
      this.hits++;
      return { ...(JSON.parse(row.json) as Briefing), source: input.source };
    }
    this.misses++;
    const briefing = deriveBriefing(input);
    this.insert.run(hash, this.version, JSON.stringify(briefing));
    return briefing;
  };

  close(): void {
    this.db.close();
  }
}
