// Feeds and links end to end: the real discord.js adapter against the loopback emulator, the app's runtime with
// a fake clock, and a fixture feed and page on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordAdapter } from '../../src/adapters/discord/index.js';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { deliverThrough } from '../../src/digest/deliver.js';
import { createLogger } from '../../src/log.js';
import { startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { SleepingFakeClock } from '../fixtures/fake-clock.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/http-server.js';
import { answerOf, bodyText } from '../discord/helpers.js';

const BODY =
  'The harbour road was closed on Wednesday after a storm brought down power lines, the council said. ' +
  '"Nobody should drive there until the crews have finished," said Harbour Master Tom Reed. Repairs are expected to take two days. ' +
  'Buses will run on the hill road instead, and the ferry will keep its timetable.';
const PAGE = `<!doctype html><html><head><title>Council approves bridge plan</title><meta property="og:site_name" content="Town Gazette">
<meta property="article:published_time" content="2026-12-01T08:00:00Z"></head><body><nav>Home News Sport</nav><article><h1>Council approves bridge plan</h1>
<p>The city council approved the new bridge plan on Friday after a long debate, officials said.</p>
<p>"We are pleased with the outcome," Mayor Jane Doe said at the town hall. The bridge will cost 20 million dollars.</p>
<p>Residents had asked for a safer crossing for a decade, and the old bridge was closed twice last winter because of ice.</p></article>
<aside>Related stories: Five things to do this weekend</aside></body></html>`;

interface Item {
  guid: string;
  title: string;
}
let items: Item[];
let failing = false;
let emu: DiscordEmulator;
let site: FixtureServer;
let other: FixtureServer;
let runtime: Runtime;
let adapter: DiscordAdapter;
let dir: string;
const clock = new SleepingFakeClock(Date.parse('2026-12-02T12:00:00Z'));
const HOUR = 3_600_000;

function rss(): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Town Gazette</title>${items
    .map(
      (i) =>
        `<item><guid>${i.guid}</guid><title>${i.title}</title><link>http://gazette.example/${i.guid}?utm_source=rss</link><pubDate>Wed, 02 Dec 2026 09:00:00 GMT</pubDate><description>${BODY}</description></item>`,
    )
    .join('')}</channel></rss>`;
}

const channelPosts = () => emu.calls.filter((c) => c.route === 'POST /channels/:channel/messages' && c.status === 200);

beforeAll(async () => {
  items = [{ guid: 'old-1', title: 'Old news from last week' }];
  site = await startFixtureServer({
    '/feed.xml': (_req, res) =>
      failing
        ? void res.writeHead(500).end('down')
        : void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss()),
    '/bridge.html': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE),
  });
  other = await startFixtureServer({
    '/': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
  });
  dir = mkdtempSync(join(tmpdir(), 'feeds-e2e-'));
  emu = await startDiscordEmulator();
  const session = emu.sessionReady();
  const config = loadConfig({
    DISCORD_TOKEN: emu.token,
    DISCORD_API_URL: emu.restUrl,
    DATABASE_PATH: join(dir, 'bot.db'),
    BRIEFING_CACHE: 'off',
    SEEDS_DIR: dir,
    FETCH_ALLOW: site.allow,
    FEED_HOST_GAP_MS: '0',
    FEED_MAX_FAILURES: '3',
    LOG_LEVEL: 'silent',
  });
  runtime = await createRuntime(config, createLogger({ level: 'silent' }), dir, { clock, tickMs: 0 });
  adapter = new DiscordAdapter({ bot: runtime.bot, log: runtime.log, library: runtime.library, config });
  await adapter.start();
  await session;
  runtime.feeds!.start(deliverThrough([adapter]));
});

afterAll(async () => {
  await runtime?.feeds?.stop();
  await adapter?.stop();
  await emu?.close();
  await site?.close();
  await other?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('feeds and links on Discord', () => {
  it('/feed add, then a new item is posted once, with a link to the original', async () => {
    const call = emu.sendChatInput(
      'feed',
      { action: 'add', url: site.url('/feed.xml'), post: 'each' },
      { admin: true },
    );
    const answer = await answerOf(emu, call.token, 1);
    expect(bodyText(answer.messages[0]!.body)).toContain('Following: Town Gazette');
    expect(channelPosts()).toHaveLength(0);

    items.unshift({ guid: 'storm-1', title: 'Storm closes harbour road' });
    clock.ms += HOUR;
    await runtime.feeds!.tick();
    clock.ms += HOUR;
    await runtime.feeds!.tick();
    const posts = channelPosts();
    expect(posts).toHaveLength(1);
    const embed = (posts[0]!.body as { embeds: Array<{ title: string; url?: string; footer?: { text: string } }> })
      .embeds[0]!;
    expect(embed.title).toBe('New: Storm closes harbour road');
    expect(embed.url).toBe('http://gazette.example/storm-1');
    expect(bodyText(posts[0]!.body)).toMatch(/Town Gazette · 2 December 2026/);
    // Each check is counted by its result: the first read at /feed add and the storm item are new, one found nothing.
    const m = await runtime.metrics.registry.metrics();
    expect(m).toContain('briefbot_feed_checks_total{result="new"} 2');
    expect(m).toContain('briefbot_feed_checks_total{result="unchanged"} 1');
  });

  it('a member without Manage Server cannot add a feed', async () => {
    const call = emu.sendChatInput('feed', { action: 'add', url: site.url('/feed.xml') });
    const answer = await answerOf(emu, call.token, 1);
    expect(bodyText(answer.messages[0]!.body)).toContain('Only members with the Manage Server permission');
  });

  it('a feed that fails N times in a row pauses and the channel is told once', async () => {
    failing = true;
    const before = channelPosts().length;
    for (let i = 0; i < 6; i++) {
      clock.ms += 7 * HOUR;
      await runtime.feeds!.tick();
    }
    const told = channelPosts().slice(before);
    expect(told).toHaveLength(1);
    expect(bodyText(told[0]!.body)).toMatch(/Feed paused[\s\S]*3 failed checks in a row[\s\S]*\/feed check/);
    const list = emu.sendChatInput('feed', { action: 'list' });
    expect(bodyText((await answerOf(emu, list.token, 1)).messages[0]!.body)).toMatch(/paused: 3 failed checks/);
    failing = false;
  });

  it('/brief url: reads a fixture page into the library and links back to it', async () => {
    const call = emu.sendChatInput('brief', { url: site.url('/bridge.html') });
    const answer = await answerOf(emu, call.token, 1);
    const body = answer.messages[0]!.body as { embeds: Array<{ title: string; url?: string }> };
    expect(body.embeds[0]!.title).toBe('Council approves bridge plan');
    expect(body.embeds[0]!.url).toBe(site.url('/bridge.html'));
    const text = bodyText(body);
    expect(text).toContain('Town Gazette · 1 December 2026');
    expect(text).not.toContain('Related stories');
    expect(runtime.library.bySourcePath(site.url('/bridge.html'))).toBeDefined();
  });

  it('/brief url: to another loopback port is refused with a clear message', async () => {
    const call = emu.sendChatInput('brief', { url: other.url('/') });
    const text = bodyText((await answerOf(emu, call.token, 1)).messages[0]!.body);
    expect(text).toMatch(/That link is refused: .*loopback/);
    expect(other.requests).toHaveLength(0);
  });
});
