import type { Briefing } from '../src/briefing/types.js';
import { defineCommand } from './services.js';
import { storyOption, urlOption, withArticle, articleFooter, articleOption } from './shared.js';

/** One line per sentence: a sentence naming several dates is shown once, under all of them, at its earliest date's place. */
export function timelineItems(story: Briefing): string[] {
  const bySentence = new Map<string, string[]>();
  for (const e of story.timeline) {
    const label = e.date ?? `${e.phrase} (date not given)`;
    const labels = bySentence.get(e.text) ?? [];
    if (!labels.includes(label)) labels.push(label);
    bySentence.set(e.text, labels);
  }
  return [...bySentence].map(([text, labels]) => `${labels.join(', ')}: ${text}`);
}

export const timeline = defineCommand({
  name: 'timeline',
  description: 'The dated events in a story, in order',
  options: { story: storyOption, article: articleOption, url: urlOption },
  examples: ['/timeline'],
  run: (ctx) =>
    withArticle(ctx, (story, group, picked) => {
      if (story.timeline.length === 0) {
        return {
          title: `Timeline: ${story.title}`,
          sections: [{ blocks: [{ type: 'text', text: 'This story mentions no dates.' }] }],
          footer: articleFooter(story, group, picked),
          kind: 'notice',
          data: { story: story.id, timeline: [] },
        };
      }
      const items = timelineItems(story);
      return {
        title: `Timeline: ${story.title}`,
        sections: [{ blocks: [{ type: 'bullets', items }] }],
        footer: articleFooter(story, group, picked),
        data: { story: story.id, timeline: story.timeline },
      };
    }),
});
