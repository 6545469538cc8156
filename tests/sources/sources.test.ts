import { describe, expect, it } from 'vitest';
import { cleanDocument } from '../../src/briefing/clean.js';
import { extractArticle } from '../../src/sources/extract.js';
import {
  discoverFeeds,
  FeedError,
  itemHash,
  itemKey,
  parseFeedText,
  withoutTracking,
} from '../../src/sources/feeds.js';

const PAGE = `<!doctype html><html><head><title>Home</title>
<meta property="og:title" content="Council approves &pound;24m harbour plan">
<meta property="og:site_name" content="The Gazette"><link rel="canonical" href="https://gazette.example/harbour">
<meta property="article:published_time" content="2025-03-03T09:00:00Z"></head><body>
<nav><a href="/">Home</a><a href="/news">News</a></nav>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p></div>
<article><h1>Council approves £24m harbour plan</h1>
<p>The council approved a &pound;24m plan to rebuild the harbour wall on Monday, after two years of debate among members.</p>
<p>Work will start in the spring and is expected to last eighteen months, the council's engineer told the meeting.</p>
<blockquote class="twitter-tweet"><p>Great news for the harbour today</p>&mdash; Jo Hart (@johart) <a href="https://twitter.com/johart/status/1">March 3, 2025</a></blockquote>
<div class="advert"><p>Get 50% off, subscribe today!</p></div>
<p>Residents had campaigned for the repairs since the storms of 2023 damaged the old wall beyond repair.</p></article>
<aside class="related-stories"><ul><li><a href="/a">Other story one</a></li><li><a href="/b">Other story two</a></li></ul></aside>
</body></html>`;

describe('extractArticle', () => {
  const a = extractArticle(PAGE);
  it('takes the metadata from the page, not the nav bar', () => {
    expect(a.title).toBe('Council approves £24m harbour plan');
    expect(a.siteName).toBe('The Gazette');
    expect(a.url).toBe('https://gazette.example/harbour');
    expect(a.published).toBe('2025-03-03T09:00:00.000Z');
  });
  it('keeps the prose, decoded, and drops cookies, adverts and related links', () => {
    expect(a.text).toContain('approved a £24m plan');
    expect(a.text).not.toMatch(/cookies|50% off|Other story|^Home/);
    expect(a.text.split('\n\n').length).toBeGreaterThanOrEqual(3);
  });
  it('writes an embedded tweet so the briefing reads it as a post, not prose', () => {
    expect(a.socialPosts).toEqual([
      expect.objectContaining({ author: 'Jo Hart', handle: '@johart', text: 'Great news for the harbour today' }),
    ]);
    const doc = cleanDocument(a.text);
    expect(doc.socialPosts.map((p) => p.author)).toEqual(['Jo Hart']);
    expect(doc.paragraphs.map((p) => p.text).join(' ')).not.toContain('Great news');
  });
});

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette &amp; News</title><link>https://gazette.example/</link>
<item><title>One</title><link>https://gazette.example/1?utm_source=rss&amp;id=7</link><description>&lt;p&gt;First &amp;pound;5&lt;/p&gt;</description><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate></item>
<item><guid>g-2</guid><title>Two</title></item></channel></rss>`;

describe('feeds', () => {
  it('parses RSS into the neutral shape with keys from guid or the untracked link', () => {
    const feed = parseFeedText(RSS);
    expect(feed.title).toBe('Gazette & News');
    expect(feed.items[0]).toMatchObject({ title: 'One', summary: 'First £5', published: '2025-03-03T10:00:00.000Z' });
    expect(itemKey(feed.items[0]!)).toBe('link:https://gazette.example/1?id=7');
    expect(itemKey(feed.items[1]!)).toBe('id:g-2');
    expect(itemHash(feed.items[0]!)).not.toBe(itemHash({ ...feed.items[0]!, summary: 'changed' }));
  });
  it('parses Atom and JSON Feed', () => {
    const atom = parseFeedText(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>e1</id><title type="html">x &amp;amp; y</title><link href="https://a.example/1"/><author><name>N</name></author><updated>2025-03-03T00:00:00Z</updated></entry></feed>`,
    );
    expect(atom.items[0]).toMatchObject({ id: 'e1', title: 'x & y', link: 'https://a.example/1', author: 'N' });
    const json = parseFeedText(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'J',
        items: [{ id: 9, url: 'https://j.example/9', content_text: 'Hi' }],
      }),
    );
    expect(json.items[0]).toMatchObject({ id: '9', summary: 'Hi' });
  });
  it('refuses a billion-laughs feed without expanding it', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title></channel></rss>`;
    expect(() => parseFeedText(lol)).toThrow(FeedError);
    expect(() => parseFeedText('<html><body>not a feed</body></html>')).toThrow(/not a feed/);
  });
  it('strips tracking parameters and finds feeds a page advertises', () => {
    expect(withoutTracking('https://x.example/a?utm_medium=x&fbclid=1&gclid=2&q=3#top')).toBe(
      'https://x.example/a?q=3',
    );
    const html = `<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"><link rel="alternate" type="application/feed+json" href="https://x.example/f.json"><link rel="stylesheet" href="/s.css"></head></html>`;
    expect(discoverFeeds(html, 'https://x.example/news/')).toEqual([
      'https://x.example/feed.xml',
      'https://x.example/f.json',
    ]);
  });
});
