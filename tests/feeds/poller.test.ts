import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import type { Reply } from '../../src/core/reply.js';
import type { Deliver } from '../../src/digest/deliver.js';
import { Library } from '../../src/library/library.js';
import { createLogger } from '../../src/log.js';
import { FeedRuntime } from '../../src/feeds/service.js';
import { SqliteFeedStore } from '../../src/feeds/sqlite-store.js';
import { openDatabase } from '../../src/state/database.js';
import { SleepingFakeClock } from '../fixtures/fake-clock.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/http-server.js';

const silent = createLogger({ level: 'silent' });
const BODY =
  'The city council approved the new bridge plan on Friday after a long debate, officials said. ' +
  '"We are pleased with the outcome," Mayor Jane Doe said at the town hall. The bridge will cost 20 million dollars and work starts next year. ' +
  'Residents had asked for a safer crossing for a decade, and the old bridge was closed twice last winter because of ice. ' +
  'The council will meet again in March to choose a builder from the three firms that have bid for the contract.';

interface Item {
  guid: string;
  title: string;
  date: string;
  body?: string;
  link?: string;
}

function rss(items: Item[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Town Gazette</title><link>http://gazette.example/</link>${items
    .map(
      (i) =>
        `<item><guid>${i.guid}</guid><title>${i.title}</title><link>${i.link ?? `http://gazette.example/${i.guid}?utm_source=rss`}</link><pubDate>${i.date}</pubDate><description>${i.body ?? BODY}</description></item>`,
    )
    .join('')}</channel></rss>`;
}

let server: FixtureServer;
let items: Item[];
let failing: boolean;
let feedFetches: number;
let dir: string;
const runtimes: FeedRuntime[] = [];

beforeEach(async () => {
  items = [
    { guid: 'a1', title: 'Council approves bridge plan', date: 'Mon, 30 Nov 2026 10:00:00 GMT' },
    { guid: 'a2', title: 'Library opens late on weekdays', date: 'Tue, 01 Dec 2026 10:00:00 GMT' },
  ];
  failing = false;
  feedFetches = 0;
  server = await startFixtureServer({
    '/feed.xml': (_req, res) => {
      feedFetches += 1;
      if (failing) return void res.writeHead(500, { 'content-type': 'text/plain' }).end('down');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(items));
    },
    '/site.html': (_req, res) =>
      void res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<!doctype html><html><head><title>Gazette</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><p>Home</p></body></html>',
        ),
  });
  dir = mkdtempSync(join(tmpdir(), 'feeds-'));
});

afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.stop();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function runtime(
  clock: SleepingFakeClock,
  library = new Library(),
  sent: Array<{ channel: string; reply: Reply }> = [],
) {
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'bot.db'),
    FETCH_ALLOW: server.allow,
    FEED_HOST_GAP_MS: '0',
    FEED_MAX_FAILURES: '3',
  });
  const r = new FeedRuntime(config, library, silent, deriveBriefing, { clock, tickMs: 0 });
  const deliver: Deliver = { handles: () => true, send: async (channel, reply) => void sent.push({ channel, reply }) };
  r.start(deliver);
  runtimes.push(r);
  return { r, library, sent };
}

const HOUR = 3_600_000;

describe('feed poller', () => {
  it('adds a feed without posting its back-catalogue, then posts a new item once and a changed one never', async () => {
    const clock = new SleepingFakeClock(Date.parse('2026-12-02T12:00:00Z'));
    const { r, library, sent } = runtime(clock);
    const added = await r.feedService.add({
      url: server.url('/feed.xml'),
      channel: 'discord:1',
      postEach: true,
      addedBy: 'u1',
    });
    expect(added.ok).toBe(true);
    expect(library.size).toBe(2);
    expect(sent).toHaveLength(0);
    const story = library.stories().find((s) => s.article?.url === 'http://gazette.example/a1')!;
    expect(story.article).toEqual({
      url: 'http://gazette.example/a1',
      outlet: 'Town Gazette',
      published: '2026-11-30T10:00:00.000Z',
    });
    expect(story.briefing.date).toBe('2026-11-30');

    items.push({ guid: 'a3', title: 'Storm closes harbour road', date: 'Wed, 02 Dec 2026 09:00:00 GMT' });
    clock.ms += HOUR;
    const reports = await r.poller().runDue();
    expect(reports[0]!.added.map((b) => b.title)).toEqual(['Storm closes harbour road']);
    expect(sent.map((s) => [s.channel, s.reply.title])).toEqual([['discord:1', 'New: Storm closes harbour road']]);

    // Same items again: nothing new. A changed item (same guid, new text) updates its story and is not posted.
    clock.ms += HOUR;
    expect((await r.poller().runDue())[0]!.added).toHaveLength(0);
    items[0] = { ...items[0]!, body: `${BODY} The vote was seven to two.` };
    clock.ms += HOUR;
    const changed = (await r.poller().runDue())[0]!;
    expect(changed.updated).toHaveLength(1);
    expect(changed.added).toHaveLength(0);
    expect(sent).toHaveLength(1);
    expect(library.size).toBe(3);
    expect(
      library
        .bySourcePath('http://gazette.example/a1')!
        .briefing.sentences.some((s) => s.text.includes('seven to two')),
    ).toBe(true);
  });

  it('reloads stored articles after a restart and posts nothing twice', async () => {
    const clock = new SleepingFakeClock(Date.parse('2026-12-02T12:00:00Z'));
    const first = runtime(clock);
    await first.r.feedService.add({
      url: server.url('/feed.xml'),
      channel: 'discord:1',
      postEach: true,
      addedBy: 'u1',
    });
    items.push({ guid: 'a3', title: 'Storm closes harbour road', date: 'Wed, 02 Dec 2026 09:00:00 GMT' });
    clock.ms += HOUR;
    await first.r.poller().runDue();
    expect(first.sent).toHaveLength(1);
    await first.r.stop();

    const second = runtime(clock);
    expect(await second.r.load()).toBe(3);
    expect(second.library.size).toBe(3);
    clock.ms += HOUR;
    await second.r.poller().runDue();
    expect(second.sent).toHaveLength(0);
  });

  it('counts failures by kind, backs off, pauses after N in a row and tells the channel once', async () => {
    const clock = new SleepingFakeClock(Date.parse('2026-12-02T12:00:00Z'));
    const { r, sent } = runtime(clock);
    await r.feedService.add({ url: server.url('/feed.xml'), channel: 'slack:C1', postEach: false, addedBy: 'u1' });
    failing = true;
    const nextChecks: number[] = [];
    for (let i = 0; i < 6; i++) {
      clock.ms += 7 * HOUR;
      await r.poller().runDue();
      nextChecks.push((await r.feedService.all())[0]!.nextCheckAt - clock.ms);
    }
    const feed = (await r.feedService.all())[0]!;
    expect(feed.status).toBe('paused');
    expect(feed.failures.byKind['http-status']).toBe(3);
    expect(feed.pausedReason).toMatch(/3 failed checks in a row; last: .*HTTP 500/);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.channel).toBe('slack:C1');
    expect(sent[0]!.reply.title).toBe('Feed paused');
    // Backoff: the second wait after a failure is longer than the first.
    expect(nextChecks[1]!).toBeGreaterThan(nextChecks[0]! - 1);

    // /feed check resumes it; once the feed works again the run of failures resets.
    failing = false;
    const report = await r.feedService.check(server.url('/feed.xml'), 'slack:C1');
    expect('ok' in report && report.ok).toBe(true);
    const resumed = (await r.feedService.all())[0]!;
    expect(resumed.status).toBe('active');
    expect(resumed.failures.consecutive).toBe(0);
  });

  it('a /feed check while another replica holds the feed fetches nothing and says so', async () => {
    const clock = new SleepingFakeClock(Date.parse('2026-12-02T12:00:00Z'));
    const { r } = runtime(clock);
    const url = server.url('/feed.xml');
    await r.feedService.add({ url, channel: 'slack:C1', postEach: false, addedBy: 'u1' });
    // Another replica on the same database is checking this feed right now.
    const other = new SqliteFeedStore(openDatabase(join(dir, 'bot.db')));
    expect(await other.lease(url, clock.ms, 'other-replica', HOUR)).toBe(true);
    const before = feedFetches;
    const busy = await r.feedService.check(url, 'slack:C1');
    expect('busy' in busy && busy.busy).toBe(true);
    expect(feedFetches).toBe(before);
    // Once its check is done, a check by hand fetches again, and gives its own lease back.
    await other.release(url, 'other-replica');
    const report = await r.feedService.check(url, 'slack:C1');
    expect('ok' in report && report.ok).toBe(true);
    expect(feedFetches).toBe(before + 1);
    expect(await other.lease(url, clock.ms, 'other-replica', HOUR)).toBe(true);
  });

  it('reads items with a relative link or a broken one instead of failing the whole check', async () => {
    items = [
      { guid: 'r1', title: 'Relative link item', date: 'Mon, 30 Nov 2026 10:00:00 GMT', link: '/news/r1' },
      { guid: 'b1', title: 'Broken link item', date: 'Mon, 30 Nov 2026 11:00:00 GMT', link: 'http://[broken' },
    ];
    const clock = new SleepingFakeClock(Date.parse('2026-12-02T12:00:00Z'));
    const { r, library } = runtime(clock);
    const added = await r.feedService.add({
      url: server.url('/feed.xml'),
      channel: 'discord:1',
      postEach: false,
      addedBy: 'u1',
    });
    expect(added.ok && added.report.added).toHaveLength(2);
    expect(library.bySourcePath(server.url('/news/r1'))).toBeDefined();
    expect(library.bySourcePath(`${server.url('/feed.xml')}#id%3Ab1`)).toBeDefined();
  });

  it('finds the feed of a site page through <link rel=alternate>', async () => {
    const clock = new SleepingFakeClock(Date.parse('2026-12-02T12:00:00Z'));
    const { r } = runtime(clock);
    const added = await r.feedService.add({
      url: server.url('/site.html'),
      channel: 'discord:1',
      postEach: false,
      addedBy: 'u1',
    });
    expect(added.ok && added.feed.url).toBe(server.url('/feed.xml'));
    expect(added.ok && added.discoveredFrom).toBe(server.url('/site.html'));
  });

  it('spreads feeds over the interval by a hash of their URL', async () => {
    const clock = new SleepingFakeClock(Date.parse('2026-12-02T12:00:00Z'));
    const { r } = runtime(clock);
    await r.feedService.add({ url: server.url('/feed.xml'), channel: 'discord:1', postEach: false, addedBy: 'u1' });
    const feed = (await r.feedService.all())[0]!;
    expect(feed.nextCheckAt).toBeGreaterThan(clock.ms);
    expect(feed.nextCheckAt - clock.ms).toBeLessThanOrEqual(10 * 60_000);
    // Not due before its slot.
    expect(await r.poller().runDue(feed.nextCheckAt - 1)).toHaveLength(0);
    expect(await r.poller().runDue(feed.nextCheckAt)).toHaveLength(1);
  });
});
