// The library's articles grouped into stories, following Library.onChange. A new article is placed incrementally
// (near-duplicate → another source of an article; else the clusterer joins or starts a story); an edited or
// removed file replays the library in arrival order, so the grouping is always the one that order gives.
// Story ids are the id of the story's first article, so a single-file story keeps the id it always had. A stored
// article (feed item, link) carries the story it was placed in when it was stored, and is put back there.
import type { Briefing } from '../briefing/types.js';
import { arrivalChain, type SavedGroups, type StoryGroupStore } from './story-groups.js';
import { storyTime, type Library, type Story as LibraryEntry, type StoryAssignment } from '../library/library.js';
import type { SameStoryModel } from './model.js';
import { StoryTracker, type ArticleSource, type TrackedArticle, type TrackedStory } from './tracker.js';

export type { ArticleSource, TrackedArticle as Article, TrackedStory as Story };

export interface StoryBookOptions {
  /** The "same story?" model; the committed one by default. */
  model?: SameStoryModel;
  /** false: every article is its own story (no clustering, no near-duplicates). */
  cluster?: boolean;
  /** Where the grouped book is saved and restored, so a restart need not group every article again. */
  store?: StoryGroupStore;
}

export type StoryLookup =
  /** `briefing` is the copy the query named: one outlet's version of an article several carried, or the article's own. */
  | { ok: true; story: TrackedStory; article: TrackedArticle; briefing: Briefing; others?: TrackedStory[] }
  | { ok: false; message: string };

interface Placed {
  story: TrackedStory;
  article: TrackedArticle;
}

/** Where an article came from: the outlet and URL the document states (else the host of a URL source), and its date. */
export function sourceOf(entry: LibraryEntry): ArticleSource {
  const b = entry.briefing;
  const url = b.url ?? (/^https?:\/\//i.test(b.source) ? b.source : undefined);
  const outlet = b.outlet ?? (url ? outletOfUrl(url) : undefined);
  return { source: b.source, ...(url ? { url } : {}), ...(outlet ? { outlet } : {}), published: storyTime(entry) };
}

function outletOfUrl(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || undefined;
  } catch {
    return undefined;
  }
}

/** The article with the most prose (ties: the earliest), whose tldr speaks for the story. */
export function mostComplete(story: TrackedStory): TrackedArticle {
  return story.articles.reduce(
    (best, a) => (a.briefing.wordCount > best.briefing.wordCount ? a : best),
    story.articles[0]!,
  );
}

/** The outlets that carry the story, in order of first arrival; a source without an outlet is not named. */
export function outletsOf(story: TrackedStory): string[] {
  const out: string[] = [];
  for (const a of story.articles)
    for (const s of a.sources) if (s.outlet && !out.includes(s.outlet)) out.push(s.outlet);
  return out;
}

/** "3 articles · AP, BBC, Reuters"; a reprint counts once ("1 article · AP, Daily Paper"). */
export function articleLine(story: TrackedStory): string {
  const n = story.articles.length;
  const outlets = outletsOf(story);
  return `${n} article${n === 1 ? '' : 's'}${outlets.length ? ` · ${outlets.join(', ')}` : ''}`;
}

/** The story's title: its first report's. */
export function storyTitle(story: TrackedStory): string {
  return story.articles[0]!.briefing.title;
}

export class StoryBook {
  private tracker!: StoryTracker;
  private placed = new Map<string, Placed>();
  private stale = true;
  private ordered: TrackedStory[] | null = null;

  constructor(
    private readonly library: Library,
    private readonly options: StoryBookOptions = {},
  ) {
    library.onChange((event) => {
      this.ordered = null;
      if (this.stale) return;
      // A file seen for the first time is placed now; an edit or a removal replays the library (rare).
      if (event.type === 'upsert' && !event.previous && !this.placed.has(event.story.briefing.source))
        this.place(event.story);
      else this.stale = true;
    });
  }

  /** Stories, newest activity first: in the order of each story's newest article in the library. */
  list(): TrackedStory[] {
    this.ensure();
    if (this.ordered) return this.ordered;
    const seen = new Set<TrackedStory>();
    const out: TrackedStory[] = [];
    for (const entry of this.library.stories()) {
      const p = this.placed.get(entry.briefing.source);
      if (p && !seen.has(p.story)) {
        seen.add(p.story);
        out.push(p.story);
      }
    }
    return (this.ordered = out);
  }

  /** The story and article a library file belongs to. */
  of(source: string): Placed | undefined {
    this.ensure();
    return this.placed.get(source);
  }

  /** Where a library entry was placed, as stored with a fetched article (src/feeds/articles.ts storeArticle). */
  placementOf(source: string): StoryAssignment | undefined {
    const p = this.of(source);
    return p && { story: p.story.id, article: p.article.id };
  }

  /**
   * The story a command means: none given is the newest; else a story id, any article's id (old ids from before
   * stories still resolve), an id prefix, or title words. `article` picks one of its articles (id, number from 1,
   * or outlet); by default the one the query named, else the most complete.
   */
  resolve(query?: string, article?: string): StoryLookup {
    const byStoryId = this.storyById(query);
    if (byStoryId) return inStory(byStoryId, article);
    const found = this.library.resolve(query);
    if (!found.ok) return found;
    const placed = this.placedByBriefing(found.story);
    if (!placed)
      return {
        ok: false,
        message: `No story matches "${(query ?? '').slice(0, 60)}". Use /stories to see what is loaded.`,
      };
    const { story } = placed;
    // The other stories the words match as well (several articles of one story count once).
    const others: TrackedStory[] = [];
    for (const b of found.others ?? []) {
      const s = this.placedByBriefing(b)?.story;
      if (s && s !== story && !others.includes(s)) others.push(s);
    }
    const also = others.length ? { others } : {};
    if (article?.trim()) {
      const picked = pickArticle(story, article.trim());
      if (!picked) return noArticle(story, article);
      return { ok: true, story, article: picked, briefing: picked.briefing, ...also };
    }
    // An old id (or title words) naming one article of a bigger story opens that article; the story id, the best.
    const q = query?.trim().toLowerCase();
    if (q && q !== story.id) return { ok: true, story, article: placed.article, briefing: found.story, ...also };
    const best = mostComplete(story);
    return { ok: true, story, article: best, briefing: best.briefing, ...also };
  }

  /**
   * A story named by its exact id when no article has that id: its first report was pruned, or never reached this
   * library, and the story kept the id it was recorded under. Ids saved in old messages still open it.
   */
  private storyById(query?: string): TrackedStory | undefined {
    const q = query?.trim().toLowerCase();
    if (!q || this.library.byId(q)) return undefined;
    return this.list().find((s) => s.id === q);
  }

  private placedByBriefing(briefing: Briefing): Placed | undefined {
    this.ensure();
    return this.placed.get(briefing.source);
  }

  private ensure(): void {
    if (!this.stale) return;
    this.stale = false;
    this.ordered = null;
    this.tracker = new StoryTracker(this.options.model);
    this.placed = new Map();
    // Arrival order: oldest first, ties by source path.
    const arrived = [...this.library.stories()].sort(
      (a, b) => a.addedAt - b.addedAt || a.briefing.source.localeCompare(b.briefing.source),
    );
    const store = this.options.cluster === false ? undefined : this.options.store;
    const chain = store && arrived.length ? arrivalChain(arrived, store) : null;
    // Saved under the first article's hash: the same folder restarting, with articles added since, finds it.
    const key = chain ? `groups:${chain[0]}` : null;
    const start = key ? this.restore(arrived, chain!, store!.load(key)) : 0;
    for (const entry of arrived.slice(start)) this.place(entry);
    if (key && start < arrived.length)
      store!.save(key, { count: arrived.length, chain: chain!.at(-1)!, tracker: this.tracker.snapshot() });
  }

  /** Restores a saved book that covers the first articles of `arrived`; returns how many it placed (0: none). */
  private restore(arrived: readonly LibraryEntry[], chain: readonly string[], saved: SavedGroups | null): number {
    if (!saved || saved.count > arrived.length || chain[saved.count - 1] !== saved.chain) return 0;
    const bySource = new Map(arrived.slice(0, saved.count).map((e) => [e.briefing.source, e.briefing]));
    let tracker: StoryTracker | null;
    try {
      tracker = StoryTracker.restore(saved.tracker, (source) => bySource.get(source), this.options.model);
    } catch {
      // A saved book that reads but does not hold together (a damaged cache file): group again, as with none.
      return 0;
    }
    if (!tracker) return 0;
    const placed = new Map<string, Placed>();
    for (const story of tracker.stories())
      for (const article of story.articles)
        for (const source of article.sources) placed.set(source.source, { story, article });
    if (placed.size !== saved.count) return 0;
    this.tracker = tracker;
    this.placed = placed;
    return saved.count;
  }

  private place(entry: LibraryEntry): void {
    const source = sourceOf(entry);
    if (this.options.cluster === false) {
      const article: TrackedArticle = {
        id: entry.briefing.id,
        briefing: entry.briefing,
        sources: [source],
        arrivedAt: entry.addedAt,
      };
      const story: TrackedStory = { id: entry.briefing.id, articles: [article], lastActivity: entry.addedAt };
      this.placed.set(entry.briefing.source, { story, article });
      return;
    }
    // A stored article goes where it was placed when it was stored (here or on another replica), so every replica
    // and every restart show it in the same story under the same id; anything else is grouped here.
    const recorded = entry.article?.story;
    const result = recorded
      ? this.tracker.assign(entry.briefing, source, recorded, entry.addedAt)
      : this.tracker.add(entry.briefing, source, entry.addedAt);
    this.placed.set(entry.briefing.source, { story: result.story, article: result.article });
  }
}

/** A story named by its own id: the article asked for, else its most complete one. */
function inStory(story: TrackedStory, article?: string): StoryLookup {
  const picked = article?.trim() ? pickArticle(story, article.trim()) : mostComplete(story);
  return picked ? { ok: true, story, article: picked, briefing: picked.briefing } : noArticle(story, article!);
}

function noArticle(story: TrackedStory, article: string): StoryLookup {
  const ids = story.articles.map((a, i) => `${i + 1}. ${a.id}`).join(', ');
  return { ok: false, message: `This story has no article "${article.slice(0, 60)}". Its articles: ${ids}.` };
}

function pickArticle(story: TrackedStory, want: string): TrackedArticle | undefined {
  const w = want.toLowerCase();
  const n = Number(w);
  if (Number.isInteger(n) && n >= 1 && n <= story.articles.length) return story.articles[n - 1];
  return (
    story.articles.find((a) => a.id === w || a.sources.some((s) => s.source === want)) ??
    story.articles.find((a) => a.id.startsWith(w)) ??
    story.articles.find((a) => a.sources.some((s) => s.outlet?.toLowerCase() === w))
  );
}
