// Ingest throughput: feeds and article pages served from loopback, fetched through the one fetcher, extracted,
// briefed, stored in SQLite and indexed for /ask, in articles per second. Each item is a teaser, so its page is
// fetched and extracted too.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deriveBriefing } from '../src/briefing/derive.js';
import { FeedPoller } from '../src/feeds/poller.js';
import { SqliteArticleStore, SqliteFeedStore } from '../src/feeds/sqlite-store.js';
import { Library } from '../src/library/library.js';
import { createLogger } from '../src/log.js';
import { buildIndex } from '../src/questions/search-index.js';
import { createFetcher } from '../src/sources/fetch.js';
import { systemClock } from '../src/sources/polite.js';
import { openDatabase } from '../src/state/database.js';
import type { Article } from './corpus.js';

export interface IngestResult {
  feeds: number;
  articles: number;
  seconds: number;
  articlesPerSecond: number;
}

const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function benchIngest(corpus: Article[], feeds = 20, perFeed = 25): Promise<IngestResult> {
  const pages = corpus.slice(0, feeds * perFeed);
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const feed = /^\/feed\/(\d+)\.xml$/.exec(path);
    if (feed) {
      const f = Number(feed[1]);
      const items = pages.slice(f * perFeed, (f + 1) * perFeed).map((a, i) => {
        const n = f * perFeed + i;
        return `<item><guid>item-${n}</guid><title>${escape(a.text.split('\n')[0]!.slice(0, 80))}</title><link>http://127.0.0.1:${port}/a/${n}</link><pubDate>Wed, 02 Dec 2026 09:00:00 GMT</pubDate><description>Teaser.</description></item>`;
      });
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${f}</title>${items.join('')}</channel></rss>`,
        );
      return;
    }
    const page = /^\/a\/(\d+)$/.exec(path);
    const a = page ? pages[Number(page[1])] : undefined;
    if (!a) return void res.writeHead(404).end();
    const paragraphs = a.text
      .split(/\n+/)
      .filter(Boolean)
      .map((p) => `<p>${escape(p)}</p>`)
      .join('\n');
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html><head><title>Article ${page![1]}</title></head><body><nav><a href="/">Home</a></nav><article>${paragraphs}</article><footer>© Outlet</footer></body></html>`,
      );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  const db = openDatabase(':memory:');
  const feedStore = new SqliteFeedStore(db);
  const library = new Library();
  const index = buildIndex(library);
  const fetcher = createFetcher({ allow: [`127.0.0.1:${port}`] });
  const poller = new FeedPoller({
    feeds: feedStore,
    articles: new SqliteArticleStore(db),
    fetcher,
    library,
    derive: deriveBriefing,
    clock: systemClock,
    log: createLogger({ level: 'silent' }),
    intervalMs: 600_000,
    maxFailures: 5,
    postLimit: 0,
    hostGapMs: 0,
    pageLimit: perFeed,
  });
  for (let f = 0; f < feeds; f++)
    await feedStore.subscribe(
      {
        url: `http://127.0.0.1:${port}/feed/${f}.xml`,
        title: null,
        channel: 'console:bench',
        postEach: false,
        addedBy: 'bench',
      },
      0,
      0,
    );
  const started = performance.now();
  const reports = await poller.runDue(Date.now());
  const seconds = (performance.now() - started) / 1000;
  void index;
  const articles = reports.reduce((n, r) => n + r.added.length, 0);
  await fetcher.close();
  db.close();
  await new Promise<void>((done) => server.close(() => done()));
  return {
    feeds,
    articles,
    seconds: Math.round(seconds * 100) / 100,
    articlesPerSecond: Math.round(articles / seconds),
  };
}
