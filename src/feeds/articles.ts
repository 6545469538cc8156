// Articles into the library: the text a briefing is derived from (title, publication stamp, body), reading a page
// through the one fetcher, reloading stored articles at start-up, and retention.
import { createHash } from 'node:crypto';
import { isoToMonthDate } from '../briefing/date-parse.js';
import type { Briefing, DocumentInput } from '../briefing/types.js';
import type { Library, StoryAssignment } from '../library/library.js';
import { extractArticle, isHtmlDocument } from '../sources/extract.js';
import { FetchError, type Fetcher } from '../sources/fetch.js';
import type { ArticleStore, StoredArticle } from './store.js';

export type Derive = (input: DocumentInput) => Briefing;

/** "Published: December 2, 2026": the stamp the briefing engine reads as the story's date. */
export function publishedStamp(iso: string | null): string | null {
  const date = isoToMonthDate(iso);
  return date ? `Published: ${date}` : null;
}

/** The document the briefing engine sees: the title as a headline, the stamp, then the body. */
export function articleText(title: string | null, published: string | null, body: string): string {
  const head = [title?.replace(/\s+/g, ' ').trim(), publishedStamp(published)].filter(Boolean);
  return `${head.join('\n')}${head.length ? '\n\n' : ''}${body.trim()}\n`;
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Adds a stored article to the library, derived under its URL, with the story it was placed in when stored. */
export function addToLibrary(library: Library, article: StoredArticle, derive: Derive): Briefing {
  const briefing = derive({ text: article.text, source: article.url });
  const published = article.published ? Date.parse(article.published) : NaN;
  // Newest by publication when the page says, else by when it was fetched (never in the future).
  const addedAt = Number.isNaN(published) ? article.fetchedAt : Math.min(published, article.fetchedAt);
  const ref = { url: article.url, outlet: article.outlet, published: article.published };
  library.addArticle(briefing, article.story ? { ...ref, story: article.story } : ref, addedAt);
  return briefing;
}

/** Where the library's story book placed an article (app.ts: StoryBook.placementOf); undefined when it has none. */
export type PlaceOf = (url: string) => StoryAssignment | undefined;

export type Stored = { ok: true; briefing: Briefing } | { ok: false; error: unknown };

/**
 * Stores an article and adds it to the library, its story decided once, here: a page already held keeps the story
 * it was in; a new one is placed by the story book, and that placement is stored with it, in the same row (so the
 * NOTIFY other replicas hear already names it). When the row had a placement already (another replica stored the
 * page first) that one stands, and the library is placed again to match. An article that cannot be briefed is
 * stored without a story ({ ok: false }); a store that fails takes the article back out of the library and throws.
 */
export async function storeArticle(
  library: Library,
  store: ArticleStore,
  article: StoredArticle,
  derive: Derive,
  placeOf?: PlaceOf,
): Promise<Stored> {
  const previous = library.bySourcePath(article.url);
  const kept = article.story ?? previous?.article?.story;
  let briefing: Briefing;
  try {
    briefing = addToLibrary(library, kept ? { ...article, story: kept } : article, derive);
  } catch (error) {
    await store.put(article);
    return { ok: false, error };
  }
  const placed = kept ?? placeOf?.(article.url);
  let recorded: StoryAssignment | null;
  try {
    recorded = await store.put(placed ? { ...article, story: placed } : article);
  } catch (error) {
    if (previous) library.upsert(previous);
    else library.remove(article.url);
    throw error;
  }
  if (recorded) settlePlacement(library, article.url, placed, recorded);
  return { ok: true, briefing };
}

/**
 * The library's copy of a stored article takes the placement its row records: the one just made is written on
 * the entry (a regrouping of the library later keeps it); another replica's earlier one is a change, which the
 * story book regroups for.
 */
export function settlePlacement(
  library: Library,
  url: string,
  placed: StoryAssignment | undefined,
  recorded: StoryAssignment,
): void {
  const entry = library.bySourcePath(url);
  if (!entry?.article) return;
  if (recorded.story === placed?.story && recorded.article === placed.article) entry.article.story = recorded;
  else library.upsert({ ...entry, article: { ...entry.article, story: recorded } });
}

/**
 * Records where the library placed each stored article whose row has no placement yet (stored before they were
 * kept), so from now on every replica and restart put it there; where another replica recorded first, the
 * library follows that one. Returns how many placements were recorded or taken.
 */
export async function recordPlacements(library: Library, store: ArticleStore, placeOf: PlaceOf): Promise<number> {
  let n = 0;
  for (const entry of [...library.stories()]) {
    if (!entry.article || entry.article.story) continue;
    const placed = placeOf(entry.article.url);
    if (!placed) continue;
    const recorded = await store.recordStory(entry.article.url, placed);
    if (!recorded) continue;
    settlePlacement(library, entry.article.url, placed, recorded);
    n += 1;
  }
  return n;
}

/** Reloads every stored article into the library (a restart loses nothing); returns how many. */
export async function loadArticles(library: Library, store: ArticleStore, derive: Derive): Promise<number> {
  const all = await store.all();
  for (const article of all) addToLibrary(library, article, derive);
  return all.length;
}

/** Drops articles past the retention period or the count limit, from the store and the library. */
export async function pruneArticles(
  library: Library,
  store: ArticleStore,
  now: number,
  retentionDays: number,
  maxCount: number,
): Promise<string[]> {
  const removed = await store.prune(now - retentionDays * 86_400_000, maxCount);
  for (const url of removed) library.remove(url);
  return removed;
}

export type LinkResult = { ok: true; article: StoredArticle } | { ok: false; message: string; kind: string };

/** Fetches a page through the fetcher and extracts its article (not stored: the caller decides). */
export async function readLink(fetcher: Fetcher, url: string, now: number): Promise<LinkResult> {
  let page;
  try {
    page = await fetcher.fetch(url, { accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1' });
  } catch (error) {
    if (error instanceof FetchError)
      return {
        ok: false,
        kind: error.kind,
        message:
          error.kind === 'blocked-address'
            ? `That link is refused: ${error.message}.`
            : `That link could not be fetched: ${error.message}.`,
      };
    return { ok: false, kind: 'network', message: `That link could not be fetched: ${(error as Error).message}.` };
  }
  if (!isHtmlDocument(page.text) && !/html/i.test(page.contentType ?? '')) {
    return { ok: false, kind: 'not-a-page', message: `${page.url} is not a web page with an article.` };
  }
  const extracted = extractArticle(page.text, { url: page.url });
  if (!extracted.text.trim())
    return { ok: false, kind: 'no-article', message: `No article text was found at ${page.url}.` };
  const text = articleText(extracted.title, extracted.published, extracted.text);
  return {
    ok: true,
    article: {
      url: url,
      feedUrl: null,
      outlet: extracted.siteName ?? hostOf(page.url),
      title: extracted.title,
      published: extracted.published,
      fetchedAt: now,
      text,
      hash: textHash(text),
    },
  };
}

export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
