// Feeds: RSS 0.9x/1.0/2.0, Atom 0.3/1.0, RDF and JSON Feed, parsed by feedsmith into one neutral item shape,
// with the dedup key and content hash that decide "new item" and "changed item", and feed discovery in an HTML
// page. Works on strings: fetching (and charset decoding) is the fetcher's job (src/sources/fetch.ts).
import { createHash } from 'node:crypto';
import { parseFeed } from 'feedsmith';
import { parseHTML } from 'linkedom';
import { isoDate } from './extract.js';

export interface FeedItem {
  id: string | null;
  link: string | null;
  title: string | null;
  author: string | null;
  /** ISO-8601, or null when absent or unparsable. */
  published: string | null;
  updated: string | null;
  /** Plain text. */
  summary: string | null;
  /** The item's full HTML content when it carries one. */
  contentHtml: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  link: string | null;
  items: FeedItem[];
}

export class FeedError extends Error {}

/** Feeds larger than this are refused before parsing. */
export const MAX_FEED_CHARS = 10 * 1024 * 1024;

// An internal DTD subset declares entities; expanding them is the billion-laughs attack. Feeds have no use for it.
const DOCTYPE_SUBSET = /<!DOCTYPE[^[>]*\[[\s\S]*?\]\s*>/i;

/**
 * The base relative links in a feed resolve against: the Content-Location header when the response has one
 * (itself resolved against the URL answered), else the URL answered.
 */
export function feedBase(url: string, contentLocation?: string): string {
  try {
    return contentLocation ? new URL(contentLocation, url).href : url;
  } catch {
    return url;
  }
}

function absolute(link: string | null, base: string | undefined): string | null {
  if (!link || !base || /^[a-z][a-z0-9+.-]*:/i.test(link)) return link;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

/**
 * Parses a feed document; throws FeedError naming what was wrong. With `base` (see feedBase), relative links
 * become absolute, so an item's page can be fetched.
 */
export function parseFeedText(text: string, base?: string): ParsedFeed {
  if (text.length > MAX_FEED_CHARS) throw new FeedError(`the feed is over ${MAX_FEED_CHARS} characters`);
  const body = text.replace(/^\uFEFF/, '');
  if (DOCTYPE_SUBSET.test(body) && /<!ENTITY/i.test(body)) {
    throw new FeedError('the feed declares its own XML entities (refused: entity expansion attack)');
  }
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(body);
  } catch (error) {
    // A feed cut off inside its last closing tag ("…</rss") is read as if the tag were closed.
    const repaired = /<\/[\w:]+\s*$/.test(body) ? `${body.trimEnd()}>` : null;
    try {
      if (!repaired) throw error;
      parsed = parseFeed(repaired);
    } catch {
      throw new FeedError(`not a feed (${(error as Error).message})`);
    }
  }
  const feed = neutral(parsed);
  if (!base) return feed;
  return {
    ...feed,
    link: absolute(feed.link, base),
    items: feed.items.map((item) => ({ ...item, link: absolute(item.link, base) })),
  };
}

type Any = Record<string, any>;

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (v && typeof v === 'object' && 'value' in v) return str((v as Any).value);
  return null;
}

/** Text of a value that may hold markup or entities. */
export function plainText(v: string | null): string | null {
  if (!v) return null;
  if (!/[<&]/.test(v)) return v.replace(/\s+/g, ' ').trim() || null;
  const { document } = parseHTML(`<!doctype html><html><body>${v}</body></html>`);
  return (document.body.textContent ?? '').replace(/\s+/g, ' ').trim() || null;
}

/** A value feedsmith gives as a string, or as a list of them (Dublin Core fields): the first. */
function first(v: unknown): string | null {
  return Array.isArray(v) ? first(v[0]) : str(v);
}

/** An RSS guid is the item's permalink unless it says isPermaLink="false": the link of an item that has none. */
function permalink(guid: unknown): string | null {
  const g = guid as Any | undefined;
  const value = str(g);
  return value && g?.isPermaLink !== false && /^https?:\/\//i.test(value) ? value : null;
}

function person(v: unknown): string | null {
  if (Array.isArray(v)) return person(v[0]);
  if (typeof v === 'string') return v.trim() || null;
  if (v && typeof v === 'object') return str((v as Any).name) ?? str((v as Any).email);
  return null;
}

/** An RSS or RDF item. RSS 1.0 and many RSS 2.0 feeds say it in Dublin Core (dc:title, dc:date, dc:creator), iTunes
 * or Media RSS terms. */
function rssItem(i: Any): FeedItem {
  return {
    id: str(i.guid) ?? str(i.rdf?.about) ?? null,
    link: str(i.link) ?? permalink(i.guid),
    title: plainText(str(i.title) ?? first(i.dc?.titles) ?? str(i.media?.title)),
    author: rssAuthor(i),
    ...rssDates(i),
    summary: plainText(str(i.description) ?? first(i.dc?.descriptions) ?? str(i.itunes?.summary)),
    contentHtml: str(i.content?.encoded) ?? null,
  };
}

function rssAuthor(i: Any): string | null {
  return person(i.authors) ?? person(i.dc?.creators) ?? person(i.dc?.creator) ?? str(i.itunes?.author) ?? null;
}

function rssDates(i: Any): Pick<FeedItem, 'published' | 'updated'> {
  return {
    published: isoDate(str(i.pubDate) ?? str(i.dc?.date) ?? first(i.dc?.dates)),
    // dc:date is the one date such items carry: it stands for both, as feedparser reads it.
    updated: isoDate(str(i.atom?.updated) ?? first(i.dcterms?.modified) ?? first(i.dc?.dates)),
  };
}

function neutral(parsed: ReturnType<typeof parseFeed>): ParsedFeed {
  const f = parsed.feed as Any;
  switch (parsed.format) {
    case 'rss':
    case 'rdf': {
      const items = ((f.items ?? []) as Any[]).map(rssItem);
      return { format: parsed.format, title: plainText(str(f.title) ?? first(f.dc?.titles)), link: str(f.link), items };
    }
    case 'atom': {
      const linkOf = (links: Any[] | undefined) =>
        str((links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href) ?? str(links?.[0]?.href);
      // Atom says whether a text construct is text, html or xhtml; only markup is reduced to its text.
      // A MIME type that is neither text nor XML (application/octet-stream) means base64, per RFC 4287 4.1.3.3;
      // what it decodes to is read as markup, like html.
      const text = (v: unknown): string | null => {
        const type = v && typeof v === 'object' ? ((v as Any).type as string | undefined) : undefined;
        if (type?.includes('/') && !/^text\/|[/+]xml$/i.test(type)) {
          const raw = str(v);
          return raw ? plainText(Buffer.from(raw, 'base64').toString('utf8')) : null;
        }
        return type && type !== 'text' ? plainText(str(v)) : (str(v)?.replace(/\s+/g, ' ') ?? null);
      };
      const items = ((f.entries ?? []) as Any[]).map((e): FeedItem => {
        const content = e.content as Any | undefined;
        const html = content && (!content.type || /html/.test(content.type)) ? str(content) : null;
        return {
          id: str(e.id),
          link: linkOf(e.links),
          title: text(e.title),
          author: person(e.authors),
          published: isoDate(str(e.published) ?? str(e.issued)),
          updated: isoDate(str(e.updated) ?? str(e.modified)),
          summary: text(e.summary) ?? (content && !html ? text(content) : null),
          contentHtml: html,
        };
      });
      return { format: 'atom', title: text(f.title), link: linkOf(f.links), items };
    }
    case 'json': {
      const items = ((f.items ?? []) as Any[]).map((i): FeedItem => ({
        id: i.id === undefined || i.id === null ? null : String(i.id),
        link: str(i.url) ?? str(i.external_url),
        title: plainText(str(i.title)),
        author: person(i.authors) ?? person(i.author),
        published: isoDate(str(i.date_published)),
        updated: isoDate(str(i.date_modified)),
        summary: plainText(str(i.summary)) ?? plainText(str(i.content_text)),
        contentHtml: str(i.content_html),
      }));
      return { format: 'json', title: str(f.title), link: str(f.home_page_url), items };
    }
  }
  throw new FeedError('not a feed (unknown format)');
}

const TRACKING =
  /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|mkt_tok|ref_src|cmpid|ito|at_medium|at_campaign)$/i;

/** The URL without tracking parameters (utm_*, fbclid, gclid…) and fragment; the input unchanged when not a URL. */
export function withoutTracking(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return link.trim();
  }
  for (const key of [...url.searchParams.keys()]) if (TRACKING.test(key)) url.searchParams.delete(key);
  url.hash = '';
  return url.toString();
}

/** What identifies an item across checks: its guid/id, else its link less tracking, else its title and date. */
export function itemKey(item: FeedItem): string {
  if (item.id) return `id:${item.id}`;
  if (item.link) return `link:${withoutTracking(item.link)}`;
  return `title:${item.title ?? ''}|${item.published ?? item.updated ?? ''}`;
}

/** Hash of what a reader sees; the same key with a new hash is a changed item. */
export function itemHash(item: FeedItem): string {
  return createHash('sha256')
    .update(JSON.stringify([item.title, item.link, item.summary, item.contentHtml]))
    .digest('hex');
}

const FEED_TYPES = /^application\/(rss\+xml|atom\+xml|feed\+json|rdf\+xml)$|^application\/json$/i;

/** Feed URLs an HTML page advertises with `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`. */
export function discoverFeeds(html: string, pageUrl?: string): string[] {
  const { document } = parseHTML(html);
  const out: string[] = [];
  for (const link of Array.from(document.querySelectorAll('link[rel][href]'))) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    const type = (link.getAttribute('type') ?? '').trim();
    if (!rel.includes('alternate') || !FEED_TYPES.test(type)) continue;
    const href = link.getAttribute('href')!.trim();
    let url = href;
    try {
      url = pageUrl ? new URL(href, pageUrl).toString() : href;
    } catch {
      continue;
    }
    if (!out.includes(url)) out.push(url);
  }
  return out;
}
