import { defineCommand } from './services.js';
import type { Briefing, Quote } from '../src/briefing/types.js';
import { speakerKeysOf } from '../src/cache/stored-briefing.js';
import { quoteItem, storyOption, urlOption, withArticle, articleFooter, articleOption } from './shared.js';

/** A speaker filter matches the name, any alias of it, or a word of it ("Kim" finds "Kim Jong-un"). */
function speakerMatches(story: Briefing, quote: Quote, filter: string): boolean {
  if (!quote.speaker) return false;
  const want = filter.toLowerCase();
  const person = story.entities.people.find((p) => p.name === quote.speaker);
  const names = [quote.speaker, ...(person?.aliases ?? [])].map((n) => n.toLowerCase());
  return names.some((n) => n === want || n.split(/[\s-]+/).includes(want) || n.includes(want));
}

export const quotes = defineCommand({
  name: 'quotes',
  description: 'Quotes from a story with who said them, optionally from one speaker',
  options: {
    speaker: {
      type: 'string',
      description: 'Only quotes from this person (a name or part of it)',
      maxLength: 100,
      multiWord: true,
    },
    story: storyOption,
    article: articleOption,
    url: urlOption,
  },
  examples: ['/quotes', '/quotes speaker:Kim'],
  run: (ctx) => {
    const { options, library } = ctx;
    // A speaker with no story named: the newest story that quotes them, not just the newest story.
    const named = options.url ?? options.story;
    const quoting = !named && options.speaker ? storyQuoting(library.briefings(), options.speaker) : undefined;
    return withArticle(
      ctx,
      (story, group, picked) => {
        const chosen = options.speaker
          ? story.quotes.filter((q) => speakerMatches(story, q, options.speaker!))
          : story.quotes;
        if (chosen.length === 0) {
          const speakers = [...new Set(story.quotes.map((q) => q.speaker).filter((s): s is string => Boolean(s)))];
          const where = named ? 'in this story' : 'in any loaded story';
          const text = options.speaker
            ? `No quotes from "${options.speaker}" ${where}.${speakers.length ? ` Speakers quoted here: ${speakers.join(', ')}.` : ''}`
            : 'This story has no quotations.';
          return {
            title: story.title,
            sections: [{ blocks: [{ type: 'text', text }] }],
            footer: articleFooter(story, group, picked),
            kind: 'notice',
            data: { story: story.id, quotes: [] },
          };
        }
        return {
          title: options.speaker ? `Quotes from ${options.speaker}: ${story.title}` : `Quotes: ${story.title}`,
          sections: [
            {
              blocks: [
                {
                  type: 'quotes',
                  items: chosen.map(quoteItem),
                },
              ],
            },
          ],
          footer: articleFooter(story, group, picked),
          data: {
            story: story.id,
            quotes: chosen.map(({ text, speaker, kind, via }) => ({ text, speaker, kind, via: via ?? null })),
          },
        };
      },
      named ?? quoting,
    );
  },
});

/**
 * The id of the newest story with a quote from `speaker`, if any: a story quotes them when one of its speakers'
 * names or aliases holds the filter (as `speakerMatches` has it), which a stored briefing's head knows unread.
 */
function storyQuoting(briefings: readonly Briefing[], speaker: string): string | undefined {
  const want = speaker.toLowerCase();
  return briefings.find((b) => speakerKeysOf(b).some((key) => key.includes(want)))?.id;
}
