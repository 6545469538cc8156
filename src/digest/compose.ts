// The digest: one neutral Reply per channel, one section per story, new and updated stories first. Sections are
// whole units, so an adapter that must split a long digest can continue in a second message between stories.
import type { Briefing } from '../briefing/types.js';
import type { Reply, Section } from '../core/reply.js';
import type { Story } from '../library/library.js';

export interface DeliveredStory {
  source: string;
  hash: string;
}

export type Freshness = 'new' | 'updated' | 'seen';

export interface DigestItem {
  story: Briefing;
  freshness: Freshness;
}

export interface Digest {
  reply: Reply;
  /** The stories the digest carries, to record as delivered once it is posted. */
  included: DeliveredStory[];
  fresh: number;
}

export interface ComposeOptions {
  /** Stories shown at most; the rest are counted in the footer (new ones always come first). */
  maxStories?: number;
  /** "Daily digest", "Digest preview" … */
  title?: string;
}

export const DEFAULT_MAX_STORIES = 15;

/** New (never sent here), updated (sent, but the file changed since), then the rest; newest first in each group. */
export function orderForDigest(stories: readonly Story[], delivered: ReadonlyMap<string, string>): DigestItem[] {
  const rank: Record<Freshness, number> = { new: 0, updated: 1, seen: 2 };
  const items = stories.map((s, index) => {
    const sentHash = delivered.get(s.briefing.source);
    const freshness: Freshness = sentHash === undefined ? 'new' : sentHash === s.briefing.hash ? 'seen' : 'updated';
    return { story: s.briefing, freshness, index };
  });
  // Library order is newest first already; a stable sort by rank keeps it inside each group.
  return items.sort((a, b) => rank[a.freshness] - rank[b.freshness] || a.index - b.index).map(({ story, freshness }) => ({ story, freshness }));
}

/** The first key point that says something the tldr does not already say. */
export function topKeyPoint(story: Briefing): string | undefined {
  const tldr = normalise(story.summary.tldr);
  return story.summary.keyPoints.find((p) => p.trim() && !tldr.includes(normalise(p)));
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function section(item: DigestItem): Section {
  const { story, freshness } = item;
  const mark = freshness === 'new' ? 'New: ' : freshness === 'updated' ? 'Updated: ' : '';
  const point = topKeyPoint(story);
  return {
    heading: `${mark}${story.title}`,
    blocks: [
      { type: 'text', text: story.summary.tldr || 'No summary could be made of this story.' },
      ...(point ? [{ type: 'bullets' as const, items: [point] }] : []),
      { type: 'text', text: `More: /brief story:${story.id}` },
    ],
  };
}

export function composeDigest(stories: readonly Story[], delivered: ReadonlyMap<string, string>, options: ComposeOptions = {}): Digest {
  const max = Math.max(1, options.maxStories ?? DEFAULT_MAX_STORIES);
  const ordered = orderForDigest(stories, delivered);
  const shown = ordered.slice(0, max);
  const fresh = ordered.filter((i) => i.freshness !== 'seen').length;
  const title = options.title ?? 'News digest';
  if (shown.length === 0) {
    return {
      reply: { title, sections: [{ blocks: [{ type: 'text', text: 'No stories are loaded yet. Add .txt, .md or .html files to the seeds folder.' }] }], kind: 'notice', data: { stories: [] } },
      included: [],
      fresh: 0,
    };
  }
  const count = `${ordered.length} stor${ordered.length === 1 ? 'y' : 'ies'}`;
  const hidden = ordered.length - shown.length;
  const footer = [
    fresh ? `${fresh} new or updated since the last digest here` : 'Nothing new since the last digest here',
    hidden ? `${hidden} more: /stories` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    reply: {
      title: `${title}: ${count}`,
      sections: shown.map(section),
      footer,
      data: { stories: shown.map((i) => ({ id: i.story.id, title: i.story.title, source: i.story.source, freshness: i.freshness })), hidden },
    },
    included: shown.map((i) => ({ source: i.story.source, hash: i.story.hash })),
    fresh,
  };
}
