import { defineCommand } from '../src/core/command.js';
import { sourceFooter, storyOption, withStory } from './shared.js';

export const timeline = defineCommand({
  name: 'timeline',
  description: 'The dated events in a story, in order',
  options: { story: storyOption },
  examples: ['/timeline'],
  run: ({ options, library }) =>
    withStory(library, options.story, (story) => {
      if (story.timeline.length === 0) {
        return { title: `Timeline: ${story.title}`, sections: [{ blocks: [{ type: 'text', text: 'This story mentions no dates.' }] }], footer: sourceFooter(story), kind: 'notice', data: { story: story.id, timeline: [] } };
      }
      const items = story.timeline.map((e) => `${e.date ?? `${e.phrase} (date not given)`}: ${e.text}`);
      return {
        title: `Timeline: ${story.title}`,
        sections: [{ blocks: [{ type: 'bullets', items }] }],
        footer: sourceFooter(story),
        data: { story: story.id, timeline: story.timeline },
      };
    }),
});
