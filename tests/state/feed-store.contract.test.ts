// One contract for the feed and article stores, run against both backends: the SQLite file and a real Postgres
// (the run's throwaway server, a fresh database per test). Every behaviour the poller, /feed and the link reader
// rely on, feed check leases included.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresArticleStore, PostgresFeedStore } from '../../src/feeds/postgres-store.js';
import { SqliteArticleStore, SqliteFeedStore } from '../../src/feeds/sqlite-store.js';
import type { ArticleStore, FeedStore, FeedSubscribe, StoredArticle } from '../../src/feeds/store.js';
import { postgresBackend, sqliteBackend } from '../../src/state/backend.js';
import { tempDir } from '../digest/helpers.js';
import { createTestDatabase } from '../fixtures/postgres.js';

interface Opened {
  feeds: FeedStore;
  articles: ArticleStore;
  close: () => Promise<void>;
}

const backends: Array<[string, () => Promise<Opened>]> = [
  [
    'sqlite',
    async () => {
      const tmp = tempDir('briefbot-feed-contract-');
      const backend = sqliteBackend(join(tmp.dir, 'state.db'));
      return {
        feeds: new SqliteFeedStore(backend.db()),
        articles: new SqliteArticleStore(backend.db()),
        close: async () => (await backend.close(), tmp.cleanup()),
      };
    },
  ],
  [
    'postgres',
    async () => {
      const db = await createTestDatabase('feedcontract');
      const backend = postgresBackend(db.url);
      const pool = () => backend.pool();
      return {
        feeds: new PostgresFeedStore(pool),
        articles: new PostgresArticleStore(pool),
        close: async () => (await backend.close(), await db.drop()),
      };
    },
  ],
];

const T0 = Date.parse('2026-12-01T10:00:00Z');
const MIN = 60_000;

const sub = (url: string, channel: string, extra: Partial<FeedSubscribe> = {}): FeedSubscribe => ({
  url,
  title: null,
  channel,
  postEach: false,
  addedBy: 'u1',
  ...extra,
});

const article = (url: string, fetchedAt: number, extra: Partial<StoredArticle> = {}): StoredArticle => ({
  url,
  feedUrl: 'http://feeds.example/a.xml',
  outlet: 'Gazette',
  title: `Title of ${url}`,
  published: '2026-11-30T10:00:00.000Z',
  fetchedAt,
  text: `Body of ${url}`,
  hash: `h-${url}`,
  ...extra,
});

describe.each(backends)('feed store contract: %s', (_kind, open) => {
  let o: Opened;
  let feeds: FeedStore;
  beforeEach(async () => {
    o = await open();
    feeds = o.feeds;
  });
  afterEach(async () => o.close());

  it('creates a feed on the first subscription and updates on the second; the title is kept when none is given', async () => {
    expect(await feeds.subscribe(sub('http://a/feed', 'discord:1', { title: 'A feed' }), T0, T0 + 10 * MIN)).toBe(
      'created',
    );
    expect(await feeds.subscribe(sub('http://a/feed', 'discord:1', { postEach: true }), T0 + MIN, T0)).toBe('updated');
    expect(await feeds.subscribe(sub('http://a/feed', 'slack:C1'), T0 + 2 * MIN, T0)).toBe('created');
    const feed = (await feeds.feed('http://a/feed'))!;
    expect(feed).toMatchObject({
      url: 'http://a/feed',
      title: 'A feed',
      status: 'active',
      nextCheckAt: T0 + 10 * MIN,
      createdAt: T0,
      lastCheckedAt: null,
      etag: null,
    });
    expect(feed.failures.consecutive).toBe(0);
    expect(await feeds.channels('http://a/feed')).toEqual([
      { feedUrl: 'http://a/feed', channel: 'discord:1', postEach: true, addedBy: 'u1', addedAt: T0, pauseTold: false },
      {
        feedUrl: 'http://a/feed',
        channel: 'slack:C1',
        postEach: false,
        addedBy: 'u1',
        addedAt: T0 + 2 * MIN,
        pauseTold: false,
      },
    ]);
  });

  it('lists the feeds a channel follows in the order it added them', async () => {
    await feeds.subscribe(sub('http://b/feed', 'discord:1'), T0, T0);
    await feeds.subscribe(sub('http://a/feed', 'discord:1'), T0 + MIN, T0);
    await feeds.subscribe(sub('http://c/feed', 'discord:2'), T0, T0);
    const of = await feeds.feedsOf('discord:1');
    expect(of.map((x) => [x.feed.url, x.subscription.channel])).toEqual([
      ['http://b/feed', 'discord:1'],
      ['http://a/feed', 'discord:1'],
    ]);
    expect((await feeds.feeds()).map((f) => f.url)).toEqual(['http://a/feed', 'http://b/feed', 'http://c/feed']);
  });

  it('removes the feed and what was seen of it with its last channel', async () => {
    await feeds.subscribe(sub('http://a/feed', 'discord:1'), T0, T0);
    await feeds.subscribe(sub('http://a/feed', 'discord:2'), T0, T0);
    await feeds.recordSeen('http://a/feed', [{ key: 'k1', hash: 'h1', articleUrl: 'http://a/1' }], T0);
    expect(await feeds.unsubscribe('http://a/feed', 'discord:1')).toBe(true);
    expect(await feeds.unsubscribe('http://a/feed', 'discord:1')).toBe(false);
    expect(await feeds.feed('http://a/feed')).toBeDefined();
    expect(await feeds.unsubscribe('http://a/feed', 'discord:2')).toBe(true);
    expect(await feeds.feed('http://a/feed')).toBeUndefined();
    await feeds.subscribe(sub('http://a/feed', 'discord:1'), T0, T0);
    expect((await feeds.seen('http://a/feed')).size).toBe(0);
  });

  it('updates only the fields given, failures included, and answers due feeds in next-check order', async () => {
    await feeds.subscribe(sub('http://a/feed', 'discord:1'), T0, T0 + 5 * MIN);
    await feeds.subscribe(sub('http://b/feed', 'discord:1'), T0, T0 + 2 * MIN);
    await feeds.subscribe(sub('http://c/feed', 'discord:1'), T0, T0 + MIN);
    const failures = { consecutive: 2, byKind: { network: 2 }, lastKind: 'network' as const, lastMessage: 'down' };
    await feeds.update('http://c/feed', {
      status: 'paused',
      pausedReason: 'broken',
      failures,
      etag: '"e1"',
      lastCheckedAt: T0,
    });
    await feeds.update('http://a/feed', {});
    const c = (await feeds.feed('http://c/feed'))!;
    expect(c).toMatchObject({
      status: 'paused',
      pausedReason: 'broken',
      etag: '"e1"',
      lastCheckedAt: T0,
      nextCheckAt: T0 + MIN,
      lastModified: null,
    });
    expect(c.failures).toEqual(failures);
    expect((await feeds.due(T0 + 5 * MIN)).map((f) => f.url)).toEqual(['http://b/feed', 'http://a/feed']);
    expect(await feeds.due(T0)).toEqual([]);
  });

  it('remembers item hashes, a changed item keeping its latest', async () => {
    await feeds.subscribe(sub('http://a/feed', 'discord:1'), T0, T0);
    await feeds.recordSeen('http://a/feed', [], T0);
    await feeds.recordSeen(
      'http://a/feed',
      [
        { key: 'k1', hash: 'h1', articleUrl: 'http://a/1' },
        { key: 'k2', hash: 'h2', articleUrl: 'http://a/2' },
      ],
      T0,
    );
    await feeds.recordSeen('http://a/feed', [{ key: 'k1', hash: 'h1b', articleUrl: 'http://a/1' }], T0 + MIN);
    expect(await feeds.seen('http://a/feed')).toEqual(
      new Map([
        ['k1', 'h1b'],
        ['k2', 'h2'],
      ]),
    );
  });

  it('records per channel whether it was told of a pause', async () => {
    await feeds.subscribe(sub('http://a/feed', 'discord:1'), T0, T0);
    await feeds.subscribe(sub('http://a/feed', 'discord:2'), T0, T0);
    await feeds.setPauseTold('http://a/feed', 'discord:2', true);
    expect((await feeds.channels('http://a/feed')).map((c) => c.pauseTold)).toEqual([false, true]);
    await feeds.setPauseTold('http://a/feed', 'discord:2', false);
    expect((await feeds.channels('http://a/feed')).map((c) => c.pauseTold)).toEqual([false, false]);
  });

  describe('feed check leases', () => {
    beforeEach(async () => {
      for (const name of ['a', 'b', 'c', 'd']) await feeds.subscribe(sub(`http://${name}/feed`, 'discord:1'), T0, T0);
      await feeds.update('http://d/feed', { status: 'paused' });
    });

    it('leases due active feeds up to the limit, and never the same feed to two holders', async () => {
      const first = await feeds.claimDue(T0, 'r1', 5 * MIN, 2);
      expect(first.map((f) => f.url)).toEqual(['http://a/feed', 'http://b/feed']);
      const second = await feeds.claimDue(T0, 'r2', 5 * MIN, 10);
      expect(second.map((f) => f.url)).toEqual(['http://c/feed']);
      expect(await feeds.claimDue(T0 + MIN, 'r3', 5 * MIN, 10)).toEqual([]);
    });

    it('hands a feed to another holder once the lease has run out, not before', async () => {
      await feeds.claimDue(T0, 'r1', 5 * MIN, 10);
      expect(await feeds.claimDue(T0 + 5 * MIN - 1, 'r2', 5 * MIN, 10)).toEqual([]);
      expect((await feeds.claimDue(T0 + 5 * MIN, 'r2', 5 * MIN, 10)).map((f) => f.url)).toEqual([
        'http://a/feed',
        'http://b/feed',
        'http://c/feed',
      ]);
    });

    it('a release ends only the holder’s own lease', async () => {
      await feeds.claimDue(T0, 'r1', 5 * MIN, 1);
      await feeds.release('http://a/feed', 'r2');
      expect((await feeds.claimDue(T0, 'r2', 5 * MIN, 10)).map((f) => f.url)).toEqual([
        'http://b/feed',
        'http://c/feed',
      ]);
      await feeds.release('http://a/feed', 'r1');
      expect((await feeds.claimDue(T0, 'r3', 5 * MIN, 10)).map((f) => f.url)).toEqual(['http://a/feed']);
    });

    it('a checked feed is not due again until its next check, lease released or not', async () => {
      await feeds.claimDue(T0, 'r1', 5 * MIN, 1);
      await feeds.update('http://a/feed', { nextCheckAt: T0 + 10 * MIN, lastCheckedAt: T0 });
      await feeds.release('http://a/feed', 'r1');
      expect((await feeds.claimDue(T0 + MIN, 'r2', 5 * MIN, 10)).map((f) => f.url)).toEqual([
        'http://b/feed',
        'http://c/feed',
      ]);
      expect(await feeds.claimDue(T0 + 5 * MIN, 'r3', 5 * MIN, 10)).toEqual([]);
      expect((await feeds.claimDue(T0 + 10 * MIN, 'r3', 5 * MIN, 10)).map((f) => f.url)).toEqual([
        'http://b/feed',
        'http://c/feed',
        'http://a/feed',
      ]);
    });

    it('leases one feed by hand (a /feed check), paused or not due, unless another holder has it', async () => {
      // Not due, and paused: a check asked for by hand still gets it.
      await feeds.update('http://a/feed', { nextCheckAt: T0 + 10 * MIN });
      expect(await feeds.lease('http://a/feed', T0, 'r1', 5 * MIN)).toBe(true);
      expect(await feeds.lease('http://d/feed', T0, 'r1', 5 * MIN)).toBe(true);
      // Held: not by another replica, by hand or by schedule; the holder itself may renew it.
      expect(await feeds.lease('http://a/feed', T0 + MIN, 'r2', 5 * MIN)).toBe(false);
      expect(await feeds.lease('http://a/feed', T0 + MIN, 'r1', 5 * MIN)).toBe(true);
      await feeds.lease('http://b/feed', T0, 'r1', 5 * MIN);
      expect((await feeds.claimDue(T0 + MIN, 'r2', 5 * MIN, 10)).map((f) => f.url)).toEqual(['http://c/feed']);
      // Released, or run out: free again.
      await feeds.release('http://a/feed', 'r1');
      expect(await feeds.lease('http://a/feed', T0 + MIN, 'r2', 5 * MIN)).toBe(true);
      expect(await feeds.lease('http://b/feed', T0 + 5 * MIN, 'r3', 5 * MIN)).toBe(true);
      expect(await feeds.lease('http://nowhere/feed', T0, 'r1', 5 * MIN)).toBe(false);
    });

    it('concurrent claims split the due feeds without overlap', async () => {
      for (let i = 0; i < 30; i++)
        await feeds.subscribe(sub(`http://many/${String(i).padStart(2, '0')}`, 'discord:1'), T0, T0);
      const claims = await Promise.all(
        ['r1', 'r2', 'r3', 'r4'].map(async (holder) => {
          const got: string[] = [];
          for (
            let batch = await feeds.claimDue(T0, holder, MIN, 3);
            batch.length;
            batch = await feeds.claimDue(T0, holder, MIN, 3)
          )
            got.push(...batch.map((f) => f.url));
          return got;
        }),
      );
      const all = claims.flat();
      expect(all).toHaveLength(33);
      expect(new Set(all).size).toBe(33);
    });
  });

  describe('articles', () => {
    it('stores an article once per URL, the latest version winning but a known feed kept', async () => {
      const { articles } = o;
      await articles.put(article('http://a/1', T0));
      await articles.put(article('http://a/1', T0 + MIN, { feedUrl: null, text: 'Changed body', hash: 'h2' }));
      expect(await articles.get('http://a/1')).toEqual(
        article('http://a/1', T0 + MIN, { text: 'Changed body', hash: 'h2' }),
      );
      expect(await articles.get('http://a/none')).toBeUndefined();
      expect((await articles.all()).length).toBe(1);
    });

    it('records the story an article joined once: the first placement stands, through changes of the page', async () => {
      const { articles } = o;
      const first = { story: 'peru-quake-bbc-1a2b3c', article: 'peru-quake-ap-4d5e6f' };
      // Stored before placements were recorded (or unbriefable): no story, and the next placement is taken.
      expect(await articles.put(article('http://a/1', T0))).toBeNull();
      expect((await articles.get('http://a/1'))!.story).toBeUndefined();
      expect(await articles.put(article('http://a/1', T0, { story: first }))).toEqual(first);
      // Another replica storing the same page with its own placement, or a changed page: the first one stays.
      const other = { story: 'elsewhere-000000', article: 'elsewhere-000000' };
      expect(await articles.put(article('http://a/1', T0 + MIN, { story: other, text: 'New', hash: 'h2' }))).toEqual(
        first,
      );
      expect(await articles.put(article('http://a/1', T0 + MIN, { text: 'New', hash: 'h2' }))).toEqual(first);
      expect(await articles.get('http://a/1')).toEqual(
        article('http://a/1', T0 + MIN, { story: first, text: 'New', hash: 'h2' }),
      );
      // A near-duplicate names the article it copies; every read gives the placement back.
      const copy = { story: first.story, article: first.article };
      expect(await articles.put(article('http://b/1', T0 + 2 * MIN, { story: copy }))).toEqual(copy);
      expect((await articles.all()).map((a) => [a.url, a.story])).toEqual([
        ['http://b/1', copy],
        ['http://a/1', first],
      ]);
    });

    it('records a placement on an article stored without one, and only there', async () => {
      const { articles } = o;
      const first = { story: 's-1', article: 'a-1' };
      await articles.put(article('http://a/1', T0));
      expect(await articles.recordStory('http://a/1', first)).toEqual(first);
      expect(await articles.recordStory('http://a/1', { story: 's-2', article: 'a-2' })).toEqual(first);
      expect(await articles.recordStory('http://a/none', first)).toBeNull();
      expect((await articles.get('http://a/1'))!.story).toEqual(first);
      expect(await articles.all()).toHaveLength(1);
    });

    it('lists newest first and prunes the old and those beyond the count', async () => {
      const { articles } = o;
      for (let i = 0; i < 5; i++) await articles.put(article(`http://a/${i}`, T0 + i * MIN));
      expect((await articles.all()).map((a) => a.url)).toEqual([
        'http://a/4',
        'http://a/3',
        'http://a/2',
        'http://a/1',
        'http://a/0',
      ]);
      expect((await articles.prune(T0 + MIN, 3)).sort()).toEqual(['http://a/0', 'http://a/1']);
      expect((await articles.prune(T0, 2)).sort()).toEqual(['http://a/2']);
      expect((await articles.all()).map((a) => a.url)).toEqual(['http://a/4', 'http://a/3']);
    });
  });
});
