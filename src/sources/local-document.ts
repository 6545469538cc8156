// A local file's decoded text as a document: its article text plus the title, date, outlet and URL it states.
// .html/.htm pages (and HTML saved under another name) go through the same article extractor as fetched pages;
// .md is read by a Markdown parser; front matter is read above the text of .txt and .md files.
import { extname } from 'node:path';
import { parseHTML } from 'linkedom';
import { extractArticle, isHtmlDocument } from './extract.js';
import { readFrontMatter, normaliseDate, type DocumentMeta } from './front-matter.js';
import { markdownToText } from './markdown.js';
import { looksLikeHtml } from './html.js';

export type DocumentFormat = 'text' | 'markdown' | 'html';

/** The formats a seeds folder holds, by extension. */
export const DOCUMENT_FORMATS: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
};

export function formatOf(file: string): DocumentFormat | undefined {
  return DOCUMENT_FORMATS[extname(file).toLowerCase()];
}

export interface LocalDocument {
  text: string;
  meta: DocumentMeta;
  /** How the text was read: a plain-text file with HTML inside is read as HTML. */
  format: DocumentFormat;
  /** Front-matter keys whose values could not be used, for the log. */
  unread: string[];
}

export type DocumentResult = { ok: true; document: LocalDocument } | { ok: false; reason: string };

/** Reads decoded `text` of `file` (its extension picks the format; unknown extensions read as plain text). */
export function readLocalDocument(text: string, file: string): DocumentResult {
  const format = formatOf(file) ?? 'text';
  if (format === 'html' || isHtmlDocument(text) || (format === 'text' && looksLikeHtml(text))) return fromHtml(text);
  const front = readFrontMatter(text);
  if (format === 'markdown') {
    const md = markdownToText(front.body);
    const meta = { ...front.meta };
    if (!meta.title && md.title) meta.title = md.title;
    if (!md.text.trim() && looksLikeHtml(front.body)) return { ok: false, reason: 'it is HTML with no readable text' };
    return withText(md.text, meta, 'markdown', front.unread);
  }
  return withText(front.body, front.meta, 'text', front.unread);
}

function withText(text: string, meta: DocumentMeta, format: DocumentFormat, unread: string[]): DocumentResult {
  if (!text.trim()) return { ok: false, reason: meta.title ? 'it has a title but no text' : 'it has no readable text' };
  return { ok: true, document: { text, meta, format, unread } };
}

function fromHtml(html: string): DocumentResult {
  const article = extractArticle(html);
  if (!article.text.trim()) return { ok: false, reason: 'it is HTML with no readable text' };
  const meta: DocumentMeta = {};
  const title = headingOf(html, article.siteName) ?? article.title;
  if (title) meta.title = title;
  const date = article.published ? normaliseDate(article.published) : null;
  if (date) meta.date = date;
  if (article.siteName) meta.outlet = article.siteName;
  if (article.url) meta.url = article.url;
  return { ok: true, document: { text: article.text, meta, format: 'html', unread: [] } };
}

/**
 * The page's headline as a reader sees it: its one <h1> (inside <article> or <main> when the page has them), unless
 * that is the site's name. A saved page's <title> is often the site's, or a stub, and its og:title a social variant.
 */
function headingOf(html: string, siteName: string | null): string | null {
  if (!/<h1\b/i.test(html)) return null;
  const { document } = parseHTML(html) as unknown as {
    document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
  };
  let headings = Array.from(document.querySelectorAll('article h1, main h1'));
  if (headings.length === 0) headings = Array.from(document.querySelectorAll('h1'));
  if (headings.length !== 1) return null;
  const text = headings[0]!.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  if (text.length < 3 || text.length > 200) return null;
  return siteName && text.toLowerCase() === siteName.toLowerCase() ? null : text;
}
