// Feed, subscription and article rows → records, for both backends: SQLite gives integers and 0/1 flags, Postgres
// BIGINT as strings and real booleans, so instants go through Number() and flags accept either.
import type { StoryAssignment } from '../library/library.js';
import { NO_FAILURES, type FailureState } from '../sources/polite.js';
import type { FeedChannel, FeedRecord, FeedUpdate, StoredArticle } from './store.js';

const optionalNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export type Row = Record<string, unknown>;

export function toFeed(r: Row): FeedRecord {
  let failures: FailureState = NO_FAILURES;
  try {
    failures = { ...NO_FAILURES, ...(JSON.parse(r.failures as string) as FailureState) };
  } catch {
    // a damaged column counts as no failures rather than stopping the poller
  }
  return {
    url: r.url as string,
    title: (r.title as string | null) ?? null,
    etag: (r.etag as string | null) ?? null,
    lastModified: (r.last_modified as string | null) ?? null,
    status: r.status as FeedRecord['status'],
    pausedReason: (r.paused_reason as string | null) ?? null,
    failures,
    nextCheckAt: Number(r.next_check_at),
    lastCheckedAt: optionalNumber(r.last_checked_at),
    lastNewAt: optionalNumber(r.last_new_at),
    lastNewTitle: (r.last_new_title as string | null) ?? null,
    createdAt: Number(r.created_at),
  };
}

export function toChannel(r: Row): FeedChannel {
  return {
    feedUrl: r.feed_url as string,
    channel: r.channel as string,
    postEach: r.post_each === 1 || r.post_each === true,
    addedBy: r.added_by as string,
    addedAt: Number(r.added_at),
    pauseTold: r.pause_told === 1 || r.pause_told === true,
  };
}

export function toArticle(r: Row): StoredArticle {
  return {
    url: r.url as string,
    feedUrl: (r.feed_url as string | null) ?? null,
    outlet: (r.outlet as string | null) ?? null,
    title: (r.title as string | null) ?? null,
    published: (r.published as string | null) ?? null,
    fetchedAt: Number(r.fetched_at),
    text: r.text as string,
    hash: r.hash as string,
    ...(toAssignment(r) ? { story: toAssignment(r)! } : {}),
  };
}

/** The story placement a row records (columns story_id, story_article), or null. */
export function toAssignment(r: Row | undefined): StoryAssignment | null {
  const story = r?.story_id;
  return typeof story === 'string' && story ? { story, article: (r!.story_article as string | null) ?? story } : null;
}

export const FEED_COLUMNS: Record<keyof FeedUpdate, string> = {
  title: 'title',
  etag: 'etag',
  lastModified: 'last_modified',
  status: 'status',
  pausedReason: 'paused_reason',
  failures: 'failures',
  nextCheckAt: 'next_check_at',
  lastCheckedAt: 'last_checked_at',
  lastNewAt: 'last_new_at',
  lastNewTitle: 'last_new_title',
};

/** The story columns of an article to store: its placement, or NULLs. */
export function storyColumns(a: StoredArticle): [string | null, string | null] {
  return a.story ? [a.story.story, a.story.article] : [null, null];
}

/**
 * The SET clause of an upsert that keeps a placement already recorded (the first replica's stands) and records
 * the new one only on a row that has none; both backends write the same SQL.
 */
export const KEEP_STORY = `story_article = CASE WHEN articles.story_id IS NULL THEN excluded.story_article ELSE articles.story_article END,
           story_id = COALESCE(articles.story_id, excluded.story_id)`;
