// A feed's items as articles: which items are new or changed since the last check, the address each article goes
// by, and its text (the item's own content, or the linked page when the item is only a teaser).
import { extractArticle } from '../sources/extract.js';
import { itemHash, itemKey, plainText, withoutTracking, type FeedItem, type ParsedFeed } from '../sources/feeds.js';
import { articleText, textHash, type LinkResult } from './articles.js';
import type { StoredArticle } from './store.js';

/** A teaser shorter than this sends the poller to the item's page for the whole article. */
export const TEASER_CHARS = 400;

/** The items not seen before, or seen with other content (`changed`); an item listed twice counts once. */
export function freshItems(
  parsed: ParsedFeed,
  seen: Map<string, string>,
): Array<{ item: FeedItem; key: string; hash: string; changed: boolean }> {
  const fresh: Array<{ item: FeedItem; key: string; hash: string; changed: boolean }> = [];
  const keys = new Set<string>();
  for (const item of parsed.items) {
    const key = itemKey(item);
    if (keys.has(key)) continue;
    keys.add(key);
    const hash = itemHash(item);
    const before = seen.get(key);
    if (before === hash) continue;
    fresh.push({ item, key, hash, changed: before !== undefined });
  }
  return fresh;
}

/** The item's link (relative links resolved, tracking removed), else a stable address inside the feed. */
export function articleUrlOf(item: FeedItem, key: string, feedUrl: string): string {
  try {
    if (item.link) return withoutTracking(new URL(item.link, feedUrl).toString());
  } catch {
    // an unparsable link falls through to the feed's own address
  }
  return `${feedUrl}#${encodeURIComponent(key)}`;
}

/**
 * One new or changed item as an article: its own content, or, for a teaser, the page it links to (at most
 * `budget.pages` pages a check; a page that fails leaves the teaser).
 */
export async function readItem(
  item: FeedItem,
  where: { articleUrl: string; feedUrl: string; outlet: string | null; now: number },
  fetchPage: (url: string, now: number) => Promise<LinkResult | null>,
  budget: { pages: number },
): Promise<StoredArticle> {
  const { articleUrl, feedUrl, outlet, now } = where;
  let body = item.contentHtml
    ? extractArticle(item.contentHtml, { url: articleUrl }).text || plainText(item.contentHtml) || ''
    : (item.summary ?? '');
  let published = item.published ?? item.updated;
  const teaser = body.length < TEASER_CHARS && item.link && /^https?:/i.test(articleUrl) && !articleUrl.includes('#');
  if (teaser && budget.pages > 0) {
    budget.pages--;
    const page = await fetchPage(articleUrl, now);
    if (page?.ok) {
      body = page.article.text;
      published ??= page.article.published;
    }
  }
  const text =
    body.startsWith(`${item.title ?? ''}\n`) && item.title
      ? body
      : articleText(item.title, published, body || item.title || '');
  return { url: articleUrl, feedUrl, outlet, title: item.title, published, fetchedAt: now, text, hash: textHash(text) };
}
