// Keeps this replica's library in step with the articles other replicas store in Postgres. The articles table
// NOTIFYs channel briefbot_articles on every insert, change and delete (schema step 5, sent in the writing
// transaction, payload {"op","url"} only); this replica LISTENs, reads the article from the store, briefs it and
// adds it to its library (or removes it). NOTIFY is not queued for a listener that is not connected, so on every
// (re)connection it catches up from a stored-at cursor (the database's clock) and drops what was deleted meanwhile.
// Nothing polls. Its own writes come back too: an article whose hash the library already has is left alone.
import type { Logger } from '../log.js';
import type { Library } from '../library/library.js';
import type { Listener, NotifyOptions } from '../state/notify.js';
import { addToLibrary, type Derive } from './articles.js';
import type { PostgresArticleStore } from './postgres-store.js';
import type { ArticleStore, StoredArticle } from './store.js';

export const ARTICLE_CHANNEL = 'briefbot_articles';

/**
 * How far before the cursor a catch-up reads again: a row's stored_at is taken when its statement runs, and it
 * becomes visible at commit a moment later, so a row stamped just before the cursor may commit just after it.
 */
export const CATCH_UP_OVERLAP_MS = 10_000;

export interface ArticleSyncOptions {
  store: PostgresArticleStore;
  /** Opens the LISTEN connection (PostgresBackend.listen). */
  listen: (options: Omit<NotifyOptions, 'url'>) => Listener;
  library: Library;
  derive: Derive;
  log: Logger;
  /** Told each article another replica's change brought in (tests, metrics). */
  onApplied?: (url: string, op: 'upsert' | 'remove') => void;
}

/** What a library copy of an article stands for: its content and the story it was placed in (a later change). */
function stateOf(article: Pick<StoredArticle, 'hash' | 'story'>): string {
  return `${article.hash}\0${article.story?.story ?? ''}\0${article.story?.article ?? ''}`;
}

export class ArticleSync {
  /** URL → content hash and story placement (`stateOf`) of every stored article this library holds. */
  private readonly known = new Map<string, string>();
  private cursor = 0;
  private listener: Listener | null = null;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;
  private waiting = 0;

  constructor(private readonly o: ArticleSyncOptions) {}

  /** Reads the database's clock as the cursor; call before loading the stored articles, so none falls between. */
  async begin(): Promise<void> {
    this.cursor = await this.o.store.clock();
  }

  /** The store as this replica's writers see it: what they store, load or prune is noted as known here. */
  track(store: ArticleStore): ArticleStore {
    return {
      put: async (article) => {
        const story = await store.put(article);
        this.known.set(article.url, stateOf({ ...article, ...(story ? { story } : {}) }));
        return story;
      },
      recordStory: async (url, story) => {
        const recorded = await store.recordStory(url, story);
        const hash = this.known.get(url)?.split('\0')[0];
        if (recorded && hash !== undefined) this.known.set(url, stateOf({ hash, story: recorded }));
        return recorded;
      },
      get: (url) => store.get(url),
      all: async () => {
        const all = await store.all();
        for (const a of all) this.known.set(a.url, stateOf(a));
        return all;
      },
      prune: async (before, maxCount) => {
        const removed = await store.prune(before, maxCount);
        for (const url of removed) this.known.delete(url);
        return removed;
      },
    };
  }

  /** Starts listening; resolves once the LISTEN is in place and what was stored since `begin` is caught up. */
  async start(): Promise<void> {
    if (this.listener) return;
    this.stopped = false;
    const listener = this.o.listen({
      channel: ARTICLE_CHANNEL,
      onMessage: (payload) => this.onMessage(payload),
      onReconnect: () => {
        this.o.log.info({}, 'article notifications reconnected; catching up on what was stored meanwhile');
        this.enqueue(() => this.catchUp(true));
      },
      onError: (error) => this.o.log.warn({ err: error }, 'article notifications: connection problem'),
    });
    this.listener = listener;
    await listener.ready;
    this.enqueue(() => this.catchUp(false));
    await this.idle();
    this.o.log.info({ channel: ARTICLE_CHANNEL }, 'following the articles other replicas store (LISTEN/NOTIFY)');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.retry = undefined;
    const listener = this.listener;
    this.listener = null;
    await listener?.close();
    await this.idle();
  }

  /** Resolves when every event heard so far is applied. */
  async idle(): Promise<void> {
    for (let seen: Promise<void> | null = null; seen !== this.queue;) {
      seen = this.queue;
      await seen;
    }
  }

  private onMessage(payload: string): void {
    let event: { op?: unknown; url?: unknown } | null;
    try {
      event = JSON.parse(payload) as typeof event;
    } catch {
      event = null;
    }
    if (typeof event !== 'object' || event === null) {
      this.o.log.warn({ payload: payload.slice(0, 80) }, 'article notification is not a JSON object; ignored');
      return;
    }
    const url = typeof event.url === 'string' ? event.url : null;
    // Insert, change and delete alike: the store says what the article is now (a delete may have been re-stored).
    // A change too long to name (its URL would not fit in a payload) may be a delete: catch up, deletes included.
    if (event.op === 'catch-up' || url === null) this.enqueue(() => this.catchUp(true));
    else this.enqueue(() => this.refresh(url));
  }

  /** Changes heard and not yet applied (briefbot_queue_depth{queue="article_changes"}). */
  get pending(): number {
    return this.waiting;
  }

  private enqueue(work: () => Promise<void>): void {
    this.waiting += 1;
    this.queue = this.queue.then(async () => {
      this.waiting -= 1;
      if (this.stopped) return;
      try {
        await work();
      } catch (error) {
        // The store did not answer (Postgres restarting, say): a catch-up a little later reads what was missed.
        this.o.log.warn({ err: error }, 'could not read a stored-article change; catching up shortly');
        this.retryLater();
      }
    });
  }

  /** A bounded retry after a failed read (1 s, 2 s, 4 s … up to 30 s), not a polling loop: it ends at the first success. */
  private retryLater(): void {
    if (this.retry || this.stopped) return;
    const delay = Math.min(1000 * 2 ** this.failures, 30_000);
    this.failures += 1;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.enqueue(async () => {
        await this.catchUp(true);
        this.failures = 0;
      });
    }, delay);
    this.retry.unref();
  }

  private async refresh(url: string): Promise<void> {
    const article = await this.o.store.get(url);
    if (article) this.apply(article);
    else this.removed(url);
  }

  private async catchUp(reconciling: boolean): Promise<void> {
    const since = this.cursor - CATCH_UP_OVERLAP_MS;
    const now = await this.o.store.clock();
    for (const { article } of await this.o.store.storedSince(since)) this.apply(article);
    if (reconciling) {
      // Deletes sent while deaf are not in any row: drop what this library holds that the store no longer does.
      const stored = await this.o.store.urls();
      for (const url of [...this.known.keys()]) if (!stored.has(url)) this.removed(url);
    }
    this.cursor = Math.max(this.cursor, now);
  }

  private apply(article: StoredArticle): void {
    const state = stateOf(article);
    if (this.known.get(article.url) === state) return;
    addToLibrary(this.o.library, article, this.o.derive);
    this.known.set(article.url, state);
    this.o.log.debug({ url: article.url }, 'took in an article stored by another replica');
    this.o.onApplied?.(article.url, 'upsert');
  }

  private removed(url: string): void {
    if (!this.known.delete(url)) return;
    this.o.library.remove(url);
    this.o.log.debug({ url }, 'dropped an article another replica deleted');
    this.o.onApplied?.(url, 'remove');
  }
}
