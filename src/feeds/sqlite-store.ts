// The feed and article stores in the bot's SQLite file, beside the digests (schema step 2 in state/migrations.ts).
import type { Database } from '../state/database.js';
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

export class SqliteFeedStore implements FeedStore {
  constructor(private readonly db: Database) {}

  async subscribe(input: FeedSubscribe, now: number, nextCheckAt: number): Promise<'created' | 'updated'> {
    return this.db
      .transaction((): 'created' | 'updated' => {
        this.db
          .prepare(
            `INSERT INTO feeds (url, title, failures, next_check_at, created_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (url) DO UPDATE SET title = COALESCE(excluded.title, feeds.title)`,
          )
          .run(input.url, input.title, JSON.stringify(NO_FAILURES), nextCheckAt, now);
        const existing = this.db
          .prepare('SELECT 1 FROM feed_channels WHERE feed_url = ? AND channel = ?')
          .get(input.url, input.channel);
        this.db
          .prepare(
            `INSERT INTO feed_channels (feed_url, channel, post_each, added_by, added_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (feed_url, channel) DO UPDATE SET post_each = excluded.post_each`,
          )
          .run(input.url, input.channel, input.postEach ? 1 : 0, input.addedBy, now);
        return existing ? 'updated' : 'created';
      })
      .immediate();
  }

  async unsubscribe(url: string, channel: string): Promise<boolean> {
    return this.db
      .transaction(() => {
        const removed =
          this.db.prepare('DELETE FROM feed_channels WHERE feed_url = ? AND channel = ?').run(url, channel).changes > 0;
        const left = this.db.prepare('SELECT COUNT(*) AS n FROM feed_channels WHERE feed_url = ?').get(url) as Row;
        if ((left.n as number) === 0) this.db.prepare('DELETE FROM feeds WHERE url = ?').run(url);
        return removed;
      })
      .immediate();
  }

  async feed(url: string): Promise<FeedRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM feeds WHERE url = ?').get(url) as Row | undefined;
    return row ? toFeed(row) : undefined;
  }

  async feeds(): Promise<FeedRecord[]> {
    return (this.db.prepare('SELECT * FROM feeds ORDER BY url').all() as Row[]).map(toFeed);
  }

  async channels(url: string): Promise<FeedChannel[]> {
    return (this.db.prepare('SELECT * FROM feed_channels WHERE feed_url = ? ORDER BY channel').all(url) as Row[]).map(
      toChannel,
    );
  }

  async feedsOf(channel: string): Promise<Array<{ feed: FeedRecord; subscription: FeedChannel }>> {
    const rows = this.db
      .prepare(
        `SELECT f.*, c.feed_url, c.channel, c.post_each, c.added_by, c.added_at, c.pause_told
         FROM feeds f JOIN feed_channels c ON c.feed_url = f.url WHERE c.channel = ? ORDER BY c.added_at, f.url`,
      )
      .all(channel) as Row[];
    return rows.map((r) => ({ feed: toFeed(r), subscription: toChannel(r) }));
  }

  async due(now: number): Promise<FeedRecord[]> {
    return (
      this.db
        .prepare(`SELECT * FROM feeds WHERE status = 'active' AND next_check_at <= ? ORDER BY next_check_at, url`)
        .all(now) as Row[]
    ).map(toFeed);
  }

  async claimDue(now: number, holder: string, leaseMs: number, limit: number): Promise<FeedRecord[]> {
    return this.db
      .transaction(() => {
        const rows = this.db
          .prepare(
            `SELECT * FROM feeds WHERE status = 'active' AND next_check_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
           ORDER BY next_check_at, url LIMIT ?`,
          )
          .all(now, now, limit) as Row[];
        const lease = this.db.prepare('UPDATE feeds SET lease_holder = ?, lease_until = ? WHERE url = ?');
        for (const r of rows) lease.run(holder, now + leaseMs, r.url);
        return rows.map(toFeed);
      })
      .immediate();
  }

  async lease(url: string, now: number, holder: string, leaseMs: number): Promise<boolean> {
    const result = this.db
      .prepare(
        `UPDATE feeds SET lease_holder = ?, lease_until = ?
         WHERE url = ? AND (lease_until IS NULL OR lease_until <= ? OR lease_holder = ?)`,
      )
      .run(holder, now + leaseMs, url, now, holder);
    return result.changes === 1;
  }

  async release(url: string, holder: string): Promise<void> {
    this.db
      .prepare('UPDATE feeds SET lease_holder = NULL, lease_until = NULL WHERE url = ? AND lease_holder = ?')
      .run(url, holder);
  }

  async update(url: string, update: FeedUpdate): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, value] of Object.entries(update) as Array<[keyof FeedUpdate, unknown]>) {
      if (value === undefined) continue;
      sets.push(`${FEED_COLUMNS[key]} = ?`);
      values.push(key === 'failures' ? JSON.stringify(value) : value);
    }
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE feeds SET ${sets.join(', ')} WHERE url = ?`).run(...values, url);
  }

  async seen(url: string): Promise<Map<string, string>> {
    const rows = this.db.prepare('SELECT item_key, hash FROM feed_items WHERE feed_url = ?').all(url) as Row[];
    return new Map(rows.map((r) => [r.item_key as string, r.hash as string]));
  }

  async recordSeen(url: string, items: readonly SeenItem[], now: number): Promise<void> {
    const put = this.db.prepare(
      `INSERT INTO feed_items (feed_url, item_key, hash, article_url, first_seen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (feed_url, item_key) DO UPDATE SET hash = excluded.hash, article_url = excluded.article_url`,
    );
    this.db
      .transaction(() => {
        for (const item of items) put.run(url, item.key, item.hash, item.articleUrl, now);
      })
      .immediate();
  }

  async setPauseTold(url: string, channel: string, told: boolean): Promise<void> {
    this.db
      .prepare('UPDATE feed_channels SET pause_told = ? WHERE feed_url = ? AND channel = ?')
      .run(told ? 1 : 0, url, channel);
  }
}

export class SqliteArticleStore implements ArticleStore {
  constructor(private readonly db: Database) {}

  async put(a: StoredArticle): Promise<StoryAssignment | null> {
    const row = this.db
      .prepare(
        `INSERT INTO articles (url, feed_url, outlet, title, published, fetched_at, text, hash, story_id, story_article)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (url) DO UPDATE SET feed_url = COALESCE(excluded.feed_url, articles.feed_url), outlet = excluded.outlet, title = excluded.title,
           published = excluded.published, fetched_at = excluded.fetched_at, text = excluded.text, hash = excluded.hash,
           ${KEEP_STORY}
         RETURNING story_id, story_article`,
      )
      .get(a.url, a.feedUrl, a.outlet, a.title, a.published, a.fetchedAt, a.text, a.hash, ...storyColumns(a)) as
      Row | undefined;
    return toAssignment(row);
  }

  async recordStory(url: string, story: StoryAssignment): Promise<StoryAssignment | null> {
    this.db
      .prepare('UPDATE articles SET story_id = ?, story_article = ? WHERE url = ? AND story_id IS NULL')
      .run(story.story, story.article, url);
    return toAssignment(
      this.db.prepare('SELECT story_id, story_article FROM articles WHERE url = ?').get(url) as Row | undefined,
    );
  }

  async get(url: string): Promise<StoredArticle | undefined> {
    const row = this.db.prepare('SELECT * FROM articles WHERE url = ?').get(url) as Row | undefined;
    return row ? toArticle(row) : undefined;
  }

  async all(): Promise<StoredArticle[]> {
    return (this.db.prepare('SELECT * FROM articles ORDER BY fetched_at DESC, url').all() as Row[]).map(toArticle);
  }

  async prune(before: number, maxCount: number): Promise<string[]> {
    return this.db
      .transaction(() => {
        const old = this.db.prepare('SELECT url FROM articles WHERE fetched_at < ?').all(before) as Row[];
        const over = this.db
          .prepare('SELECT url FROM articles ORDER BY fetched_at DESC, url LIMIT -1 OFFSET ?')
          .all(maxCount) as Row[];
        const urls = [...new Set([...old, ...over].map((r) => r.url as string))];
        const del = this.db.prepare('DELETE FROM articles WHERE url = ?');
        for (const url of urls) del.run(url);
        return urls;
      })
      .immediate();
  }
}
