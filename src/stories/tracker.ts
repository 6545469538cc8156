// Articles into stories: a near-duplicate becomes another source of the article it copies; any other
// article is placed by the clusterer. Story and article ids are the first briefing's id. An article whose story was
// recorded when it was stored (src/feeds: by this replica or another) is put there instead (`assign`).
import type { Briefing } from '../briefing/types.js';
import type { StoryAssignment } from '../library/library.js';
import { StoryClusterer, type ClustererSnapshot } from './cluster.js';
import { articleFeatures } from './features.js';
import { defaultModel, type SameStoryModel } from './model.js';
import { NearDupIndex, signature } from './near-dup.js';

export interface ArticleSource {
  source: string;
  url?: string;
  outlet?: string;
  published?: number;
}

export interface TrackedArticle {
  id: string;
  briefing: Briefing;
  sources: ArticleSource[];
  /** When it arrived in the library (ms): a story's articles after its first report are in this order. */
  arrivedAt: number;
}

export interface TrackedStory {
  id: string;
  articles: TrackedArticle[];
  /** Latest arrival among its articles' sources (ms), for "newest activity first". */
  lastActivity: number;
}

export type TrackResult = { kind: 'duplicate' | 'joined' | 'created'; story: TrackedStory; article: TrackedArticle };

/** A tracker as plain data: briefings are named by their source path, and found again on restore. */
export interface TrackerSnapshot {
  clusterer: ClustererSnapshot;
  stories: Array<{
    id: string;
    lastActivity: number;
    articles: Array<{ id: string; briefing: string; sources: ArticleSource[]; arrivedAt: number }>;
  }>;
  /** Near-duplicate signatures in the order they were added: [story index, article index, shingles, hashes]. */
  dups: Array<[number, number, number, number[]]>;
}

export class StoryTracker {
  private clusterer: StoryClusterer;
  private readonly dups = new NearDupIndex<{ article: TrackedArticle; story: TrackedStory }>();
  private byIndex: TrackedStory[] = [];
  /** Story id → its index in `byIndex` (the clusterer's index of the story). */
  private byId = new Map<string, number>();

  constructor(private readonly model: SameStoryModel = defaultModel()) {
    this.clusterer = new StoryClusterer({ model });
  }

  snapshot(): TrackerSnapshot {
    const storyAt = new Map(this.byIndex.map((s, i) => [s, i]));
    return {
      clusterer: this.clusterer.snapshot(),
      stories: this.byIndex.map((s) => ({
        id: s.id,
        lastActivity: s.lastActivity,
        articles: s.articles.map((a) => ({
          id: a.id,
          briefing: a.briefing.source,
          sources: a.sources,
          arrivedAt: a.arrivedAt,
        })),
      })),
      dups: this.dups.entries().map(({ value, sig }) => {
        const story = storyAt.get(value.story)!;
        return [story, value.story.articles.indexOf(value.article), sig.shingles, Array.from(sig.hashes)];
      }),
    };
  }

  /** The tracker a snapshot describes, or null when a briefing it names is not given (the caller replays instead). */
  static restore(
    snap: TrackerSnapshot,
    briefingOf: (source: string) => Briefing | undefined,
    model?: SameStoryModel,
  ): StoryTracker | null {
    const out = new StoryTracker(model);
    out.clusterer = StoryClusterer.restore({ model: out.model }, snap.clusterer);
    const stories: TrackedStory[] = [];
    for (const s of snap.stories) {
      const articles: TrackedArticle[] = [];
      for (const a of s.articles) {
        const briefing = briefingOf(a.briefing);
        if (!briefing) return null;
        articles.push({ id: a.id, briefing, sources: a.sources.map((src) => ({ ...src })), arrivedAt: a.arrivedAt });
      }
      stories.push({ id: s.id, articles, lastActivity: s.lastActivity });
    }
    out.byIndex = stories;
    out.byId = new Map(stories.map((s, i) => [s.id, i]));
    for (const [story, article, shingles, hashes] of snap.dups) {
      const st = stories[story];
      const art = st?.articles[article];
      if (!st || !art) return null;
      out.dups.add({ hashes: Uint32Array.from(hashes), shingles }, { article: art, story: st });
    }
    return out;
  }

  add(briefing: Briefing, source: ArticleSource, arrivedAt = source.published ?? 0): TrackResult {
    const sig = signature(briefing.sentences.map((s) => s.text).join(' '));
    const dup = this.dups.find(sig);
    if (dup) {
      dup.article.sources.push(source);
      dup.story.lastActivity = Math.max(dup.story.lastActivity, arrivedAt);
      return { kind: 'duplicate', story: dup.story, article: dup.article };
    }
    // A story already started under this article's id (a later article of it, recorded elsewhere, arrived first
    // here): the article is that story's first report, so it joins it rather than starting a second one.
    if (this.byId.has(briefing.id))
      return this.assign(briefing, source, { story: briefing.id, article: briefing.id }, arrivedAt);
    const article: TrackedArticle = { id: briefing.id, briefing, sources: [source], arrivedAt };
    const placed = this.clusterer.add(articleFeatures(briefing, source.published ?? null));
    let story = this.byIndex[placed.story];
    if (!story) {
      this.byIndex[placed.story] = story = { id: briefing.id, articles: [], lastActivity: arrivedAt };
      this.byId.set(story.id, placed.story);
    }
    insertArticle(story, article);
    story.lastActivity = Math.max(story.lastActivity, arrivedAt);
    this.dups.add(sig, { article, story });
    return { kind: placed.created ? 'created' : 'joined', story, article };
  }

  /**
   * Puts an article where it was recorded, without asking the model: into story `to.story` (started here, under
   * that id, when this tracker has none yet), as another source of article `to.article` when that is another
   * article's id, else as an article of its own. The clusterer still learns it, so articles grouped here later
   * are weighed against it. The story's first report goes first, in whatever order the articles arrive.
   */
  assign(
    briefing: Briefing,
    source: ArticleSource,
    to: StoryAssignment,
    arrivedAt = source.published ?? 0,
  ): TrackResult {
    const index = this.byId.get(to.story);
    let story = index === undefined ? undefined : this.byIndex[index];
    const same = story?.articles.find((a) => a.id === to.article);
    if (story && same) {
      // A copy of an article here; or the original arriving after a copy that stood in for it, which it takes over.
      if (to.article === briefing.id && same.briefing.id !== briefing.id) {
        same.briefing = briefing;
        same.sources.unshift(source);
      } else same.sources.push(source);
      story.lastActivity = Math.max(story.lastActivity, arrivedAt);
      return { kind: 'duplicate', story, article: same };
    }
    const article: TrackedArticle = { id: to.article, briefing, sources: [source], arrivedAt };
    const features = articleFeatures(briefing, source.published ?? null);
    const vector = this.clusterer.observe(features);
    const created = !story;
    if (story) this.clusterer.join(index!, features, vector);
    else {
      const at = this.clusterer.create(features, vector);
      this.byIndex[at] = story = { id: to.story, articles: [], lastActivity: arrivedAt };
      this.byId.set(to.story, at);
    }
    if (to.article === to.story) story.articles.unshift(article);
    else insertArticle(story, article);
    story.lastActivity = Math.max(story.lastActivity, arrivedAt);
    this.dups.add(signature(briefing.sentences.map((s) => s.text).join(' ')), { article, story });
    return { kind: created ? 'created' : 'joined', story, article };
  }

  /** Newest activity first; ties by id. */
  stories(): TrackedStory[] {
    return [...this.byIndex].sort((a, b) => b.lastActivity - a.lastActivity || a.id.localeCompare(b.id));
  }
}

/**
 * Adds an article to a story in the order a replay of the library gives (arrival, ties by source path), after the
 * story's first report, which stays first: so an article arriving late (a page published days ago, another
 * replica's article heard after a later one) sits where a restart, and every other replica, puts it. An article
 * arriving last, as most do, goes at the end, as before.
 */
function insertArticle(story: TrackedStory, article: TrackedArticle): void {
  const list = story.articles;
  const after = (a: TrackedArticle) =>
    a.arrivedAt > article.arrivedAt ||
    (a.arrivedAt === article.arrivedAt && a.sources[0]!.source.localeCompare(article.sources[0]!.source) > 0);
  let at = list.length;
  while (at > 0 && after(list[at - 1]!) && !(at - 1 === 0 && list[0]!.id === story.id)) at -= 1;
  list.splice(at, 0, article);
}
