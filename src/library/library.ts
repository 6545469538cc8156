// The articles in memory: newest first, looked up by id or by words of the title, observable for indexes.
// An entry here is one article (one document); src/stories/story-book.ts groups articles into stories (events).
import type { Briefing } from '../briefing/types.js';

export interface Story {
  briefing: Briefing;
  /** When the story arrived (file mtime); "newest" goes by the article's own date and falls back to this. */
  addedAt: number;
  /** Set for an article fetched from a feed or a link: where it came from, for replies that link back. */
  article?: ArticleRef;
}

export interface ArticleRef {
  url: string;
  outlet: string | null;
  /** ISO-8601, or null when the page gave none. */
  published: string | null;
  /**
   * The story the article was placed in when it was stored (by this replica or another, now or before a restart):
   * the story book places it there instead of grouping it again, so every replica and every restart agree.
   */
  story?: StoryAssignment;
}

/** Where a stored article went, decided once by the replica that stored it: the story's id and the article's. */
export interface StoryAssignment {
  story: string;
  /** The article's own id, or the id of the article it is a near-duplicate (another source) of. */
  article: string;
}

/** One document in the library: the clearer name for a library entry. */
export type Article = Story;

/** When the story is from, for "newest": the article's date (front matter, page metadata, dateline), else its arrival. */
export function storyTime(story: Story): number {
  const date = story.briefing.date;
  if (date) {
    const ms = Date.parse(date.length === 4 ? `${date}-01-01` : date);
    if (!Number.isNaN(ms)) return ms;
  }
  return story.addedAt;
}

/** `others`: the other articles the words match as well as `story` does (newest first), when there are any. */
export type StoryLookup = { ok: true; story: Briefing; others?: Briefing[] } | { ok: false; message: string };

export type LibraryEvent = { type: 'upsert'; story: Story; previous?: Story } | { type: 'remove'; story: Story };

export class Library {
  private readonly bySource = new Map<string, Story>();
  private readonly listeners = new Set<(event: LibraryEvent) => void>();
  private ordered: Story[] | null = null;

  constructor(stories: Story[] = []) {
    for (const story of stories) this.bySource.set(story.briefing.source, story);
  }

  get size(): number {
    return this.bySource.size;
  }

  /**
   * Newest first by the article's date (storyTime); ties broken by arrival, then by source path, descending, so
   * numbered files sort as written.
   */
  stories(): Story[] {
    if (!this.ordered) {
      const time = new Map<Story, number>();
      for (const story of this.bySource.values()) time.set(story, storyTime(story));
      this.ordered = [...time.keys()].sort(
        (a, b) =>
          time.get(b)! - time.get(a)! || b.addedAt - a.addedAt || b.briefing.source.localeCompare(a.briefing.source),
      );
    }
    return this.ordered;
  }

  briefings(): Briefing[] {
    return this.stories().map((s) => s.briefing);
  }

  bySourcePath(source: string): Story | undefined {
    return this.bySource.get(source);
  }

  byId(id: string): Briefing | undefined {
    return this.stories().find((s) => s.briefing.id === id)?.briefing;
  }

  upsert(story: Story): void {
    const previous = this.bySource.get(story.briefing.source);
    this.bySource.set(story.briefing.source, story);
    this.ordered = null;
    this.emit(previous ? { type: 'upsert', story, previous } : { type: 'upsert', story });
  }

  /** An article from a feed or a link joins the library under its URL, like a seed file under its path. */
  addArticle(briefing: Briefing, article: ArticleRef, addedAt: number): void {
    this.upsert({ briefing, addedAt, article });
  }

  remove(source: string): boolean {
    const story = this.bySource.get(source);
    if (!story) return false;
    this.bySource.delete(source);
    this.ordered = null;
    this.emit({ type: 'remove', story });
    return true;
  }

  onChange(listener: (event: LibraryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The story a command means: none given is the newest; else an exact id, an id prefix, or title words. */
  resolve(query?: string): StoryLookup {
    const all = this.briefings();
    if (all.length === 0)
      return { ok: false, message: 'No stories are loaded yet. Add .txt, .md or .html files to the seeds folder.' };
    const q = query?.trim();
    if (!q) return { ok: true, story: all[0]! };
    const exact = all.find((b) => b.id === q.toLowerCase());
    if (exact) return { ok: true, story: exact };
    const ranked = this.scored(q);
    if (ranked.length === 0) {
      return { ok: false, message: `No story matches "${q.slice(0, 60)}". Use /stories to see what is loaded.` };
    }
    const [best, top] = ranked[0]!;
    const others = ranked
      .slice(1)
      .filter(([, score]) => score === top)
      .map(([b]) => b);
    return others.length ? { ok: true, story: best, others } : { ok: true, story: best };
  }

  /** Stories whose id starts with the text or whose title holds all its words, best first. */
  match(query: string, limit = 25): Briefing[] {
    if (!query.trim()) return this.briefings().slice(0, limit);
    return this.scored(query)
      .slice(0, limit)
      .map(([b]) => b);
  }

  /** Every match with its score (3: id prefix, 2: all title words), best first, newest first within a score. */
  private scored(query: string): Array<[Briefing, number]> {
    const q = query.trim().toLowerCase();
    const all = this.briefings();
    const words = q.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const scored: Array<[Briefing, number]> = [];
    for (const b of all) {
      const haystack = `${b.id} ${b.title}`.toLowerCase();
      let score = 0;
      if (b.id.startsWith(q)) score = 3;
      else if (words.length && words.every((w) => haystack.includes(w))) score = 2;
      if (score) scored.push([b, score]);
    }
    return scored.sort((a, b) => b[1] - a[1]);
  }

  private emit(event: LibraryEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
