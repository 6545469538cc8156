import { defineCommand } from './services.js';
import { articleLine, outletsOf, storyTitle, type Story } from '../src/stories/story-book.js';
import { storiesOf } from './shared.js';

/** A story of one article from one file reads as it always did; a bigger one says how many articles and who. */
function describe(story: Story): string {
  const lead = story.articles[0]!.briefing;
  const plain = story.articles.length === 1 && story.articles[0]!.sources.length === 1 && outletsOf(story).length === 0;
  return `id: ${story.id}${lead.date ? ` · ${lead.date}` : ''}${plain ? '' : ` · ${articleLine(story)}`}`;
}

export const stories = defineCommand({
  name: 'stories',
  description: 'The stories loaded, newest first, with their ids',
  options: {
    search: {
      type: 'string',
      description: 'Only stories whose title has these words',
      maxLength: 200,
      positional: 'rest',
      multiWord: true,
    },
  },
  examples: ['/stories', '/stories search:korea'],
  run: ({ options, library, stories: book }) => {
    const all = storiesOf({ library, stories: book });
    let list = all.list();
    if (options.search) {
      const hits = new Set(library.match(options.search, 100).map((b) => all.of(b.source)?.story));
      list = list.filter((s) => hits.has(s));
    }
    if (list.length === 0) {
      const text =
        library.size === 0
          ? 'No stories are loaded. Add .txt, .md or .html files to the seeds folder.'
          : `No story title matches "${options.search}".`;
      return {
        title: 'Stories',
        sections: [{ blocks: [{ type: 'text', text }] }],
        kind: 'notice',
        data: { stories: [] },
      };
    }
    return {
      title: `Stories (${list.length})`,
      sections: [
        { blocks: [{ type: 'fields', items: list.map((s) => ({ name: storyTitle(s), value: describe(s) })) }] },
      ],
      footer: 'Use story:<id> with any command, e.g. /summary story:<id>',
      data: {
        stories: list.map((s) => {
          const lead = s.articles[0]!.briefing;
          return { id: s.id, title: storyTitle(s), date: lead.date, source: lead.source, articles: articlesOf(s) };
        }),
      },
    };
  },
});

/** The articles of a story as the CLI prints them: one entry per source (a reprint is one article, two sources). */
export function articlesOf(
  story: Story,
): Array<{ article: string; source: string; url: string | null; outlet: string | null; published: string | null }> {
  return story.articles.flatMap((a) =>
    a.sources.map((s) => ({
      article: a.id,
      source: s.source,
      url: s.url ?? null,
      outlet: s.outlet ?? null,
      published: s.published !== undefined ? new Date(s.published).toISOString() : null,
    })),
  );
}
