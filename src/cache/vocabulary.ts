// What the cache keeps beside each briefing for another part of the bot (the question index's terms of each story),
// stored with its strings as numbers into one vocabulary table: reading ten thousand stories' terms back as JSON
// strings made four million fresh strings (most of a second, and garbage to collect); numbers parse fast, and every
// story's values then share the vocabulary's one copy of each string.
import type Database from 'better-sqlite3';
import type { Briefing } from '../briefing/types.js';

/** A value worked out from each briefing and stored beside it; its owner says how, and how it packs. */
export interface StoredBeside<T> {
  /** The source files whose code decides T: stored values are only good while these are unchanged. */
  sources: readonly URL[];
  of(briefing: Briefing): T;
  /** T as JSON-able data with every string written as `id(string)`. */
  pack(value: T, id: (text: string) => number): unknown;
  /** What `pack` wrote, strings read back with `text(id)`; null (or a throw) when it is not that. */
  unpack(packed: unknown, text: (id: number) => string): T | null;
}

export class TermStore<T> {
  /** id → term; ids are the table's dense row ids, so an array is the smallest map. */
  private readonly byId: string[] = [];
  /** term → id, built only once something is written: a warm start only reads. */
  private ids: Map<string, number> | null = null;
  private loaded = false;
  private readonly all: Database.Statement<[string], { id: number; term: string }>;
  private readonly add: Database.Statement<[string, string]>;
  private readonly find: Database.Statement<[string, string], { id: number }>;

  constructor(
    private readonly db: Database.Database,
    private readonly version: string,
    private readonly beside: StoredBeside<T>,
  ) {
    db.exec(
      'CREATE TABLE IF NOT EXISTS term_vocabulary (id INTEGER PRIMARY KEY, version TEXT NOT NULL, term TEXT NOT NULL, UNIQUE (version, term))',
    );
    db.prepare('DELETE FROM term_vocabulary WHERE version <> ?').run(version);
    this.all = db.prepare('SELECT id, term FROM term_vocabulary WHERE version = ?');
    this.add = db.prepare('INSERT OR IGNORE INTO term_vocabulary (version, term) VALUES (?, ?)');
    this.find = db.prepare('SELECT id FROM term_vocabulary WHERE version = ? AND term = ?');
  }

  encode(value: T): string {
    return JSON.stringify(this.beside.pack(value, (term) => this.idOf(term)));
  }

  /** The value `encode` wrote, or null when it cannot be read back (the caller works it out again). */
  decode(json: string): T | null {
    this.load();
    let stored: unknown;
    try {
      stored = JSON.parse(json);
    } catch {
      return null;
    }
    // Another process sharing the cache may have added terms since the vocabulary was read: read it once more.
    const term = (id: number): string => {
      const known = Number.isInteger(id) ? this.byId[id] : undefined;
      return known ?? this.reload(id);
    };
    try {
      return this.beside.unpack(stored, term);
    } catch {
      return null;
    }
  }

  private idOf(term: string): number {
    if (!this.ids) {
      this.load();
      this.ids = new Map();
      this.byId.forEach((t, id) => this.ids!.set(t, id));
    }
    const known = this.ids.get(term);
    if (known !== undefined) return known;
    this.add.run(this.version, term);
    const id = this.find.get(this.version, term)!.id;
    this.remember(id, term);
    return id;
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    for (const { id, term } of this.all.iterate(this.version)) this.remember(id, term);
  }

  private reload(id: number): string {
    this.loaded = false;
    this.load();
    const term = Number.isInteger(id) ? this.byId[id] : undefined;
    if (term === undefined) throw new Error(`term ${id} is not in the vocabulary`);
    return term;
  }

  private remember(id: number, term: string): void {
    this.byId[id] = term;
    this.ids?.set(term, id);
  }
}
