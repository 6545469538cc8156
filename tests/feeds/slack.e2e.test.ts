// Links on Slack: the real Bolt adapter in HTTP mode against the loopback stubs; "/summary https://…" reads a
// fixture page and the reply links back to it; another loopback port is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned, slashCommandPayload } from '../../testkit/emulators/slack/requests.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/http-server.js';
import { SECRET, startHarness, type Harness } from '../slack/harness.js';

const PAGE = `<!doctype html><html><head><title>Council approves bridge plan</title><meta property="og:site_name" content="Town Gazette">
<meta property="article:published_time" content="2026-12-01T08:00:00Z"></head><body><article><h1>Council approves bridge plan</h1>
<p>The city council approved the new bridge plan on Friday after a long debate, officials said.</p>
<p>"We are pleased with the outcome," Mayor Jane Doe said at the town hall. The bridge will cost 20 million dollars.</p></article></body></html>`;

let h: Harness;
let site: FixtureServer;
let other: FixtureServer;
let dir: string;

beforeAll(async () => {
  site = await startFixtureServer({
    '/bridge.html': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
  });
  other = await startFixtureServer({
    '/': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
  });
  dir = mkdtempSync(join(tmpdir(), 'links-slack-'));
  h = await startHarness('http', {
    FETCH_ALLOW: site.allow,
    DATABASE_PATH: join(dir, 'bot.db'),
    BRIEFING_CACHE: 'off',
  });
});

afterAll(async () => {
  await h?.close();
  await site?.close();
  await other?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('links on Slack', () => {
  it('/summary <link> briefs the page and links back to it with outlet and date', async () => {
    await postSigned(h.eventsUrl, {
      secret: SECRET,
      form: slashCommandPayload({
        command: '/summary',
        text: site.url('/bridge.html'),
        responseUrl: h.responses.urlFor('sum'),
      }),
    });
    const post = await h.responses.posts.waitFor((p) => p.id === 'sum');
    const blocks = JSON.stringify(post.body.blocks);
    expect(blocks).toContain('Council approves bridge plan');
    expect(blocks).toContain(`<${site.url('/bridge.html')}|Town Gazette · 1 December 2026>`);
  });

  it('/brief url:<another loopback port> is refused with a clear message', async () => {
    await postSigned(h.eventsUrl, {
      secret: SECRET,
      form: slashCommandPayload({
        command: '/brief',
        text: `url:${other.url('/')}`,
        responseUrl: h.responses.urlFor('refused'),
      }),
    });
    const post = await h.responses.posts.waitFor((p) => p.id === 'refused');
    expect(JSON.stringify(post.body.blocks)).toMatch(/That link is refused: .*loopback/);
    expect(other.requests).toHaveLength(0);
  });
});
