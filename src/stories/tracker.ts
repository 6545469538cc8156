// Articles into stories: a near-duplicate becomes another source of the article it copies; any other
// article is placed by the clusterer. Story and article ids are the first briefing's id.
import type { Briefing } from '../briefing/types.js';
import { StoryClusterer } from './cluster.js';
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

export class StoryTracker {
  private readonly clusterer: StoryClusterer;
  private readonly dups = new NearDupIndex<{ article: TrackedArticle; story: TrackedStory }>();
  private readonly byIndex: TrackedStory[] = [];

  constructor(model: SameStoryModel = defaultModel()) {
    this.clusterer = new StoryClusterer({ model });
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
