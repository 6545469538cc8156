// What the feed poller and the link reader keep: feeds per channel and fetched articles. Plain, promise-returning
// interfaces, implemented by SQLite (sqlite-store.ts) and Postgres (postgres-store.ts), one contract suite for both.
import type { StoryAssignment } from '../library/library.js';
import type { FailureState } from '../sources/polite.js';

export type FeedStatus = 'active' | 'paused';

export interface FeedRecord {
  url: string;
  title: string | null;
  etag: string | null;
  lastModified: string | null;
  status: FeedStatus;
  pausedReason: string | null;
  failures: FailureState;
  nextCheckAt: number;
  lastCheckedAt: number | null;
  lastNewAt: number | null;
  lastNewTitle: string | null;
  createdAt: number;
}

export interface FeedChannel {
  feedUrl: string;
  channel: string;
  /** Post each new article as a brief, besides adding it to the library. */
  postEach: boolean;
  addedBy: string;
  addedAt: number;
  /** The channel has been told that the feed paused (reset when it resumes). */
  pauseTold: boolean;
}

export interface FeedSubscribe {
  url: string;
  title: string | null;
  channel: string;
  postEach: boolean;
  addedBy: string;
}

/** Fields of a feed the poller changes after a check. */
export type FeedUpdate = Partial<Omit<FeedRecord, 'url' | 'createdAt'>>;

export interface SeenItem {
  key: string;
  hash: string;
  articleUrl: string;
}

export interface FeedStore {
  /** Subscribes a channel; the feed row is created on first use. */
  subscribe(input: FeedSubscribe, now: number, nextCheckAt: number): Promise<'created' | 'updated'>;
  /** Unsubscribes a channel; the feed (and what was seen of it) goes when no channel is left. */
  unsubscribe(url: string, channel: string): Promise<boolean>;
  feed(url: string): Promise<FeedRecord | undefined>;
  feeds(): Promise<FeedRecord[]>;
  channels(url: string): Promise<FeedChannel[]>;
  /** The feeds a channel follows, with its subscription. */
  feedsOf(channel: string): Promise<Array<{ feed: FeedRecord; subscription: FeedChannel }>>;
  /** Active feeds whose next check is at or before `now`. */
  due(now: number): Promise<FeedRecord[]>;
  /**
   * Leases up to `limit` due feeds to `holder` until `now + leaseMs` and returns them. A feed under another live
   * lease is skipped, so of several pollers sharing the state each due feed is checked by one; a lease past its
   * expiry (the holder died mid-check) is void, and the feed goes to whoever claims next.
   */
  claimDue(now: number, holder: string, leaseMs: number, limit: number): Promise<FeedRecord[]>;
  /**
   * Leases one feed to `holder` for a check asked for by hand (/feed check), whatever its schedule or status; false
   * while another holder's live lease is on it, so a feed is never fetched by two replicas at once.
   */
  lease(url: string, now: number, holder: string, leaseMs: number): Promise<boolean>;
  /** Ends `holder`'s lease on a feed; a lease another holder has since taken is left alone. */
  release(url: string, holder: string): Promise<void>;
  update(url: string, update: FeedUpdate): Promise<void>;
  /** Item key → content hash, for every item seen of the feed. */
  seen(url: string): Promise<Map<string, string>>;
  recordSeen(url: string, items: readonly SeenItem[], now: number): Promise<void>;
  setPauseTold(url: string, channel: string, told: boolean): Promise<void>;
}

export interface StoredArticle {
  url: string;
  feedUrl: string | null;
  outlet: string | null;
  title: string | null;
  published: string | null;
  fetchedAt: number;
  /** The text the briefing is derived from. */
  text: string;
  hash: string;
  /**
   * The story the article joined, decided once by the replica that first stored it; absent for an article stored
   * before placements were recorded, or one that could not be briefed.
   */
  story?: StoryAssignment;
}

export interface ArticleStore {
  /**
   * Stores the article (a new one, or a changed copy under the same URL). Its story is recorded only when the row
   * has none yet: the first placement stands, as replicas that took the article in already show it there. Returns
   * the placement the row holds after the write (null: none).
   */
  put(article: StoredArticle): Promise<StoryAssignment | null>;
  /**
   * Records a placement on a stored article that has none (one stored before placements were kept); returns the
   * placement the row holds afterwards, this one or another replica's, or null when no such article is stored.
   */
  recordStory(url: string, story: StoryAssignment): Promise<StoryAssignment | null>;
  get(url: string): Promise<StoredArticle | undefined>;
  /** Every stored article, newest fetched first. */
  all(): Promise<StoredArticle[]>;
  /** Deletes articles fetched before `before`, and the oldest beyond `maxCount`; returns their URLs. */
  prune(before: number, maxCount: number): Promise<string[]>;
}
