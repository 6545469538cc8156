// Articles into stories: a near-duplicate becomes another source of the article it copies; any other
// article is placed by the clusterer. Story and article ids are the first briefing's id.
import type { Briefing } from '../briefing/types.js';
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
    articles: Array<{ id: string; briefing: string; sources: ArticleSource[] }>;
  }>;
  /** Near-duplicate signatures in the order they were added: [story index, article index, shingles, hashes]. */
  dups: Array<[number, number, number, number[]]>;
}

export class StoryTracker {
  private clusterer: StoryClusterer;
  private readonly dups = new NearDupIndex<{ article: TrackedArticle; story: TrackedStory }>();
  private byIndex: TrackedStory[] = [];

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
        articles: s.articles.map((a) => ({ id: a.id, briefing: a.briefing.source, sources: a.sources })),
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
        articles.push({ id: a.id, briefing, sources: a.sources.map((src) => ({ ...src })) });
      }
      stories.push({ id: s.id, articles, lastActivity: s.lastActivity });
    }
    out.byIndex = stories;
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
    const article: TrackedArticle = { id: briefing.id, briefing, sources: [source] };
    const placed = this.clusterer.add(articleFeatures(briefing, source.published ?? null));
    let story = this.byIndex[placed.story];
    if (!story) this.byIndex[placed.story] = story = { id: briefing.id, articles: [], lastActivity: arrivedAt };
    story.articles.push(article);
    story.lastActivity = Math.max(story.lastActivity, arrivedAt);
    this.dups.add(sig, { article, story });
    return { kind: placed.created ? 'created' : 'joined', story, article };
  }

  /** Newest activity first; ties by id. */
  stories(): TrackedStory[] {
    return [...this.byIndex].sort((a, b) => b.lastActivity - a.lastActivity || a.id.localeCompare(b.id));
  }
}
