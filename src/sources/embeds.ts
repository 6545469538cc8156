// Embedded posts (tweets, Bluesky, Mastodon, Instagram, TikTok blockquotes): lifted out of the page before
// Readability runs, each replaced by a marker paragraph, and written back where the marker ends up in the seed
// files' form ("text" then "— Name (@handle) Month D, YYYY"), which briefing/clean.ts reads as socialPosts.
import type { SocialPost } from '../briefing/types.js';
import { isoToMonthDate } from '../briefing/date-parse.js';
import { clean, isoDate, type Document_, type Element_ } from './page-dom.js';

const EMBEDS =
  'blockquote.twitter-tweet, blockquote.twitter-video, blockquote.bluesky-embed, blockquote.mastodon-embed, blockquote.instagram-media, blockquote.tiktok-embed';
const POST_MARK = 'BRIEFBOTPOST';

/** Replaces each embed blockquote with a marker paragraph and returns the posts in order. */
export function liftEmbeds(doc: Document_): SocialPost[] {
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

/** What one embed's markup gives: the parts of a SocialPost, each possibly missing. */
interface EmbedParts {
  author: string;
  handle?: string | undefined;
  text: string;
  date?: string | undefined;
  url?: string | undefined;
}

/** The parts of an embed every platform reader looks at. */
interface EmbedView {
  el: Element_;
  links: Array<{ href: string; text: string }>;
  paragraphs: string[];
  whole: string;
}

// "<p>text</p>— Name (@handle) <a>Month D, YYYY</a>": the byline is what follows the last paragraph.
function readTweetLike({ el, links, paragraphs, whole }: EmbedView): EmbedParts {
  const last = paragraphs[paragraphs.length - 1] ?? '';
  const tail = whole.slice(whole.lastIndexOf(last) + last.length);
  const m =
    /[—–-]+\s*(.+?)\s*\((@[\w.:-]+)\)\s*(.*)$/.exec(tail) ??
    /[—–-]+\s*(.+?)\s{0,3}((?:[A-Z][a-z]+\.? \d{1,2}, \d{4}).*)$/.exec(tail);
  const url =
    links
      .map((l) => l.href)
      .reverse()
      .find((h) => /\/status\/|\/post\//.test(h)) ??
    el.getAttribute('data-bluesky-uri') ??
    undefined;
  const text = paragraphs.join('\n');
  if (!m) return { author: '', text, url };
  const when = m[3] ?? m[2] ?? '';
  return {
    author: m[1]!.trim(),
    handle: m[3] !== undefined ? m[2] : undefined,
    text,
    date: isoDate(when.replace(/ at .*$/, ''))?.slice(0, 10),
    url,
  };
}

function readInstagram({ el, paragraphs, whole }: EmbedView): EmbedParts {
  const caption = paragraphs.find((p) => !/^A post shared by/i.test(p) && !/View this post on Instagram/i.test(p));
  const by = /A (?:post|photo|video) shared by (.+?)\s*\((@[\w.]+)\)/.exec(whole);
  return {
    author: by?.[1] ?? '',
    handle: by?.[2],
    text: caption ?? '',
    date: isoDate(el.querySelector('time')?.getAttribute('datetime'))?.slice(0, 10),
    url: el.getAttribute('data-instgrm-permalink') ?? undefined,
  };
}

function readMastodon({ el, paragraphs, whole }: EmbedView): EmbedParts {
  const by = /Post by (@[\w.@-]+)/.exec(whole);
  return {
    author: by?.[1] ?? '',
    handle: by?.[1],
    text: paragraphs.filter((p) => !/^Post by @|View on Mastodon/i.test(p)).join('\n'),
    url: el.getAttribute('data-embed-url')?.replace(/\/embed$/, '') ?? undefined,
  };
}

function readTiktok({ el, links, paragraphs }: EmbedView): EmbedParts {
  const a = links.find((l) => l.text.startsWith('@'));
  return {
    author: a?.text ?? '',
    handle: a?.text,
    text: paragraphs.join('\n') || clean(el.querySelector('section')?.textContent) || '',
    url: el.getAttribute('cite') ?? undefined,
  };
}

/** Each platform's reader, chosen by the embed's class. */
const READERS: Array<[RegExp, (view: EmbedView) => EmbedParts]> = [
  [/twitter|bluesky/, readTweetLike],
  [/instagram/, readInstagram],
  [/mastodon/, readMastodon],
  [/tiktok/, readTiktok],
];

function readEmbed(el: Element_): SocialPost | null {
  const cls = el.getAttribute('class') ?? '';
  const reader = READERS.find(([re]) => re.test(cls))?.[1];
  if (!reader) return null;
  const view: EmbedView = {
    el,
    links: Array.from(el.querySelectorAll('a[href]')).map((a) => ({
      href: a.getAttribute('href') ?? '',
      text: clean(a.textContent) ?? '',
    })),
    paragraphs: Array.from(el.querySelectorAll('p'))
      .map((p) => clean(p.textContent))
      .filter((t): t is string => Boolean(t)),
    whole: clean(el.textContent) ?? '',
  };
  const { author, handle, date, url, ...rest } = reader(view);
  const text = rest.text.replace(/\s*(?:https?:\/\/|pic\.twitter\.com\/)\S+/g, '').trim();
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

export function withPosts(blocks: string[], posts: SocialPost[]): string {
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
