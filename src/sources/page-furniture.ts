// News page furniture: cookie banners, share bars, adverts, newsletter boxes and "related stories" are removed
// before Readability runs, and paragraphs that are furniture however they are marked up are dropped after. The
// text blocks of the article are read here too, leaving out blocks whose every word is a link.
import { clean, type Element_, type Document_, type Node_ } from './page-dom.js';

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

export function removeFurniture(doc: Document_): void {
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
export function textBlocks(root: Element_ | null): string[] {
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

export function cleanBlocks(blocks: string[], title: string | null): string[] {
  const same = (b: string) => Boolean(title) && b.toLowerCase() === title!.toLowerCase();
  return blocks.filter((b) => !(b.length <= 200 && (FURNITURE_TEXT.some((re) => re.test(b)) || same(b))));
}
