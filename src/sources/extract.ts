// Article extraction: a news page's HTML becomes its title, byline, outlet, canonical URL, publication time and
// plain text (paragraphs separated by blank lines), through @mozilla/readability on linkedom (no jsdom at run
// time). Embedded posts (tweets, Bluesky, Mastodon, Instagram, TikTok blockquotes) are lifted out before
// Readability runs and written back in the seed files' form ("text" then "— Name (@handle) Month D, YYYY"), which
// briefing/clean.ts turns into socialPosts rather than prose. Page furniture (cookie banners, share bars,
// adverts, newsletter boxes, "related stories") is removed before and after Readability.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { SocialPost } from '../briefing/types.js';
import { isoToMonthDate } from '../briefing/date-parse.js';

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

// Minimal DOM shapes: linkedom's types are loose, and only these members are used.
interface Node_ {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<Node_>;
  parentNode: Node_ | null;
}
interface Element_ extends Node_ {
  tagName: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Element_>;
  querySelector(selector: string): Element_ | null;
  remove(): void;
  replaceWith(node: unknown): void;
  closest(selector: string): Element_ | null;
}
interface Document_ {
  documentElement: Element_ | null;
  body: Element_ | null;
  querySelectorAll(selector: string): ArrayLike<Element_>;
  querySelector(selector: string): Element_ | null;
  createElement(tag: string): Element_ & { textContent: string };
}

const EMBEDS =
  'blockquote.twitter-tweet, blockquote.twitter-video, blockquote.bluesky-embed, blockquote.mastodon-embed, blockquote.instagram-media, blockquote.tiktok-embed';
const POST_MARK = 'BRIEFBOTPOST';

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

function clean(value: string | null | undefined): string | null {
  const v = value?.replace(/\s+/g, ' ').trim();
  return v ? v : null;
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

/** An ISO-8601 form of a date string, or null when it does not parse. */
export function isoDate(value: string | null | undefined): string | null {
  const v = clean(value);
  if (!v) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  return year >= 1900 && year <= 2200 ? new Date(ms).toISOString() : null;
}

function readMetadata(doc: Document_): Metadata {
  const ld = jsonLd(doc);
  const article =
    ld.find((o) => ARTICLE_TYPES.test(String(o['@type'] ?? '')) && (o.headline || o.datePublished)) ?? null;
  const canonical = clean(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  const timeEl = doc.querySelector('article time[datetime], time[datetime]');
  const published =
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
    isoDate(timeEl?.getAttribute('datetime'));
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

// ---------------------------------------------------------------------------------------------------------
// Embedded posts

/** Replaces each embed blockquote with a marker paragraph and returns the posts in order. */
function liftEmbeds(doc: Document_): SocialPost[] {
  const posts: SocialPost[] = [];
  for (const el of Array.from(doc.querySelectorAll(EMBEDS))) {
    const post = readEmbed(el);
    const mark = doc.createElement('p');
    if (post) {
      mark.textContent = `${POST_MARK}${posts.length}`;
      posts.push(post);
      el.replaceWith(mark);
    } else {
      el.remove();
    }
  }
  return posts;
}

function readEmbed(el: Element_): SocialPost | null {
  const cls = el.getAttribute('class') ?? '';
  const links = Array.from(el.querySelectorAll('a[href]')).map((a) => ({
    href: a.getAttribute('href') ?? '',
    text: clean(a.textContent) ?? '',
  }));
  const paragraphs = Array.from(el.querySelectorAll('p'))
    .map((p) => clean(p.textContent))
    .filter((t): t is string => Boolean(t));
  const whole = clean(el.textContent) ?? '';
  let author = '';
  let handle: string | undefined;
  let text = '';
  let date: string | undefined;
  let url: string | undefined;
  if (/twitter|bluesky/.test(cls)) {
    // "<p>text</p>— Name (@handle) <a>Month D, YYYY</a>": the byline is what follows the last paragraph.
    text = paragraphs.join('\n');
    const tail = whole.slice(
      whole.lastIndexOf(paragraphs[paragraphs.length - 1] ?? '') + (paragraphs[paragraphs.length - 1]?.length ?? 0),
    );
    const m =
      /[—–-]+\s*(.+?)\s*\((@[\w.:-]+)\)\s*(.*)$/.exec(tail) ??
      /[—–-]+\s*(.+?)\s{0,3}((?:[A-Z][a-z]+\.? \d{1,2}, \d{4}).*)$/.exec(tail);
    if (m) {
      author = m[1]!.trim();
      if (m[3] !== undefined) handle = m[2];
      const when = m[3] ?? m[2] ?? '';
      date = isoDate(when.replace(/ at .*$/, ''))?.slice(0, 10);
    }
    url =
      links
        .map((l) => l.href)
        .reverse()
        .find((h) => /\/status\/|\/post\//.test(h)) ??
      el.getAttribute('data-bluesky-uri') ??
      undefined;
  } else if (/instagram/.test(cls)) {
    const caption = paragraphs.find((p) => !/^A post shared by/i.test(p) && !/View this post on Instagram/i.test(p));
    text = caption ?? '';
    const by = /A (?:post|photo|video) shared by (.+?)\s*\((@[\w.]+)\)/.exec(whole);
    if (by) {
      author = by[1]!;
      handle = by[2];
    }
    date = isoDate(el.querySelector('time')?.getAttribute('datetime'))?.slice(0, 10);
    url = el.getAttribute('data-instgrm-permalink') ?? undefined;
  } else if (/mastodon/.test(cls)) {
    const by = /Post by (@[\w.@-]+)/.exec(whole);
    author = by?.[1] ?? '';
    handle = by?.[1];
    text = paragraphs.filter((p) => !/^Post by @|View on Mastodon/i.test(p)).join('\n');
    url = el.getAttribute('data-embed-url')?.replace(/\/embed$/, '') ?? undefined;
  } else if (/tiktok/.test(cls)) {
    text = paragraphs.join('\n') || clean(el.querySelector('section')?.textContent) || '';
    const a = links.find((l) => l.text.startsWith('@'));
    author = a?.text ?? '';
    handle = a?.text;
    url = el.getAttribute('cite') ?? undefined;
  }
  text = text.replace(/\s*(?:https?:\/\/|pic\.twitter\.com\/)\S+/g, '').trim();
  if (!text || !author) return null;
  return { author, ...(handle ? { handle } : {}), ...(date ? { date } : {}), text, ...(url ? { url } : {}) };
}

/** The post as the seed files write it, so briefing/clean.ts reads it as a post. */
function postLines(post: SocialPost): string {
  // clean.ts's byline takes a word handle, or a month-name date when there is none.
  const handle = post.handle && /^@\w+$/.test(post.handle) ? ` (${post.handle})` : '';
  const date = post.date ? ` ${isoToMonthDate(post.date) ?? post.date}` : '';
  const byline = handle || date ? `— ${post.author}${handle}${date}` : null;
  if (!byline) return '';
  const lines = post.text.split('\n');
  if (post.url) lines[lines.length - 1] += ` ${post.url}`;
  return `${lines.join('\n')}\n${byline}`;
}

function withPosts(blocks: string[], posts: SocialPost[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    const m = new RegExp(`^${POST_MARK}(\\d+)$`).exec(b);
    if (!m) out.push(b);
    else {
      const lines = postLines(posts[Number(m[1])]!);
      if (lines) out.push(lines);
    }
  }
  // A marker Readability moved into another block is dropped.
  return out
    .join('\n\n')
    .replace(new RegExp(`\\s*${POST_MARK}\\d+\\s*`, 'g'), ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------
// News page furniture

// Class/id words naming furniture. Matched as whole words of the attribute (split at -, _, space, camelCase).
const FURNITURE_WORDS = new Set([
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'cmp',
  'advert',
  'advertisement',
  'adverts',
  'ad',
  'ads',
  'adslot',
  'adunit',
  'dfp',
  'gpt',
  'sponsored',
  'outbrain',
  'taboola',
  'newsletter',
  'subscribe',
  'subscription',
  'share',
  'sharing',
  'sharebar',
  'social',
  'related',
  'recommended',
  'recirculation',
  'popular',
  'trending',
  'promo',
  'breadcrumb',
  'breadcrumbs',
  'comments',
  'comment',
  'caption',
  'credit',
  'byline',
  'dateline',
  'tags',
]);
const FURNITURE_ROLES =
  'nav, [role="navigation"], [role="banner"], [role="contentinfo"], [aria-hidden="true"], dialog, noscript, iframe, button, select';

function words(attr: string): string[] {
  return attr
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean);
}

function isFurniture(el: Element_): boolean {
  const attr = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  if (!attr.trim()) return false;
  return words(attr).some((w) => FURNITURE_WORDS.has(w));
}

const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'UL',
  'OL',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'TR',
  'FIGURE',
  'FIGCAPTION',
  'HEADER',
  'FOOTER',
  'ASIDE',
  'MAIN',
  'DL',
  'DT',
  'DD',
  'BR',
  'HR',
]);

function removeFurniture(doc: Document_): void {
  const body = doc.body;
  if (!body) return;
  const total = (clean(body.textContent) ?? '').length || 1;
  for (const el of Array.from(body.querySelectorAll(FURNITURE_ROLES))) el.remove();
  for (const el of Array.from(body.querySelectorAll('[class], [id]'))) {
    if (!el.parentNode || !isFurniture(el)) continue;
    // Never the article itself: a container holding much of the page's text, or the article element.
    if (el.tagName === 'ARTICLE' || el.tagName === 'MAIN' || el.tagName === 'BODY') continue;
    if ((clean(el.textContent) ?? '').length > total * 0.3) continue;
    el.remove();
  }
}

/**
 * Text blocks of an element: one per paragraph-like element, inline text joined. A block whose every word sits
 * inside a link (a "related stories" list, a tag cloud, a teaser) is not article text and is left out.
 */
function textBlocks(root: Element_ | null): string[] {
  const blocks: string[] = [];
  let current = '';
  let linked = 0;
  const flush = () => {
    const t = current.replace(/\s+/g, ' ').trim();
    const linkShare = linked / (current.replace(/\s+/g, '').length || 1);
    if (t && !(linkShare > 0.9)) blocks.push(t);
    current = '';
    linked = 0;
  };
  const walk = (node: Node_, inLink: boolean): void => {
    if (node.nodeType === 3) {
      const t = node.textContent ?? '';
      current += t;
      if (inLink) linked += t.replace(/\s+/g, '').length;
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toUpperCase();
    if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'NOSCRIPT' || tag === 'TEMPLATE' || tag === 'SVG') return;
    if (tag === 'FIGCAPTION' || tag === 'FIGURE') return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child, inLink || tag === 'A');
    if (block) flush();
  };
  if (root) walk(root, false);
  flush();
  return blocks;
}

// Paragraphs that are page furniture however they are marked up.
const FURNITURE_TEXT = [
  /^(advertisement|advert|sponsored( content)?|ad)$/i,
  /^(we|this (web)?site) uses? cookies\b/i,
  /\bby (continuing|using) (to (use|browse) )?(this|our) (web)?site\b.{0,80}\bcookies\b/i,
  /^(accept|reject|manage) (all )?cookies\b/i,
  /^(share|share this( article| story)?|share on (facebook|twitter|x|whatsapp|linkedin|email))\b.{0,40}$/i,
  /^(related|related (stories|articles|content|coverage)|more (stories|from|on this)|read more|you may also like|recommended( for you)?|most (read|popular)|trending)\b.{0,60}$/i,
  /^(sign up|subscribe)\b.{0,100}(newsletter|inbox|today|now|free)\b.{0,40}$/i,
  /\bget \d+% off\b.{0,80}\bsubscri/i,
  /^(follow us on|click here to|tap here to|download (the|our) app)\b.{0,100}$/i,
  // Captions' credits, photo-gallery counters, bylines and datelines standing alone, copyright lines.
  /^\(?(image|photo|picture) ?(credit|:)|^(image|photo) \d+ of \d+$|credit: [^.]{0,60}$/i,
  /^(by\s+[^.!?]{2,60}|(updated|published|posted)( at| on)?\b[^.!?]{0,60}|[^.!?]{0,40}\b(19|20)\d\d\b[^.!?]{0,20})$/i,
  /^(©|\(c\)|copyright\b)|\ball rights reserved\b/i,
];

function cleanBlocks(blocks: string[], title: string | null): string[] {
  const same = (b: string) => Boolean(title) && b.toLowerCase() === title!.toLowerCase();
  return blocks.filter((b) => !(b.length <= 200 && (FURNITURE_TEXT.some((re) => re.test(b)) || same(b))));
}

/** True when the text carries an HTML document rather than a stray tag in prose. */
export function isHtmlDocument(text: string): boolean {
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype html|html|head|body)\b/i.test(text);
}
