// The digest: one neutral Reply per channel, one section per story, new and updated stories first. Sections are
// whole units, so an adapter that must split a long digest can continue in a second message between stories.
// With a story book, a story of several articles is one entry; "Updated:" then also means "a new article came".
import type { Briefing } from '../briefing/types.js';
import type { Reply, Section } from '../core/reply.js';
import type { Story } from '../library/library.js';
import { articleLine, mostComplete, storyTitle, type StoryBook } from '../stories/story-book.js';
import { articleLabel } from '../stories/story-brief.js';
import type { ShownTldr } from '../llm/tldr.js';

export interface DeliveredStory {
  source: string;
  hash: string;
}

export type Freshness = 'new' | 'updated' | 'seen';

export interface DigestItem {
  /** The story's lead article: its most complete one (the only one for a single-file story). */
  story: Briefing;
  freshness: Freshness;
  /** The story, when it has several articles or sources. */
  group?: StoryGroup;
}

/** A story of the digest: its id and title, and every library file (article or reprint) it is made of. */
export interface StoryGroup {
  id: string;
  title: string;
  line: string;
  /** The files, in order of arrival, with the article they carry and its outlet. */
  files: Array<{ source: string; hash: string; title: string; label: string }>;
}

export interface Digest {
  reply: Reply;
  /** The stories the digest carries, to record as delivered once it is posted. */
  included: DeliveredStory[];
  fresh: number;
  /**
   * Stories are loaded but none is new or updated for this channel: the reply is then one short line, and a
   * channel that chose `nothing_new:skip` is sent nothing at all.
   */
  nothingNew: boolean;
}

export interface ComposeOptions {
  /** Stories shown at most; the rest are counted in the footer (new ones always come first). */
  maxStories?: number;
  /** "Daily digest", "Digest preview" … */
  title?: string;
  /** Groups the articles into stories; without it every article is its own story. */
  stories?: StoryBook;
  /** With the model layer: the tldr each lead article shows, by its source (model-written and checked, or not). */
  tldrs?: ReadonlyMap<string, ShownTldr>;
}

export const DEFAULT_MAX_STORIES = 15;

/** New (never sent here), updated (sent, but the file changed since), then the rest; newest first in each group. */
export function orderForDigest(
  stories: readonly Story[],
  delivered: ReadonlyMap<string, string>,
  book?: StoryBook,
): DigestItem[] {
  const rank: Record<Freshness, number> = { new: 0, updated: 1, seen: 2 };
  const items = book
    ? groupedItems(stories, delivered, book)
    : stories.map((s, index) => {
        const sentHash = delivered.get(s.briefing.source);
        const freshness: Freshness = sentHash === undefined ? 'new' : sentHash === s.briefing.hash ? 'seen' : 'updated';
        return { story: s.briefing, freshness, index };
      });
  // Library order is newest first already; a stable sort by rank keeps it inside each group.
  return items
    .sort((a, b) => rank[a.freshness] - rank[b.freshness] || a.index - b.index)
    .map(({ index: _, ...item }) => item);
}

/** One item per story, in the book's newest-activity order: new when no file of it was sent, updated when one was not. */
function groupedItems(
  articles: readonly Story[],
  delivered: ReadonlyMap<string, string>,
  book: StoryBook,
): Array<DigestItem & { index: number }> {
  const hashes = new Map(articles.map((a) => [a.briefing.source, a.briefing.hash]));
  const items: Array<DigestItem & { index: number }> = [];
  for (const story of book.list()) {
    const files = story.articles.flatMap((a) =>
      a.sources
        .filter((s) => hashes.has(s.source))
        .map((s) => ({
          source: s.source,
          hash: hashes.get(s.source)!,
          title: a.briefing.title,
          label: s.outlet ?? articleLabel(a),
        })),
    );
    if (files.length === 0) continue;
    const sent = files.filter((f) => delivered.has(f.source));
    const changed = sent.some((f) => delivered.get(f.source) !== f.hash);
    const freshness: Freshness = sent.length === 0 ? 'new' : changed || sent.length < files.length ? 'updated' : 'seen';
    const single = story.articles.length === 1 && files.length === 1;
    const group = single ? undefined : { id: story.id, title: storyTitle(story), line: articleLine(story), files };
    items.push({ story: mostComplete(story).briefing, freshness, index: items.length, ...(group ? { group } : {}) });
  }
  return items;
}

/** The first key point that says something the tldr does not already say. */
export function topKeyPoint(story: Briefing): string | undefined {
  const tldr = normalise(story.summary.tldr);
  return story.summary.keyPoints.find((p) => p.trim() && !tldr.includes(normalise(p)));
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function section(item: DigestItem, delivered: ReadonlyMap<string, string>, tldr?: ShownTldr): Section {
  const { story, freshness, group } = item;
  const mark = freshness === 'new' ? 'New: ' : freshness === 'updated' ? 'Updated: ' : '';
  const point = topKeyPoint(story);
  const text = tldr?.provenance ? tldr.text : story.summary.tldr;
  // For a story already sent here, which articles are the news.
  const added =
    group && freshness === 'updated'
      ? group.files.filter((f) => !delivered.has(f.source)).map((f) => `${f.label}: ${f.title}`)
      : [];
  return {
    heading: `${mark}${group?.title ?? story.title}`,
    blocks: [
      { type: 'text', text: text || 'No summary could be made of this story.' },
      ...(tldr?.provenance ? [{ type: 'text' as const, text: tldr.provenance }] : []),
      ...(point && !(tldr?.provenance && text.includes(point)) ? [{ type: 'bullets' as const, items: [point] }] : []),
      ...(group ? [{ type: 'text' as const, text: group.line }] : []),
      ...(added.length
        ? [{ type: 'text' as const, text: `New article${added.length === 1 ? '' : 's'}: ${added.join(' · ')}` }]
        : []),
      { type: 'text', text: `More: /brief story:${group?.id ?? story.id}` },
    ],
  };
}

export function composeDigest(
  stories: readonly Story[],
  delivered: ReadonlyMap<string, string>,
  options: ComposeOptions = {},
): Digest {
  const max = Math.max(1, options.maxStories ?? DEFAULT_MAX_STORIES);
  const ordered = orderForDigest(stories, delivered, options.stories);
  const shown = ordered.slice(0, max);
  const fresh = ordered.filter((i) => i.freshness !== 'seen').length;
  const title = options.title ?? 'News digest';
  if (shown.length === 0) {
    return {
      reply: {
        title,
        sections: [
          {
            blocks: [
              { type: 'text', text: 'No stories are loaded yet. Add .txt, .md or .html files to the seeds folder.' },
            ],
          },
        ],
        kind: 'notice',
        data: { stories: [] },
      },
      included: [],
      fresh: 0,
      nothingNew: false,
    };
  }
  const count = `${ordered.length} stor${ordered.length === 1 ? 'y' : 'ies'}`;
  if (fresh === 0) {
    // Reposting every story the channel already has would read as news; one line says there is none.
    return {
      reply: {
        sections: [
          {
            blocks: [
              { type: 'text', text: `${title}: nothing new since the last digest here. /stories lists all ${count}.` },
            ],
          },
        ],
        kind: 'notice',
        data: { stories: [], hidden: 0, nothingNew: true },
      },
      included: [],
      fresh: 0,
      nothingNew: true,
    };
  }
  const hidden = ordered.length - shown.length;
  const written = options.tldrs ? shown.filter((i) => options.tldrs!.get(i.story.source)?.provenance).length : 0;
  const footer = [
    `${fresh} new or updated since the last digest here`,
    hidden ? `${hidden} more: /stories` : '',
    // With a model configured, the reader can tell which summaries it wrote; the rest are the articles' own sentences.
    options.tldrs ? `${written} of ${shown.length} summaries model-written and checked; the rest extractive` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    reply: {
      title: `${title}: ${count}`,
      sections: shown.map((item) => section(item, delivered, options.tldrs?.get(item.story.source))),
      footer,
      data: {
        stories: shown.map((i) =>
          i.group
            ? {
                id: i.group.id,
                title: i.group.title,
                source: i.group.files[0]!.source,
                freshness: i.freshness,
                articles: i.group.files.map((f) => f.source),
              }
            : { id: i.story.id, title: i.story.title, source: i.story.source, freshness: i.freshness },
        ),
        hidden,
      },
    },
    included: shown.flatMap((i) =>
      i.group
        ? i.group.files.map(({ source, hash }) => ({ source, hash }))
        : [{ source: i.story.source, hash: i.story.hash }],
    ),
    fresh,
    nothingNew: false,
  };
}
