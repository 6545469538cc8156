// Article extraction: a news page's HTML becomes its title, byline, outlet, canonical URL, publication time and
// plain text (paragraphs separated by blank lines), through @mozilla/readability on linkedom (no jsdom at run
// time). Embedded posts (tweets, Bluesky, Mastodon, Instagram, TikTok blockquotes) are lifted out before
// Readability runs and written back in the seed files' form ("text" then "— Name (@handle) Month D, YYYY"), which
// briefing/clean.ts turns into socialPosts rather than prose. Page furniture (cookie banners, share bars,
// adverts, newsletter boxes, "related stories") is removed before and after Readability.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { SocialPost } from '../briefing/types.js';
import { liftEmbeds, withPosts } from './embeds.js';
import { clean, isoDate, type Document_ } from './page-dom.js';
import { cleanBlocks, removeFurniture, textBlocks } from './page-furniture.js';

export { isoDate };

export interface ExtractedArticle {
  /** The canonical URL (`<link rel=canonical>`, og:url, JSON-LD url), else the URL the page was fetched from. */
  url: string | null;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  /** ISO-8601 time from article:published_time, JSON-LD datePublished, itemprop or `<time datetime>`. */
  published: string | null;
  /** Article text, paragraphs separated by blank lines; embedded posts in the seed files' post form. */
  text: string;
  socialPosts: SocialPost[];
}

export interface ExtractOptions {
  /** Where the page came from (resolves relative links and stands in for a missing canonical URL). */
  url?: string;
}

/** Extracts the article from one HTML page. Never throws on odd markup; a page with no article gives empty text. */
export function extractArticle(html: string, options: ExtractOptions = {}): ExtractedArticle {
  const { document } = parseHTML(html) as unknown as { document: Document_ };
  const meta = readMetadata(document);
  const socialPosts = liftEmbeds(document);
  removeFurniture(document);
  let parsed: {
    title?: string | null;
    byline?: string | null;
    siteName?: string | null;
    content?: string | null;
  } | null = null;
  try {
    parsed = new Readability(document as unknown as Document, { keepClasses: false }).parse();
  } catch {
    parsed = null;
  }
  let blocks: string[];
  if (parsed?.content) {
    const { document: articleDoc } = parseHTML(
      `<!doctype html><html><body>${parsed.content}</body></html>`,
    ) as unknown as { document: Document_ };
    blocks = textBlocks(articleDoc.body);
  } else {
    blocks = textBlocks(document.body);
  }
  const title = meta.title ?? clean(parsed?.title) ?? null;
  const text = withPosts(cleanBlocks(blocks, title), socialPosts);
  return {
    url: meta.url ?? options.url ?? null,
    title,
    byline: meta.byline ?? cleanByline(parsed?.byline),
    siteName: meta.siteName ?? clean(parsed?.siteName),
    published: meta.published,
    text,
    socialPosts,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Metadata

interface Metadata {
  url: string | null;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  published: string | null;
}

function cleanByline(value: string | null | undefined): string | null {
  const v = clean(value)?.replace(/^by\s+/i, '');
  return v && v.length <= 120 ? v : null;
}

function metaContent(doc: Document_, ...keys: string[]): string | null {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const v = clean(el?.getAttribute('content'));
    if (v) return v;
  }
  return null;
}

/** Every JSON-LD object on the page, @graph and arrays flattened; unparsable blocks are skipped. */
function jsonLd(doc: Document_): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      out.push(o);
      if (o['@graph']) visit(o['@graph']);
    }
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A malformed block says nothing.
    }
  }
  return out;
}

const ARTICLE_TYPES = /Article|BlogPosting|Report|NewsArticle|WebPage|LiveBlogPosting/;

function ldString(v: unknown): string | null {
  if (typeof v === 'string') return clean(v);
  if (Array.isArray(v)) return ldString(v[0]);
  if (v && typeof v === 'object') return ldString((v as Record<string, unknown>).name);
  return null;
}

function ldNames(v: unknown): string | null {
  const list = Array.isArray(v) ? v : [v];
  const names = list.map(ldString).filter((x): x is string => Boolean(x));
  return names.length ? names.join(', ') : null;
}

/** The publication time: page metadata first, then JSON-LD (the article's, then any), then markup. */
function publishedTime(
  doc: Document_,
  ld: Array<Record<string, unknown>>,
  article: Record<string, unknown> | null,
): string | null {
  const timeEl = doc.querySelector('article time[datetime], time[datetime]');
  return (
    isoDate(
      metaContent(
        doc,
        'article:published_time',
        'og:published_time',
        'datePublished',
        'parsely-pub-date',
        'pubdate',
        'publishdate',
        'DC.date.issued',
        'date',
      ),
    ) ??
    isoDate(article ? ldString(article.datePublished) : null) ??
    isoDate(ld.map((o) => ldString(o.datePublished)).find(Boolean)) ??
    isoDate(doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime')) ??
    isoDate(timeEl?.getAttribute('datetime'))
  );
}

function readMetadata(doc: Document_): Metadata {
  const ld = jsonLd(doc);
  const article =
    ld.find((o) => ARTICLE_TYPES.test(String(o['@type'] ?? '')) && (o.headline || o.datePublished)) ?? null;
  const canonical = clean(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  const published = publishedTime(doc, ld, article);
  const author = metaContent(doc, 'author', 'article:author', 'parsely-author');
  return {
    url:
      absoluteUrl(canonical) ??
      absoluteUrl(metaContent(doc, 'og:url')) ??
      absoluteUrl(article ? ldString(article.url) : null),
    title: (article ? ldString(article.headline) : null) ?? metaContent(doc, 'og:title', 'twitter:title') ?? null,
    byline: (article ? ldNames(article.author) : null) ?? (author && !/^https?:/.test(author) ? author : null),
    siteName: metaContent(doc, 'og:site_name', 'application-name') ?? (article ? ldString(article.publisher) : null),
    published,
  };
}

function absoluteUrl(v: string | null): string | null {
  return v && /^https?:\/\//i.test(v) ? v : null;
}

/** True when the text carries an HTML document rather than a stray tag in prose. */
export function isHtmlDocument(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype html|html|head|body)\b/i.test(text);
}
