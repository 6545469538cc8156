// Where feeds put an item's fields besides the core elements: Dublin Core, Media RSS, iTunes, the guid as the
// permalink, and Atom text that is base64 (RFC 4287 4.1.3.3).
import { describe, expect, it } from 'vitest';
import { feedBase, parseFeedText } from '../../src/sources/feeds.js';

const rss = (item: string, channel = '') =>
  `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>${channel}<item>${item}</item></channel></rss>`;

describe('feed item fields outside the core elements', () => {
  it('reads Dublin Core title, description and date when the core ones are missing', () => {
    const feed = parseFeedText(
      rss(
        '<dc:title>Ferry strike ends</dc:title><dc:description>Crews return on Monday.</dc:description><dc:date>2026-11-30T08:00:00Z</dc:date>',
        '<dc:title>Harbour News</dc:title>',
      ),
    );
    expect(feed.title).toBe('Harbour News');
    const item = feed.items[0]!;
    expect([item.title, item.summary]).toEqual(['Ferry strike ends', 'Crews return on Monday.']);
    expect(item.published).toBe('2026-11-30T08:00:00.000Z');
    expect(item.updated).toBe('2026-11-30T08:00:00.000Z');
  });

  it('takes a Media RSS title, an iTunes author and summary as fallbacks', () => {
    const item = parseFeedText(
      rss(
        '<media:title>Storm footage</media:title><itunes:author>Jo Hart</itunes:author><itunes:summary>Waves over the wall.</itunes:summary>',
      ),
    ).items[0]!;
    expect([item.title, item.author, item.summary]).toEqual(['Storm footage', 'Jo Hart', 'Waves over the wall.']);
  });

  it('uses a guid that is a permalink as the link, but not one marked isPermaLink="false"', () => {
    expect(parseFeedText(rss('<title>a</title><guid>https://news.example/a</guid>')).items[0]!.link).toBe(
      'https://news.example/a',
    );
    expect(
      parseFeedText(rss('<title>b</title><guid isPermaLink="false">https://news.example/b</guid>')).items[0]!.link,
    ).toBeNull();
  });

  it('decodes Atom text whose type is a non-text MIME type from base64', () => {
    const b64 = Buffer.from('Council <b>approves</b> bridge').toString('base64');
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>x</id><title type="application/octet-stream">${b64}</title></entry></feed>`;
    expect(parseFeedText(atom).items[0]!.title).toBe('Council approves bridge');
  });

  it('makes relative links absolute against the feed URL, or its Content-Location', () => {
    const text = rss('<title>a</title><link>/news/a?id=1</link>', '<link>../</link>');
    const feed = parseFeedText(text, feedBase('https://paper.example/feeds/all.xml'));
    expect(feed.items[0]!.link).toBe('https://paper.example/news/a?id=1');
    expect(feed.link).toBe('https://paper.example/');
    const moved = parseFeedText(text, feedBase('https://paper.example/feeds/all.xml', 'https://cdn.example/x/'));
    expect(moved.items[0]!.link).toBe('https://cdn.example/news/a?id=1');
    expect(parseFeedText(text).items[0]!.link).toBe('/news/a?id=1');
  });
});
