import { defineCommand } from './services.js';
import type { Entity } from '../src/briefing/types.js';
import type { Section } from '../src/core/reply.js';
import { storyOption, urlOption, withArticle, articleFooter, articleOption } from './shared.js';

export const background = defineCommand({
  name: 'background',
  description: 'What came before and who is who, kept apart from the news',
  options: { story: storyOption, article: articleOption, url: urlOption },
  examples: ['/background'],
  run: (ctx) =>
    withArticle(ctx, (story, group, picked) => {
      const sections: Section[] = [];
      if (story.background.length) sections.push({ blocks: [{ type: 'bullets', items: story.background }] });
      else
        sections.push({ blocks: [{ type: 'text', text: 'This story gives no background beyond the news itself.' }] });
      const people = story.entities.people.slice(0, 6).map((p) => ({ name: p.name, value: whoIs(p) }));
      if (people.length) sections.push({ heading: 'Who is who', blocks: [{ type: 'fields', items: people }] });
      return {
        title: `Background: ${story.title}`,
        sections,
        footer: articleFooter(story, group, picked),
        data: { story: story.id, background: story.background, people },
      };
    }),
});

/** What the story says a person is; when it says nothing, that, plainly. Names met only in an embedded post say so. */
export function whoIs(p: Entity): string {
  const what = p.description ?? 'the story does not say who they are';
  return p.inPost ? `${what} (named only in an embedded post)` : what;
}
