// The question index's terms of each story, stored as numbers into one vocabulary table: reading ten thousand
// stories' terms back as JSON strings made four million fresh strings (most of a second, and garbage to collect);
// numbers parse fast, and every story's terms then share the vocabulary's one copy of each string.
import type Database from 'better-sqlite3';
import type { StoryTerms } from '../questions/index-terms.js';

interface Stored {
  t: number[];
  f: number[];
  c: number[];
  g: number[][][];
}

export class TermStore {
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
  ) {
    db.exec('CREATE TABLE IF NOT EXISTS term_vocabulary (id INTEGER PRIMARY KEY, version TEXT NOT NULL, term TEXT NOT NULL, UNIQUE (version, term))');
    db.prepare('DELETE FROM term_vocabulary WHERE version <> ?').run(version);
    this.all = db.prepare('SELECT id, term FROM term_vocabulary WHERE version = ?');
    this.add = db.prepare('INSERT OR IGNORE INTO term_vocabulary (version, term) VALUES (?, ?)');
    this.find = db.prepare('SELECT id FROM term_vocabulary WHERE version = ? AND term = ?');
  }

  encode(terms: StoryTerms): string {
    const id = (term: string) => this.idOf(term);
    const stored: Stored = {
      t: terms.terms.map(id),
      f: terms.freqs,
      c: terms.capitalised.map(id),
      g: terms.groupNames.map((names) => names.map((seq) => seq.map(id))),
    };
    return JSON.stringify(stored);
  }

  /** The terms `encode` wrote, or null when they cannot be read back (the caller works them out again). */
  decode(json: string): StoryTerms | null {
    this.load();
    let stored: Stored;
    try {
      stored = JSON.parse(json) as Stored;
    } catch {
      return null;
    }
    if (!Array.isArray(stored.t) || !Array.isArray(stored.f) || !Array.isArray(stored.c) || !Array.isArray(stored.g) || stored.t.length !== stored.f.length) return null;
    // Another process sharing the cache may have added terms since the vocabulary was read: read it once more.
    const term = (id: number): string => {
      const known = Number.isInteger(id) ? this.byId[id] : undefined;
      return known ?? this.reload(id);
    };
    try {
      return {
        terms: stored.t.map(term),
        freqs: stored.f,
        capitalised: stored.c.map(term),
        groupNames: stored.g.map((names) => names.map((seq) => seq.map(term))),
      };
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
