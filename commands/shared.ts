// What several story commands share: the `story` option, looking the story up, and the source footer.
import type { Briefing, Quote } from '../src/briefing/types.js';
import type { StringOption } from '../src/core/command.js';
import { errorReply, type QuoteItem, type Reply } from '../src/core/reply.js';
import type { Library } from '../src/library/library.js';
import { articleLine, StoryBook, type Article, type Story } from '../src/stories/story-book.js';
import type { Services } from './services.js';

export const storyOption = {
  type: 'string',
  description: 'Story id or words of its title (default: the newest story)',
  autocomplete: 'story',
  maxLength: 200,
  positional: 'rest',
} as const satisfies StringOption;

export const articleOption = {
  type: 'string',
  description: 'One article of the story: its id, its number (1 is the first report) or its outlet',
  maxLength: 200,
} as const satisfies StringOption;

/** The stories of the library: the app's story book, or (when none is wired) one story per article. */
export function storiesOf(services: Pick<Services, 'library' | 'stories'>): StoryBook {
  return services.stories?.() ?? new StoryBook(services.library, { cluster: false });
}

/**
 * Runs `render` on the article the caller meant (by default the story's most complete one) and its story, or
 * explains which stories exist.
 */
export function withArticle(
  services: Pick<Services, 'library' | 'stories'>,
  query: string | undefined,
  article: string | undefined,
  render: (article: Briefing, story: Story, picked: Article) => Reply,
): Reply {
  const found = storiesOf(services).resolve(query, article);
  if (!found.ok) return errorReply(found.message);
  return render(found.article.briefing, found.story, found.article);
}

/** The source footer; a story of several articles (or sources) also says which article this is and what else there is. */
export function articleFooter(briefing: Briefing, story: Story, picked: Article): string {
  const base = sourceFooter(briefing);
  if (story.articles.length === 1 && picked.sources.length === 1) return base;
  const also = picked.sources.slice(1).map((s) => s.outlet ?? s.source);
  const n = story.articles.indexOf(picked) + 1;
  return [
    story.id === briefing.id ? base : `${base} · part of story ${story.id}`,
    also.length ? `Also carried by: ${also.join(', ')}` : '',
    story.articles.length > 1 ? `Article ${n} of ${articleLine(story)} · pick one with article:<number>` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

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
