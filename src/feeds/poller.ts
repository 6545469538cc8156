// Checks each feed on its slot: conditional GET through the one fetcher, new and changed items into the store and
// the library, the newest few posted to `post:each` channels, failures counted by kind with backoff, and a pause
// after N in a row that each channel hears about once. Time comes from the injected clock; runDue(now) does it all.
import type { Logger } from 'pino';
import type { Reply } from '../core/reply.js';
import type { Deliver } from '../digest/deliver.js';
import type { Briefing } from '../briefing/types.js';
import type { Library } from '../library/library.js';
import { FeedError, feedBase, parseFeedText, type FeedItem, type ParsedFeed } from '../sources/feeds.js';
import { FetchError, type Fetcher } from '../sources/fetch.js';
import {
  HostQueue,
  nextCheckAt,
  recordFailure,
  recordSuccess,
  type Clock,
  type FailureKind,
} from '../sources/polite.js';
import { hostOf, readLink, storeArticle, type Derive, type PlaceOf } from './articles.js';
import { articleUrlOf, freshItems, readItem } from './feed-items.js';
import type { ArticleStore, FeedRecord, FeedStore, SeenItem, StoredArticle } from './store.js';

export interface PollerOptions {
  feeds: FeedStore;
  articles: ArticleStore;
  fetcher: Fetcher;
  library: Library;
  derive: Derive;
  clock: Clock;
  log: Logger;
  intervalMs: number;
  maxFailures: number;
  /** New articles posted to a `post:each` channel on any one check, newest first. */
  postLimit: number;
  /** Minimum gap between two requests to one host. */
  hostGapMs: number;
  /** Item pages fetched per check when an item carries only a teaser. */
  pageLimit?: number;
  backoff?: { baseMs: number; maxMs: number };
  /** Posting into channels; absent (a one-shot CLI) means nothing is posted. */
  deliver?: () => Deliver | null;
  /** The reply posted for a new article (the /brief reply, built by app.ts). */
  render?: (briefing: Briefing) => Promise<Reply>;
  /** Feed leases: who this poller is (default random; pollers sharing state differ) and how long a lease lasts. */
  holder?: string;
  leaseMs?: number;
  /** Told the result of every check (for metrics): new, unchanged, not-modified, or the failure kind. */
  onCheck?: (result: string) => void;
  /** Where the story book placed an article, stored with it (see storeArticle); none: stored without a story. */
  placeOf?: PlaceOf;
}

/** A check's result in one word, for metrics. */
export function checkResult(report: CheckReport): string {
  if (report.failure) return report.failure.kind;
  if (report.notModified) return 'not-modified';
  return report.added.length ? 'new' : 'unchanged';
}

export interface CheckReport {
  url: string;
  ok: boolean;
  notModified?: boolean;
  added: Briefing[];
  updated: Briefing[];
  posted: number;
  failure?: { kind: FailureKind; message: string };
  paused?: boolean;
  /** A check asked for by hand found another poller (another replica) checking the feed: nothing was fetched. */
  busy?: boolean;
}

/** A feed as fetched: parsed (absent when the server said 304), with what the next check sends and honours. */
interface Fetched {
  parsed?: ParsedFeed;
  cacheControl: string | undefined;
  validators: { etag: string | null; lastModified: string | null };
}

// A lease outlasts any one check (fetch timeouts, a few item pages), so one that runs out means its holder died; a
// few feeds are leased at a time, so pollers waking together share the due feeds instead of one taking them all.
export const DEFAULT_LEASE_MS = 5 * 60_000;
const CLAIM_BATCH = 5;

export class FeedPoller {
  private readonly queue: HostQueue;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly backoff: { baseMs: number; maxMs: number };
  /** Who this poller is in feed leases, and how long it leases a feed for. */
  readonly lease: { holder: string; ms: number };
  private stopping = false;

  constructor(private readonly o: PollerOptions) {
    this.queue = new HostQueue(o.clock, o.hostGapMs);
    this.backoff = o.backoff ?? { baseMs: 60_000, maxMs: 6 * 60 * 60_000 };
    this.lease = { holder: o.holder ?? `poller-${crypto.randomUUID()}`, ms: o.leaseMs ?? DEFAULT_LEASE_MS };
  }

  /** Checks the due feeds no other poller has leased, leasing a few at a time; calls are queued (one run at a time). */
  runDue(now: number = this.o.clock.now()): Promise<CheckReport[]> {
    const run = this.chain.then(async () => {
      const reports: CheckReport[] = [];
      const done = new Set<string>();
      while (!this.stopping) {
        const batch = await this.o.feeds.claimDue(now, this.lease.holder, this.lease.ms, CLAIM_BATCH);
        const before = reports.length;
        for (const feed of batch) {
          // A lease ends once its check is written; a feed due again, or claimed after stop(), goes back unchecked.
          if (this.stopping || done.has(feed.url)) {
            await this.o.feeds.release(feed.url, this.lease.holder);
            continue;
          }
          done.add(feed.url);
          reports.push(await this.checkOne(feed).finally(() => this.o.feeds.release(feed.url, this.lease.holder)));
        }
        if (reports.length === before) break;
      }
      return reports;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Takes no more feeds: the check in hand finishes, the rest of its batch is released. Resolves when idle. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  /** Resolves when no check is running. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  /** Checks one feed now (a /feed check): a paused feed resumes. `post: false` reads without posting. */
  check(url: string, options: { post?: boolean } = {}): Promise<CheckReport> {
    const run = this.chain.then(async () => {
      const feed = await this.o.feeds.feed(url);
      if (!feed)
        return {
          url,
          ok: false,
          added: [],
          updated: [],
          posted: 0,
          failure: { kind: 'bad-url' as FailureKind, message: 'not subscribed' },
        };
      const { holder, ms } = this.lease;
      if (!(await this.o.feeds.lease(url, this.o.clock.now(), holder, ms)))
        return { url, ok: false, busy: true, added: [], updated: [], posted: 0 };
      return this.checkLeased(feed, options.post ?? true).finally(() => this.o.feeds.release(url, holder));
    });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** A /feed check under its lease: a paused feed resumes, then it is checked. */
  private async checkLeased(feed: FeedRecord, post: boolean): Promise<CheckReport> {
    const url = feed.url;
    if (feed.status === 'paused') {
      await this.o.feeds.update(url, {
        status: 'active',
        pausedReason: null,
        failures: recordSuccess({ ...feed.failures }),
      });
      for (const c of await this.o.feeds.channels(url)) await this.o.feeds.setPauseTold(url, c.channel, false);
    }
    return this.checkOne((await this.o.feeds.feed(url))!, post);
  }

  private schedule(url: string, failures: number, cacheControl?: string, retryAfter?: string): number {
    return nextCheckAt({
      url,
      intervalMs: this.o.intervalMs,
      now: this.o.clock.now(),
      failures,
      backoff: this.backoff,
      cacheControl,
      retryAfter,
    });
  }

  private async checkOne(feed: FeedRecord, post = true): Promise<CheckReport> {
    const report = await this.checkFeed(feed, post);
    this.o.onCheck?.(checkResult(report));
    return report;
  }

  private async checkFeed(feed: FeedRecord, post: boolean): Promise<CheckReport> {
    const { feeds, log } = this.o;
    const report: CheckReport = { url: feed.url, ok: false, added: [], updated: [], posted: 0 };
    let fetched: Fetched;
    try {
      fetched = await this.fetchFeed(feed);
    } catch (error) {
      return this.failed(feed, report, error);
    }
    const { cacheControl, validators } = fetched;
    if (!fetched.parsed) {
      await feeds.update(feed.url, {
        ...validators,
        failures: recordSuccess(feed.failures),
        lastCheckedAt: this.o.clock.now(),
        nextCheckAt: this.schedule(feed.url, 0, cacheControl),
      });
      return { ...report, ok: true, notModified: true };
    }
    const parsed = fetched.parsed;
    const now = this.o.clock.now();
    const outlet = parsed.title ?? feed.title ?? hostOf(feed.url);
    const budget = { pages: this.o.pageLimit ?? 5 };
    const stored: Array<{ article: StoredArticle; changed: boolean }> = [];
    const seenItems: SeenItem[] = [];
    for (const f of freshItems(parsed, await feeds.seen(feed.url))) {
      const articleUrl = articleUrlOf(f.item, f.key, feed.url);
      const article = await readItem(f.item, { articleUrl, feedUrl: feed.url, outlet, now }, this.pages(), budget);
      stored.push({ article, changed: f.changed });
      seenItems.push({ key: f.key, hash: f.hash, articleUrl: article.url });
    }
    // Articles first (each with the story it joined), then the items as seen, then posts: a crash in between
    // re-reads an item rather than posting twice.
    for (const s of stored) {
      const done = await storeArticle(this.o.library, this.o.articles, s.article, this.o.derive, this.o.placeOf);
      if (done.ok) (s.changed ? report.updated : report.added).push(done.briefing);
      else log.warn({ err: done.error, url: s.article.url }, `could not brief ${s.article.url}`);
    }
    await feeds.recordSeen(feed.url, seenItems, now);
    const newest = [...report.added]
      .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))
      .slice(0, this.o.postLimit);
    report.posted = post ? await this.post(feed.url, newest) : 0;
    await feeds.update(feed.url, {
      ...validators,
      title: parsed.title ?? feed.title,
      failures: recordSuccess(feed.failures),
      lastCheckedAt: now,
      nextCheckAt: this.schedule(feed.url, 0, cacheControl),
      ...(report.added.length ? { lastNewAt: now, lastNewTitle: report.added[0]!.title } : {}),
    });
    if (report.added.length || report.updated.length)
      log.info(
        { feed: feed.url, added: report.added.length, updated: report.updated.length },
        `feed ${feed.url}: ${report.added.length} new, ${report.updated.length} updated`,
      );
    return { ...report, ok: true };
  }

  /** Fetches an item's page for a teaser, one request at a time per host. */
  private pages(): (url: string, now: number) => Promise<Awaited<ReturnType<typeof readLink>> | null> {
    return (url, now) => this.queue.run(url, () => readLink(this.o.fetcher, url, now)).catch(() => null);
  }

  /** The feed fetched (conditionally) and parsed; `parsed` is absent on 304. A failure throws, with its kind. */
  private async fetchFeed(feed: FeedRecord): Promise<Fetched> {
    const res = await this.queue.run(feed.url, () =>
      this.o.fetcher.fetch(feed.url, { etag: feed.etag, lastModified: feed.lastModified }),
    );
    const cacheControl = res.headers['cache-control'];
    const validators = { etag: res.etag ?? feed.etag, lastModified: res.lastModified ?? feed.lastModified };
    if (res.notModified) return { cacheControl, validators };
    let parsed: ParsedFeed;
    try {
      parsed = parseFeedText(res.text, feedBase(res.url, res.headers['content-location']));
    } catch (error) {
      const message = (error as Error).message;
      throw new FeedFailure(
        error instanceof FeedError && message.startsWith('not a feed') ? 'not-a-feed' : 'parse-error',
        `${feed.url}: ${message}`,
      );
    }
    if (parsed.items.length === 0 && !parsed.title)
      throw new FeedFailure('not-a-feed', `${feed.url} has no feed title and no items`);
    return { parsed, cacheControl, validators };
  }

  private async post(url: string, briefings: Briefing[]): Promise<number> {
    const deliver = this.o.deliver?.();
    if (!deliver || !this.o.render || briefings.length === 0) return 0;
    let posted = 0;
    for (const channel of await this.o.feeds.channels(url)) {
      if (!channel.postEach || !deliver.handles(channel.channel)) continue;
      for (const b of briefings) {
        try {
          const reply = await this.o.render(b);
          await deliver.send(channel.channel, { ...reply, title: `New: ${reply.title ?? b.title}` });
          posted++;
        } catch (error) {
          this.o.log.warn(
            { err: error, channel: channel.channel, story: b.id },
            `could not post ${b.id} to ${channel.channel}`,
          );
        }
      }
    }
    return posted;
  }

  private async failed(feed: FeedRecord, report: CheckReport, error: unknown): Promise<CheckReport> {
    const kind: FailureKind =
      error instanceof FetchError ? error.kind : error instanceof FeedFailure ? error.kind : 'network';
    const message = (error as Error).message ?? String(error);
    const failures = recordFailure(feed.failures, kind, message);
    const paused = failures.consecutive >= this.o.maxFailures;
    const retryAfter =
      error instanceof FetchError && (error.status === 429 || error.status === 503) ? error.retryAfter : undefined;
    const reason = `${failures.consecutive} failed checks in a row; last: ${message}`;
    await this.o.feeds.update(feed.url, {
      failures,
      lastCheckedAt: this.o.clock.now(),
      nextCheckAt: this.schedule(feed.url, failures.consecutive, undefined, retryAfter),
      ...(paused ? { status: 'paused' as const, pausedReason: reason } : {}),
    });
    this.o.log.warn(
      { feed: feed.url, kind, consecutive: failures.consecutive },
      `feed ${feed.url} failed (${kind}): ${message}`,
    );
    if (paused) await this.tellPaused(feed.url, reason);
    return { ...report, failure: { kind, message }, paused };
  }

  /** Each channel of a paused feed hears it once: why, and how to resume. */
  async tellPaused(url: string, reason: string): Promise<void> {
    const deliver = this.o.deliver?.();
    if (!deliver) return;
    for (const c of await this.o.feeds.channels(url)) {
      if (c.pauseTold || !deliver.handles(c.channel)) continue;
      const reply: Reply = {
        title: 'Feed paused',
        sections: [
          {
            blocks: [
              { type: 'text', text: `${url} is paused after ${reason}` },
              {
                type: 'text',
                text: `Fix the feed, then /feed check url:${url} resumes it (or /feed remove url:${url}).`,
              },
            ],
          },
        ],
        kind: 'notice',
      };
      try {
        await deliver.send(c.channel, reply);
        await this.o.feeds.setPauseTold(url, c.channel, true);
      } catch (error) {
        this.o.log.warn({ err: error, channel: c.channel }, `could not tell ${c.channel} that ${url} paused`);
      }
    }
  }
}

class FeedFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}
