// What /feed and the link-reading story commands may do (FeedService, LinkService), and the runtime that owns
// the database connection, the fetcher, the poller and its wake-up timer for the running bot.
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Briefing } from '../briefing/types.js';
import type { Config } from '../config.js';
import type { Reply } from '../core/reply.js';
import type { Deliver } from '../digest/deliver.js';
import type { Library } from '../library/library.js';
import type { StateBackend } from '../state/backend.js';
import { openDatabase, type Database } from '../state/database.js';
import { discoverFeeds, parseFeedText } from '../sources/feeds.js';
import { createFetcher, FetchError, type Fetcher } from '../sources/fetch.js';
import { nextSlot, systemClock, type Clock } from '../sources/polite.js';
import { isHtmlDocument } from '../sources/extract.js';
import {
  loadArticles,
  pruneArticles,
  readLink,
  recordPlacements,
  storeArticle,
  type Derive,
  type PlaceOf,
} from './articles.js';
import { ArticleSync } from './article-sync.js';
import { FeedPoller, type CheckReport } from './poller.js';
import { PostgresArticleStore, PostgresFeedStore } from './postgres-store.js';
import { SqliteArticleStore, SqliteFeedStore } from './sqlite-store.js';
import type { ArticleStore, FeedChannel, FeedRecord, FeedStore } from './store.js';

export interface FeedAddRequest {
  url: string;
  channel: string;
  postEach: boolean;
  addedBy: string;
}

export type FeedAddResult =
  | { ok: true; action: 'created' | 'updated'; feed: FeedRecord; discoveredFrom?: string; report: CheckReport }
  | { ok: false; message: string };

export interface FeedService {
  add(request: FeedAddRequest): Promise<FeedAddResult>;
  list(channel: string): Promise<Array<{ feed: FeedRecord; subscription: FeedChannel }>>;
  /** Every feed, for the console and the CLI. */
  all(): Promise<FeedRecord[]>;
  remove(url: string, channel: string): Promise<boolean>;
  /** Fetches a feed the channel follows now; a paused feed resumes. */
  check(url: string, channel: string): Promise<CheckReport | { error: string }>;
}

export type LinkOpen = { ok: true; story: Briefing } | { ok: false; message: string };

export interface LinkService {
  /** Fetches a page through the safe fetcher, extracts its article, stores it and adds it to the library. */
  open(url: string): Promise<LinkOpen>;
}

export interface FeedRuntimeOptions {
  clock?: Clock;
  /** Wake-ups of the poller in real time (ms); tests drive `poller.runDue` through their clock instead. */
  tickMs?: number;
  fetcher?: Fetcher;
  /** Where state lives; a Postgres backend (DATABASE_URL) puts feeds and articles there, shared by every replica. */
  state?: StateBackend;
  /** Names this process in feed leases (default: random). */
  holder?: string;
  /** How long a feed check is leased (default DEFAULT_LEASE_MS in poller.ts). */
  leaseMs?: number;
  /** Told the result of every feed check (app.ts counts them in the metrics). */
  onCheck?: (result: string) => void;
  /** Told each article another replica stored (or deleted) that this library took in (Postgres only). */
  onSynced?: (url: string, op: 'upsert' | 'remove') => void;
  /** Where the story book placed an article: stored with it, so restarts and other replicas place it there too. */
  placeOf?: PlaceOf;
}

/** The feature in a running bot: the database is opened on first use (or at start when the file exists). */
export class FeedRuntime {
  readonly feedService: FeedService;
  readonly links: LinkService;
  readonly clock: Clock;
  readonly fetcher: Fetcher;
  private db: Database | null = null;
  private stores: { feeds: FeedStore; articles: ArticleStore } | null = null;
  private pollerInstance: FeedPoller | null = null;
  private deliver: Deliver | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** With Postgres: follows the articles other replicas store (LISTEN/NOTIFY), from `load` on. */
  private sync: ArticleSync | null = null;
  /** The reply posted for a new article in a post:each channel; set by app.ts once the bot exists. */
  render: ((briefing: Briefing) => Promise<Reply>) | undefined;

  constructor(
    private readonly config: Config,
    private readonly library: Library,
    private readonly log: Logger,
    private readonly derive: Derive,
    private readonly options: FeedRuntimeOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.fetcher = options.fetcher ?? createFetcher({ allow: config.FETCH_ALLOW });
    this.feedService = this.createService();
    this.links = {
      open: async (url) => {
        const read = await readLink(this.fetcher, url, this.clock.now());
        if (!read.ok) return { ok: false, message: read.message };
        const { articles } = this.open('write')!;
        const stored = await storeArticle(this.library, articles, read.article, this.derive, this.options.placeOf);
        if (!stored.ok) throw stored.error;
        return { ok: true, story: stored.briefing };
      },
    };
  }

  get intervalMs(): number {
    return this.config.FEED_INTERVAL * 60_000;
  }

  private open(mode: 'read' | 'write'): { feeds: FeedStore; articles: ArticleStore } | null {
    if (this.stores) return this.stores;
    const state = this.options.state;
    if (state?.kind === 'postgres') {
      // The pool belongs to the state backend (app.ts closes it); the stores only borrow it.
      const pool = () => state.pool();
      const articles = new PostgresArticleStore(pool);
      this.sync = new ArticleSync({
        store: articles,
        listen: (options) => state.listen(options),
        library: this.library,
        derive: this.derive,
        log: this.log,
        ...(this.options.onSynced ? { onApplied: this.options.onSynced } : {}),
      });
      this.stores = { feeds: new PostgresFeedStore(pool), articles: this.sync.track(articles) };
      return this.stores;
    }
    if (mode === 'read' && this.config.DATABASE_PATH !== ':memory:' && !existsSync(this.config.DATABASE_PATH))
      return null;
    this.db = openDatabase(this.config.DATABASE_PATH);
    this.stores = { feeds: new SqliteFeedStore(this.db), articles: new SqliteArticleStore(this.db) };
    return this.stores;
  }

  /** The poller over the stores (opening them). */
  poller(): FeedPoller {
    if (this.pollerInstance) return this.pollerInstance;
    const stores = this.open('write')!;
    this.pollerInstance = new FeedPoller({
      ...stores,
      fetcher: this.fetcher,
      library: this.library,
      derive: this.derive,
      clock: this.clock,
      log: this.log,
      intervalMs: this.intervalMs,
      maxFailures: this.config.FEED_MAX_FAILURES,
      postLimit: this.config.FEED_POST_LIMIT,
      hostGapMs: this.config.FEED_HOST_GAP_MS,
      deliver: () => this.deliver,
      ...(this.options.holder ? { holder: this.options.holder } : {}),
      ...(this.options.leaseMs ? { leaseMs: this.options.leaseMs } : {}),
      ...(this.options.onCheck ? { onCheck: this.options.onCheck } : {}),
      ...(this.options.placeOf ? { placeOf: this.options.placeOf } : {}),
      render: (b) =>
        this.render
          ? this.render(b)
          : Promise.resolve({ title: b.title, sections: [{ blocks: [{ type: 'text', text: b.summary.tldr }] }] }),
    });
    return this.pollerInstance;
  }

  /** Retention: articles past ARTICLE_RETENTION_DAYS or beyond ARTICLE_MAX_COUNT leave the store and the library. */
  private prune(articles: ArticleStore): ReturnType<typeof pruneArticles> {
    return pruneArticles(
      this.library,
      articles,
      this.clock.now(),
      this.config.ARTICLE_RETENTION_DAYS,
      this.config.ARTICLE_MAX_COUNT,
    );
  }

  /** Loads stored articles into the library (a restart loses nothing) and applies retention. */
  async load(): Promise<number> {
    const stores = this.open('read');
    if (!stores) return 0;
    // The cursor is read before the articles are, so what another replica stores in between is caught up later.
    await this.sync?.begin();
    await this.prune(stores.articles);
    const n = await loadArticles(this.library, stores.articles, this.derive);
    if (n) this.log.info({ articles: n }, `loaded ${n} fetched article${n === 1 ? '' : 's'} from the database`);
    return n;
  }

  /**
   * With Postgres, starts hearing about the articles other replicas store, so this library (and the question
   * index and story book that follow it) takes them in without a restart. Resolves once caught up. A no-op on SQLite.
   */
  async follow(): Promise<void> {
    this.open('read');
    await this.sync?.start();
  }

  /**
   * Records the story of every stored article stored before placements were kept, as this library groups it
   * (recordPlacements in articles.ts); the first replica to record one wins. Run once the stories are grouped.
   */
  async recordPlacements(): Promise<number> {
    const stores = this.open('read');
    if (!stores || !this.options.placeOf) return 0;
    const n = await recordPlacements(this.library, stores.articles, this.options.placeOf);
    if (n) this.log.info({ articles: n }, `recorded the story of ${n} article${n === 1 ? '' : 's'} stored before`);
    return n;
  }

  /** Feeds due for a check now (briefbot_queue_depth{queue="feeds_due"}); 0 before the state exists. */
  async dueCount(): Promise<number> {
    const stores = this.open('read');
    return stores ? (await stores.feeds.due(this.clock.now())).length : 0;
  }

  /** Article changes heard from other replicas and not yet applied. */
  get pendingChanges(): number {
    return this.sync?.pending ?? 0;
  }

  /** Resolves when every article change heard so far is in the library (tests). */
  async synced(): Promise<void> {
    await this.sync?.idle();
  }

  /** Starts posting through `deliver` and, unless tickMs is 0, a real-time wake-up timer. */
  start(deliver: Deliver): void {
    this.deliver = deliver;
    const tick = this.options.tickMs ?? 30_000;
    if (tick <= 0) return;
    this.timer = setInterval(() => void this.tick(), tick);
    this.timer.unref();
  }

  /** One wake-up: due feeds are checked and old articles pruned. Safe to call any time. */
  async tick(): Promise<void> {
    const stores = this.open('read');
    if (!stores) return;
    try {
      await this.poller().runDue(this.clock.now());
      await this.prune(stores.articles);
    } catch (error) {
      this.log.error({ err: error }, 'feed check failed');
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.deliver = null;
    await this.sync?.stop();
    // Leases of feeds not yet checked are given back, so another replica takes them at once.
    await this.pollerInstance?.stop();
    this.pollerInstance = null;
    await this.fetcher.close().catch(() => undefined);
    this.db?.close();
    this.db = null;
    this.stores = null;
    this.sync = null;
  }

  private createService(): FeedService {
    return {
      add: async (request) => {
        const found = await this.findFeed(request.url);
        if (!found.ok) return found;
        const { feeds } = this.open('write')!;
        const now = this.clock.now();
        const action = await feeds.subscribe(
          {
            url: found.url,
            title: found.title,
            channel: request.channel,
            postEach: request.postEach,
            addedBy: request.addedBy,
          },
          now,
          nextSlot(found.url, this.intervalMs, now),
        );
        // The first check reads what the feed holds now into the library without posting it: only items that
        // appear later are news to the channel.
        const report =
          action === 'created'
            ? await this.poller().check(found.url, { post: false })
            : { url: found.url, ok: true, added: [], updated: [], posted: 0 };
        const feed = (await feeds.feed(found.url))!;
        return {
          ok: true,
          action,
          feed,
          report,
          ...(found.url !== request.url ? { discoveredFrom: request.url } : {}),
        };
      },
      list: async (channel) => (await this.open('read')?.feeds.feedsOf(channel)) ?? [],
      all: async () => (await this.open('read')?.feeds.feeds()) ?? [],
      remove: async (url, channel) => (await this.open('read')?.feeds.unsubscribe(url, channel)) ?? false,
      check: async (url, channel) => {
        const stores = this.open('read');
        const subscribed =
          stores && (await stores.feeds.channels(url)).some((c) => c.channel === channel || channel === '*');
        if (!subscribed) return { error: `This channel does not follow ${url}. See /feed list.` };
        return this.poller().check(url);
      },
    };
  }

  /** The feed a URL names: the feed itself, or the first feed an HTML page advertises. */
  private async findFeed(
    url: string,
  ): Promise<{ ok: true; url: string; title: string | null } | { ok: false; message: string }> {
    const tryFeed = async (
      target: string,
      depth: number,
    ): Promise<{ ok: true; url: string; title: string | null } | { ok: false; message: string }> => {
      let res;
      try {
        res = await this.fetcher.fetch(target);
      } catch (error) {
        const e = error as FetchError;
        return {
          ok: false,
          message:
            e.kind === 'blocked-address'
              ? `That address is refused: ${e.message}.`
              : `${target} could not be fetched: ${e.message}.`,
        };
      }
      if (isHtmlDocument(res.text)) {
        const feeds = discoverFeeds(res.text, res.url);
        if (feeds.length === 0 || depth > 0)
          return {
            ok: false,
            message: `${target} is a web page that names no feed (no <link rel="alternate"> to RSS, Atom or JSON Feed).`,
          };
        return tryFeed(feeds[0]!, depth + 1);
      }
      try {
        const parsed = parseFeedText(res.text);
        return { ok: true, url: target, title: parsed.title };
      } catch (error) {
        return { ok: false, message: `${target} is not a feed: ${(error as Error).message}.` };
      }
    };
    return tryFeed(url, 0);
  }
}
