import { defineCommand } from './services.js';
import type { Section } from '../src/core/reply.js';
import { countWords, storyOption, urlOption, withArticle, articleFooter, articleOption } from './shared.js';

const KEY_POINTS = { short: 0, medium: 3, long: 8 } as const;

export const summary = defineCommand({
  name: 'summary',
  description: 'Summary of a story, short, medium or long, with how much was cut',
  options: {
    length: {
      type: 'string',
      description: 'How long: short, medium or long (default medium)',
      choices: ['short', 'medium', 'long'],
    },
    story: storyOption,
    article: articleOption,
    url: urlOption,
  },
  examples: ['/summary', '/summary length:long', '/summary length:short story:<id>'],
  run: (ctx) =>
    withArticle(ctx, (story, group, picked) => {
      const { options } = ctx;
      const length = options.length ?? 'medium';
      const tldr = story.summary.tldr;
      const points = story.summary.keyPoints.filter((p) => !tldr.includes(p)).slice(0, KEY_POINTS[length]);
      const sections: Section[] = [
        { blocks: [{ type: 'text', text: tldr || 'No summary could be made from this text.' }] },
      ];
      if (points.length) sections.push({ heading: 'Key points', blocks: [{ type: 'bullets', items: points }] });
      // The receipt, as autotldr gives one: how much of the original this reply spares the reader.
      const shown = countWords([tldr, ...points]);
      const cut = story.wordCount > 0 ? Math.max(0, Math.round((1 - shown / story.wordCount) * 100)) : 0;
      const receipt = `Original: ${story.wordCount} words · this summary: ${shown} words (${cut}% cut)`;
      return {
        title: story.title,
        sections,
        footer: `${receipt}\n${articleFooter(story, group, picked)}`,
        data: {
          story: story.id,
          length,
          tldr,
          keyPoints: points,
          receipt: { originalWords: story.wordCount, summaryWords: shown, cutPercent: cut },
        },
      };
    }),
});
