// What several story commands share: the `story` option, looking the story up, and the source footer.
import type { Briefing, Quote } from '../src/briefing/types.js';
import type { StringOption } from '../src/core/command.js';
import { errorReply, type QuoteItem, type Reply } from '../src/core/reply.js';
import type { LinkService } from '../src/feeds/service.js';
import type { Library } from '../src/library/library.js';

export const storyOption = {
  type: 'string',
  description: 'Story id or words of its title (default: the newest story)',
  autocomplete: 'story',
  maxLength: 200,
  positional: 'rest',
} as const satisfies StringOption;

export const urlOption = {
  type: 'string',
  description: 'A link to an article: it is fetched, briefed and added to the library',
  maxLength: 2000,
} as const satisfies StringOption;

const LINK = /^<?(https?:\/\/[^\s<>]+)>?$/i;

/**
 * Runs `render` on the story the caller meant, or explains which stories exist. A link in place of a story is
 * fetched through the link service first. A reply about a fetched article links back to the original.
 */
export function withStory(
  services: { library: Library; links?: LinkService },
  query: string | undefined,
  render: (story: Briefing) => Reply,
): Reply | Promise<Reply> {
  const { library, links } = services;
  const withLink = (story: Briefing): Reply => {
    const reply = render(story);
    const article = library.bySourcePath(story.source)?.article;
    return article && reply.kind !== 'error' ? { ...reply, link: article } : reply;
  };
  const link = query ? LINK.exec(query.trim())?.[1] : undefined;
  if (link) {
    if (!links) return errorReply('Links cannot be fetched here.', 'Name a story from /stories instead.');
    return links.open(link).then((opened) => (opened.ok ? withLink(opened.story) : errorReply(opened.message, 'Try another link, or a story from /stories.')));
  }
  const found = library.resolve(query);
  if (!found.ok) return errorReply(found.message);
  return withLink(found.story);
}

export function sourceFooter(story: Briefing): string {
  return `Source: ${story.source} · story ${story.id}`;
}

/**
 * A quote shown on its own: the comma or open ellipsis that joined it to "…, she said" is dropped, as newsrooms
 * do when they lift a quote. Everything else stays verbatim.
 */
export function quoteItem(q: Quote): QuoteItem {
  const text = q.text.replace(/[,;:]\s*$/, '').trim();
  return { text, speaker: q.speaker, ...(q.via ? { via: q.via } : {}) };
}

export function countWords(texts: string[]): number {
  return texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
}
