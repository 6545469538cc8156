// Separates article prose from what is not article: newsletter prompts, photo credits, bare links,
// and embedded social posts (whose text and byline become SocialPosts).
import { parseMonthDate } from './text-dates.js';
import type { SocialPost } from './types.js';

export interface Paragraph {
  text: string;
  /** Offsets into the original text. */
  start: number;
  end: number;
  index: number;
}

export interface DroppedLine {
  text: string;
  reason: 'newsletter' | 'credit' | 'link' | 'social' | 'share' | 'empty' | 'dateline';
}

export interface CleanDocument {
  /** The original text, unchanged: every offset points into it. */
  text: string;
  paragraphs: Paragraph[];
  /** The first line when it reads as a headline (short, no full stop, more lines follow); not in `paragraphs`. */
  headline?: Paragraph;
  socialPosts: SocialPost[];
  dropped: DroppedLine[];
}

interface Line {
  text: string;
  start: number;
}

// Prompts are short; the length cap keeps prose that merely mentions a newsletter.
const SHORT = 160;
const BOILERPLATE: Array<[RegExp, DroppedLine['reason']]> = [
  [
    /^(stay up[- ]to[- ]date|subscribe\b|sign up\b|get our\b|join our\b|follow us\b|like us on\b|download (our|the) app)/i,
    'newsletter',
  ],
  [/\b(daily|weekly) (e-?mails?|newsletters?)\b|\bnewsletter\b|\bunsubscribe\b/i, 'newsletter'],
  [/^(photo|image|picture|video|graphic|illustration)s?\s*(courtesy|credit|by\b|:)/i, 'credit'],
  [
    /^(credits?|source|getty images|ap photo|reuters|afp)\s*[:/]|^\(?(getty|ap|reuters|afp|shutterstock)( photo| images)?\)?\.?$/i,
    'credit',
  ],
  [/^(by\b.{0,60}\b)?(published|updated|posted|last updated)\b.{0,60}\d{4}/i, 'dateline'],
  // The BBC share widget is glued to the prose after it, so splitInline cuts it out instead of the whole line.
  [
    /^(share (this|on|via)\b(?! ?with(?:Email|Facebook))|shares?:|read more\b|related( articles?| stories)?:|click here\b|see also:|more:|watch:|advertisement$|scroll down\b)/i,
    'share',
  ],
];

const URL = /(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S+/g;
const HAS_URL = new RegExp(URL.source, 'i');
const BARE_URL = /^(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S+$/i;
// An embed byline: "— Name (@handle) November 22, 2024"; the handle may be missing when a date is given.
const BYLINE =
  /^[—–]+\s*(.+?)\s*\((@\w+)\)\s*(.*)$|^[—–]+\s*(.+?)\s+((?:[A-Z][a-z]+\.? \d{1,2}, \d{4})|(?:\d{1,2} [A-Z][a-z]+ \d{4}))$/;
// Tweets are at most 280 characters, so a post never reaches further back than that.
const POST_BUDGET = 280;
// Lines taken in front of the one next to the byline must look like tweet lines, not article paragraphs.
const POST_LINE_MAX = 160;
// Page furniture run into the prose of a line, often with no space on either side: Daily Mail video promos,
// BBC share widgets ("Share this withEmailFacebook…Copy this link") and player notices.
const INLINE_PROMO = new RegExp(
  [
    String.raw`\b(?:Scroll down for (?:the )?(?:video|more)(?: videos?)?|Scroll down to see (?:the )?video)\b[.:]?\s*`,
    String.raw`Share this with(?:Email|Facebook|Messenger|Twitter|Pinterest|WhatsApp|Linked[Ii]n|Google\+?|\s)*Copy this link\s*`,
    String.raw`Media playback is (?:not supported|unsupported) on (?:this|your) device\s*`,
    String.raw`Read more on this story and other news from [A-Z][a-z]+(?: [A-Z][a-z]+)*?(?=[A-Z][a-z]|$)\s*`,
  ].join('|'),
  'g',
);
// Literal words every INLINE_PROMO match contains. (The pattern starts at the promo itself, not at the space
// before it, so the engine can skip ahead; the pieces either side are trimmed anyway.)
const PROMO_HINTS = ['Scroll down', 'Copy this link', 'Media playback', 'Read more on this'];
// What a Daily Mail or CNN page puts before the first sentence: "By . Jo Bloggs . PUBLISHED: 12:00 EST,
// 3 March 2014 . | . UPDATED: …", "Last updated at 10:02 AM on 4th May 2015", "(CNN)", "LONDON, England (CNN) --",
// and a wire or partner credit glued to the first word: "(The Hollywood Reporter)Stan Freberg…".
const STAMP = String.raw`(?:\|\s*\.?\s*)?(?:PUBLISHED|UPDATED|Last updated)(?:\s+(?:at|on))?\s*:?[^|.\n]{0,60}?\b(?:19|20)\d{2}\b\s*\.?\s*`;
const AUTHOR = String.raw`By\s+\.\s+[^.|\n]{2,80}?\s+\.\s+|By\s+(?:[A-Z][\p{L}'’-]+\s+|(?:and|for|de|van|von)\s+){1,8}(?=PUBLISHED|UPDATED|Last updated)`;
const LEADING = new RegExp(
  String.raw`^(?:(?:[A-Z][\p{L} .,'’-]{0,40}\s)?\(CNN\)\s*(?:--\s*)?|\((?:The |the )?[A-Z][\p{L}&'’ ]{1,40}\)(?=["“]?[A-Z])|(?:${AUTHOR})?(?:${STAMP})+|${AUTHOR})`,
  'u',
);

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const lead = raw.length - raw.trimStart().length;
    lines.push({ text: raw.trim(), start: offset + lead });
    offset += raw.length + 1;
  }
  return lines;
}

function droppedReason(text: string): DroppedLine['reason'] | null {
  if (BARE_URL.test(text)) return 'link';
  if (text.length > SHORT) return null;
  return BOILERPLATE.find(([re]) => re.test(text))?.[1] ?? null;
}

function withoutLinks(text: string): string {
  return text
    .replace(URL, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** How many of the kept lines just before a byline belong to the post (at least one). */
function postLength(kept: Line[]): number {
  let total = withoutLinks(kept[kept.length - 1]!.text).length;
  let n = 1;
  for (let i = kept.length - 2; i >= 0; i--) {
    const line = kept[i]!.text;
    const len = withoutLinks(line).length;
    // A link ends a post, so a line with one belongs to an earlier post; a colon introduces the post.
    if (HAS_URL.test(line) || /:$/.test(line) || len > POST_LINE_MAX || total + len + 1 > POST_BUDGET) break;
    total += len + 1;
    n++;
  }
  return n;
}

function toPost(lines: Line[], byline: RegExpExecArray): SocialPost {
  const joined = lines.map((l) => l.text).join('\n');
  const urls = joined.match(URL) ?? [];
  const author = (byline[1] ?? byline[4] ?? '').trim();
  const date = parseMonthDate(byline[3] ?? byline[5] ?? '');
  return {
    author,
    ...(byline[2] ? { handle: byline[2] } : {}),
    ...(date ? { date } : {}),
    text: lines
      .map((l) => withoutLinks(l.text))
      .filter(Boolean)
      .join('\n'),
    ...(urls.length ? { url: urls[urls.length - 1]! } : {}),
  };
}

/** Cuts a line around inline promos, so "…video Flying high" leaves two pieces of prose. */
function splitInline(line: Line, dropped: DroppedLine[]): Line[] {
  // The promo pattern is slow to scan for and rarely there.
  if (!PROMO_HINTS.some((h) => line.text.includes(h))) return [line];
  const parts: Line[] = [];
  let from = 0;
  for (const m of line.text.matchAll(INLINE_PROMO)) {
    parts.push({ text: line.text.slice(from, m.index), start: line.start + from });
    dropped.push({ text: m[0].trim(), reason: 'share' });
    from = m.index + m[0].length;
  }
  parts.push({ text: line.text.slice(from), start: line.start + from });
  return parts
    .filter((p) => p.text.trim())
    .map((p) => {
      const lead = p.text.length - p.text.trimStart().length;
      return { text: p.text.trim(), start: p.start + lead };
    });
}

/** The line without a byline, stamp or dateline in front (null when nothing else is left). */
function withoutLeading(line: Line, dropped: DroppedLine[]): Line | null {
  const m = LEADING.exec(line.text);
  if (!m || !m[0].trim()) return line;
  dropped.push({ text: m[0].trim(), reason: 'dateline' });
  const rest = line.text.slice(m[0].length).trimStart();
  return rest ? { text: rest, start: line.start + line.text.length - rest.length } : null;
}

// A headline is a whole first line that a reader would not take for a sentence of prose.
function isHeadline(p: Paragraph, text: string): boolean {
  const lineStart = text.lastIndexOf('\n', p.start - 1) + 1;
  const lineEnd = text.indexOf('\n', p.end);
  const wholeLine =
    !text.slice(lineStart, p.start).trim() && !text.slice(p.end, lineEnd < 0 ? text.length : lineEnd).trim();
  // One sentence at most: a line with a full stop inside is prose whose last sentence lost its stop.
  return wholeLine && p.text.length <= 150 && /^\p{Lu}/u.test(p.text) && !/[.!?:;,"”’]$|[.!?]["”’]?\s/.test(p.text);
}

export function cleanDocument(text: string): CleanDocument {
  const socialPosts: SocialPost[] = [];
  const dropped: DroppedLine[] = [];
  // Lines kept since the last post or dropped line: only these can be the text of the next post.
  const kept: Line[] = [];
  const prose: Line[] = [];
  for (const raw of splitLines(text)) {
    if (!raw.text) continue;
    // Bylines and stamps sit above the story, before any prose.
    const line = prose.length === 0 ? withoutLeading(raw, dropped) : raw;
    if (!line) continue;
    const byline = BYLINE.exec(line.text);
    if (byline) {
      const n = kept.length ? postLength(kept) : 0;
      const postLines = kept.splice(kept.length - n, n);
      for (const l of [...postLines].reverse()) if (prose[prose.length - 1] === l) prose.pop();
      for (const l of postLines) dropped.push({ text: l.text, reason: 'social' });
      dropped.push({ text: line.text, reason: 'social' });
      if (postLines.length) socialPosts.push(toPost(postLines, byline));
      kept.length = 0;
      continue;
    }
    const reason = droppedReason(line.text);
    if (reason) {
      dropped.push({ text: line.text, reason });
      // A bare link may still be the last line of a post whose byline follows.
      if (reason === 'link') kept.push(line);
      else kept.length = 0;
      continue;
    }
    kept.push(line);
    prose.push(line);
  }
  const paragraphs: Paragraph[] = [];
  for (const line of prose) {
    for (const part of splitInline(line, dropped)) {
      paragraphs.push({
        text: part.text,
        start: part.start,
        end: part.start + part.text.length,
        index: paragraphs.length,
      });
    }
  }
  const headline = paragraphs.length > 1 && isHeadline(paragraphs[0]!, text) ? paragraphs.shift() : undefined;
  paragraphs.forEach((p, i) => (p.index = i));
  return { text, paragraphs, ...(headline ? { headline } : {}), socialPosts, dropped };
}
