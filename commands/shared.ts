// What several story commands share: the `story` option, looking the story up, and the source footer.
import { liftQuote } from '../src/briefing/quote-lift.js';
import type { Briefing, Quote } from '../src/briefing/types.js';
import type { Caller } from '../src/core/caller.js';
import type { StringOption } from '../src/core/command.js';
import { errorReply, type QuoteItem, type Reply, type Section } from '../src/core/reply.js';
import { articleLine, StoryBook, storyTitle, type Article, type Story } from '../src/stories/story-book.js';
import type { Services } from './services.js';

export const storyOption = {
  type: 'string',
  description: 'Story id or words of its title (default: the newest story)',
  autocomplete: 'story',
  maxLength: 200,
  positional: 'rest',
  multiWord: true,
} as const satisfies StringOption;

export const articleOption = {
  type: 'string',
  description: 'One article of the story: its id, its number (1 is the first report) or its outlet',
  maxLength: 200,
  multiWord: true,
} as const satisfies StringOption;

export const urlOption = {
  type: 'string',
  description: 'A link to an article: it is fetched, briefed and added to the library',
  maxLength: 2000,
} as const satisfies StringOption;

const LINK = /^<?(https?:\/\/[^\s<>]+)>?$/i;

/** The stories of the library: the app's story book, or (when none is wired) one story per article. */
export function storiesOf(services: Pick<Services, 'library' | 'stories'>): StoryBook {
  return services.stories?.() ?? new StoryBook(services.library, { cluster: false });
}

/** What a story command's handler is given that `withArticle` reads: the services, the caller, the story options. */
export type ArticleContext = Pick<Services, 'library' | 'stories' | 'links' | 'linkRate'> & {
  caller: Caller;
  options: { story?: string; url?: string; article?: string };
};

/**
 * Runs `render` on the story named by `url:` or `story:` (or `query`) and the article the caller meant (`article:`,
 * by default the story's most complete one), or explains which stories exist. A link in place of a story is fetched
 * through the link service first (within the channel's link allowance), and joins the library (and so its story);
 * a reply about a fetched article links back to the original.
 */
export function withArticle(
  services: ArticleContext,
  render: (article: Briefing, story: Story, picked: Article) => Reply | Promise<Reply>,
  query: string | undefined = services.options.url ?? services.options.story,
): Reply | Promise<Reply> {
  const article = services.options.article;
  const { library, links } = services;
  const pick = (q: string | undefined): Reply | Promise<Reply> => {
    const found = storiesOf(services).resolve(q, article);
    if (!found.ok) return errorReply(found.message);
    const rendered = render(found.briefing, found.story, found.article);
    const fetched = library.bySourcePath(found.briefing.source)?.article;
    const others = found.others;
    const finish = (r: Reply): Reply => {
      if (r.kind === 'error') return r;
      const listed = others ? { ...r, sections: [othersSection(others), ...r.sections] } : r;
      return fetched ? { ...listed, link: fetched } : listed;
    };
    return rendered instanceof Promise ? rendered.then(finish) : finish(rendered);
  };
  const link = query ? LINK.exec(query.trim())?.[1] : undefined;
  if (!link) return pick(query);
  if (!links) return errorReply('Links cannot be fetched here.', 'Name a story from /stories instead.');
  const rate = services.linkRate;
  if (rate && !rate.take(services.caller.channelId))
    return errorReply(
      `This channel has had ${rate.perHour} links read in the last hour, the most it may.`,
      'Try again later, or name a story from /stories.',
    );
  return links
    .open(link)
    .then((opened) =>
      opened.ok ? pick(opened.story.id) : errorReply(opened.message, 'Try another link, or a story from /stories.'),
    );
}

/** "3 stories match; showing the newest", with the others listed so the caller can pick one. */
export function othersSection(others: readonly Story[]): Section {
  const shown = others.slice(0, OTHERS_LISTED);
  const more = others.length - shown.length;
  return {
    blocks: [
      {
        type: 'text',
        text: `${others.length + 1} stories match; showing the newest. The others (pick one with story:<id>):`,
      },
      {
        type: 'bullets',
        items: [
          ...shown.map((s) => `${storyTitle(s)} (id: ${s.id})`),
          ...(more > 0 ? [`…and ${more} more: see /stories`] : []),
        ],
      },
    ],
  };
}

const OTHERS_LISTED = 5;

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

/** The file, and the outlet and address when the document states them (front matter, a saved page's metadata). */
export function sourceFooter(story: Briefing): string {
  const origin = [story.outlet, story.url].filter(Boolean).join(', ');
  return `Source: ${origin ? `${origin} (${story.source})` : story.source} · story ${story.id}`;
}

/** A quote shown on its own, lifted as liftQuote says (its joining comma dropped). */
export function quoteItem(q: Pick<Quote, 'text' | 'speaker' | 'via'>): QuoteItem {
  return { text: liftQuote(q.text), speaker: q.speaker, ...(q.via ? { via: q.via } : {}) };
}

export function countWords(texts: string[]): number {
  return texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
}
