// The feed and article stores in Postgres (DATABASE_URL), for several replicas on one database: the same semantics
// as sqlite-store.ts (schema steps 2 and 3 in state/pg-migrations.ts). A due feed is leased with
// SELECT … FOR UPDATE SKIP LOCKED plus a lease expiry, so replicas claiming together each get different feeds,
// and the feeds of a replica that died mid-check go to another once its lease runs out.
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../state/postgres.js';
import { NO_FAILURES } from '../sources/polite.js';
import {
  FEED_COLUMNS,
  KEEP_STORY,
  storyColumns,
  toArticle,
  toAssignment,
  toChannel,
  toFeed,
  type Row,
} from './rows.js';
import type { StoryAssignment } from '../library/library.js';
import type {
  ArticleStore,
  FeedChannel,
  FeedRecord,
  FeedStore,
  FeedSubscribe,
  FeedUpdate,
  SeenItem,
  StoredArticle,
} from './store.js';

/** The pool, or how to get it: the state backend connects and migrates on first use. */
export type PoolSource = () => Promise<Pool>;

type Queryable = Pool | PoolClient;

/** The database server's clock in ms: one clock for every replica, so a stored-at cursor means the same to all. */
const DB_NOW_MS = '(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint';

async function rows(on: Queryable, sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await on.query(sql, params)).rows as Row[];
}

export class PostgresFeedStore implements FeedStore {
  constructor(private readonly pool: PoolSource) {}

  async subscribe(input: FeedSubscribe, now: number, nextCheckAt: number): Promise<'created' | 'updated'> {
    return inTransaction(await this.pool(), async (c) => {
      await c.query(
        `INSERT INTO feeds (url, title, failures, next_check_at, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (url) DO UPDATE SET title = COALESCE(excluded.title, feeds.title)`,
        [input.url, input.title, JSON.stringify(NO_FAILURES), nextCheckAt, now],
      );
      const inserted = await rows(
        c,
        `INSERT INTO feed_channels (feed_url, channel, post_each, added_by, added_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (feed_url, channel) DO UPDATE SET post_each = excluded.post_each
         RETURNING (xmax = 0) AS inserted`,
        [input.url, input.channel, input.postEach, input.addedBy, now],
      );
      return inserted[0]?.inserted === true ? 'created' : 'updated';
    });
  }

  async unsubscribe(url: string, channel: string): Promise<boolean> {
    return inTransaction(await this.pool(), async (c) => {
      // The feed row is locked first, so a subscribe racing this one waits instead of joining a feed being deleted.
      await c.query('SELECT 1 FROM feeds WHERE url = $1 FOR UPDATE', [url]);
      const removed =
        ((await c.query('DELETE FROM feed_channels WHERE feed_url = $1 AND channel = $2', [url, channel])).rowCount ??
          0) > 0;
      const [left] = await rows(c, 'SELECT COUNT(*)::int AS n FROM feed_channels WHERE feed_url = $1', [url]);
      if (Number(left?.n ?? 0) === 0) await c.query('DELETE FROM feeds WHERE url = $1', [url]);
      return removed;
    });
  }

  async feed(url: string): Promise<FeedRecord | undefined> {
    const [row] = await rows(await this.pool(), 'SELECT * FROM feeds WHERE url = $1', [url]);
    return row ? toFeed(row) : undefined;
  }

  async feeds(): Promise<FeedRecord[]> {
    return (await rows(await this.pool(), 'SELECT * FROM feeds ORDER BY url')).map(toFeed);
  }

  async channels(url: string): Promise<FeedChannel[]> {
    return (
      await rows(await this.pool(), 'SELECT * FROM feed_channels WHERE feed_url = $1 ORDER BY channel', [url])
    ).map(toChannel);
  }

  async feedsOf(channel: string): Promise<Array<{ feed: FeedRecord; subscription: FeedChannel }>> {
    const found = await rows(
      await this.pool(),
      `SELECT f.*, c.feed_url, c.channel, c.post_each, c.added_by, c.added_at, c.pause_told
       FROM feeds f JOIN feed_channels c ON c.feed_url = f.url WHERE c.channel = $1 ORDER BY c.added_at, f.url`,
      [channel],
    );
    return found.map((r) => ({ feed: toFeed(r), subscription: toChannel(r) }));
  }

  async due(now: number): Promise<FeedRecord[]> {
    return (
      await rows(
        await this.pool(),
        `SELECT * FROM feeds WHERE status = 'active' AND next_check_at <= $1 ORDER BY next_check_at, url`,
        [now],
      )
    ).map(toFeed);
  }

  async claimDue(now: number, holder: string, leaseMs: number, limit: number): Promise<FeedRecord[]> {
    // SKIP LOCKED: a row another replica is claiming this instant is passed over, not waited for; its lease, once
    // committed, keeps it out of later claims until released or expired.
    const claimed = await rows(
      await this.pool(),
      `WITH picked AS (
         SELECT url FROM feeds
         WHERE status = 'active' AND next_check_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
         ORDER BY next_check_at, url LIMIT $4
         FOR UPDATE SKIP LOCKED
       )
       UPDATE feeds f SET lease_holder = $2, lease_until = $1::bigint + $3::bigint FROM picked WHERE f.url = picked.url
       RETURNING f.*`,
      [now, holder, leaseMs, limit],
    );
    return claimed
      .map(toFeed)
      .sort((a, b) => a.nextCheckAt - b.nextCheckAt || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  }

  async lease(url: string, now: number, holder: string, leaseMs: number): Promise<boolean> {
    const leased = await rows(
      await this.pool(),
      `UPDATE feeds SET lease_holder = $2, lease_until = $3::bigint + $4::bigint
       WHERE url = $1 AND (lease_until IS NULL OR lease_until <= $3 OR lease_holder = $2) RETURNING url`,
      [url, holder, now, leaseMs],
    );
    return leased.length === 1;
  }

  async release(url: string, holder: string): Promise<void> {
    await (
      await this.pool()
    ).query('UPDATE feeds SET lease_holder = NULL, lease_until = NULL WHERE url = $1 AND lease_holder = $2', [
      url,
      holder,
    ]);
  }

  async update(url: string, update: FeedUpdate): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, value] of Object.entries(update) as Array<[keyof FeedUpdate, unknown]>) {
      if (value === undefined) continue;
      values.push(key === 'failures' ? JSON.stringify(value) : value);
      sets.push(`${FEED_COLUMNS[key]} = $${values.length}`);
    }
    if (sets.length === 0) return;
    values.push(url);
    await (await this.pool()).query(`UPDATE feeds SET ${sets.join(', ')} WHERE url = $${values.length}`, values);
  }

  async seen(url: string): Promise<Map<string, string>> {
    const found = await rows(await this.pool(), 'SELECT item_key, hash FROM feed_items WHERE feed_url = $1', [url]);
    return new Map(found.map((r) => [r.item_key as string, r.hash as string]));
  }

  async recordSeen(url: string, items: readonly SeenItem[], now: number): Promise<void> {
    if (items.length === 0) return;
    // One statement for the whole batch; a repeated key keeps its last hash, as the SQLite loop does.
    const last = new Map(items.map((i) => [i.key, i]));
    const batch = [...last.values()];
    await (
      await this.pool()
    ).query(
      `INSERT INTO feed_items (feed_url, item_key, hash, article_url, first_seen)
       SELECT $1, k, h, a, $5 FROM unnest($2::text[], $3::text[], $4::text[]) AS t (k, h, a)
       ON CONFLICT (feed_url, item_key) DO UPDATE SET hash = excluded.hash, article_url = excluded.article_url`,
      [url, batch.map((i) => i.key), batch.map((i) => i.hash), batch.map((i) => i.articleUrl), now],
    );
  }

  async setPauseTold(url: string, channel: string, told: boolean): Promise<void> {
    await (
      await this.pool()
    ).query('UPDATE feed_channels SET pause_told = $1 WHERE feed_url = $2 AND channel = $3', [told, url, channel]);
  }
}

export class PostgresArticleStore implements ArticleStore {
  constructor(private readonly pool: PoolSource) {}

  async put(a: StoredArticle): Promise<StoryAssignment | null> {
    const [row] = await rows(
      await this.pool(),
      `INSERT INTO articles (url, feed_url, outlet, title, published, fetched_at, text, hash, story_id, story_article, stored_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ${DB_NOW_MS})
       ON CONFLICT (url) DO UPDATE SET feed_url = COALESCE(excluded.feed_url, articles.feed_url), outlet = excluded.outlet, title = excluded.title,
         published = excluded.published, fetched_at = excluded.fetched_at, text = excluded.text, hash = excluded.hash,
         stored_at = excluded.stored_at, ${KEEP_STORY}
       RETURNING story_id, story_article`,
      [a.url, a.feedUrl, a.outlet, a.title, a.published, a.fetchedAt, a.text, a.hash, ...storyColumns(a)],
    );
    return toAssignment(row);
  }

  async recordStory(url: string, story: StoryAssignment): Promise<StoryAssignment | null> {
    const pool = await this.pool();
    // Only on a row without one (the trigger tells the other replicas); whoever was first, the row says.
    await pool.query('UPDATE articles SET story_id = $1, story_article = $2 WHERE url = $3 AND story_id IS NULL', [
      story.story,
      story.article,
      url,
    ]);
    const [row] = await rows(pool, 'SELECT story_id, story_article FROM articles WHERE url = $1', [url]);
    return toAssignment(row);
  }

  async get(url: string): Promise<StoredArticle | undefined> {
    const [row] = await rows(await this.pool(), 'SELECT * FROM articles WHERE url = $1', [url]);
    return row ? toArticle(row) : undefined;
  }

  async all(): Promise<StoredArticle[]> {
    return (await rows(await this.pool(), 'SELECT * FROM articles ORDER BY fetched_at DESC, url')).map(toArticle);
  }

  /** The database's clock now (ms), the cursor a replica reads changes after (schema step 5). */
  async clock(): Promise<number> {
    const [row] = await rows(await this.pool(), `SELECT ${DB_NOW_MS} AS now`);
    return Number(row!.now);
  }

  /** Articles stored (new or changed) at or after `since` by the database's clock, oldest first. */
  async storedSince(since: number): Promise<Array<{ article: StoredArticle; storedAt: number }>> {
    const found = await rows(
      await this.pool(),
      'SELECT * FROM articles WHERE stored_at >= $1 ORDER BY stored_at, url',
      [since],
    );
    return found.map((r) => ({ article: toArticle(r), storedAt: Number(r.stored_at) }));
  }

  /** The URL of every stored article (for a replica that was disconnected to drop what was deleted meanwhile). */
  async urls(): Promise<Set<string>> {
    return new Set((await rows(await this.pool(), 'SELECT url FROM articles')).map((r) => r.url as string));
  }

  async prune(before: number, maxCount: number): Promise<string[]> {
    return inTransaction(await this.pool(), async (c) => {
      const removed = await rows(
        c,
        `DELETE FROM articles WHERE url IN (
           SELECT url FROM articles WHERE fetched_at < $1
           UNION SELECT url FROM (SELECT url FROM articles ORDER BY fetched_at DESC, url OFFSET $2) AS over
         ) RETURNING url`,
        [before, maxCount],
      );
      return removed.map((r) => r.url as string).sort();
    });
  }
}
