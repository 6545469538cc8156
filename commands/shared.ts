// What several story commands share: the `story` option, looking the story up, and the source footer.
import type { Briefing, Quote } from '../src/briefing/types.js';
import type { StringOption } from '../src/core/command.js';
import { errorReply, type QuoteItem, type Reply } from '../src/core/reply.js';
import type { Library } from '../src/library/library.js';

export const storyOption = {
  type: 'string',
  description: 'Story id or words of its title (default: the newest story)',
  autocomplete: 'story',
  maxLength: 200,
  positional: 'rest',
} as const satisfies StringOption;

/** Runs `render` on the story the caller meant, or explains which stories exist. */
export function withStory(library: Library, query: string | undefined, render: (story: Briefing) => Reply): Reply {
  const found = library.resolve(query);
  if (!found.ok) return errorReply(found.message);
  return render(found.story);
}

/** The file, and the outlet and address when the document states them (front matter, a saved page's metadata). */
export function sourceFooter(story: Briefing): string {
  const origin = [story.outlet, story.url].filter(Boolean).join(', ');
  return `Source: ${origin ? `${origin} (${story.source})` : story.source} · story ${story.id}`;
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
