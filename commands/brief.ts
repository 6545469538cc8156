import { defineCommand } from './services.js';
import type { Section } from '../src/core/reply.js';
import { quoteItem, sourceFooter, storyOption, urlOption, withStory } from './shared.js';
import { timelineItems } from './timeline.js';

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const brief = defineCommand({
  name: 'brief',
  description: 'The briefing: the news in brief, key points, a quote, and what else to ask',
  options: { story: storyOption, url: urlOption },
  examples: ['/brief', '/brief story:north-korea'],
  run: ({ options, library, links }) =>
    withStory({ library, links }, options.url ?? options.story, (story) => {
      const sections: Section[] = [{ heading: 'In brief', blocks: [{ type: 'text', text: story.summary.tldr || 'No summary could be made from this text.' }] }];
      const tldr = story.summary.tldr;
      const points = story.summary.keyPoints.filter((p) => !tldr.includes(p)).slice(0, 3);
      if (points.length) sections.push({ heading: 'Key points', blocks: [{ type: 'bullets', items: points }] });
      // One attributed quote the reader has not just seen in the points above; direct speech first.
      const shown = [tldr, ...points].join(' ');
      const fresh = story.quotes.filter((q) => q.speaker && !shown.includes(q.text));
      const quote = fresh.find((q) => q.kind === 'direct') ?? fresh[0];
      if (quote) sections.push({ heading: 'Quote', blocks: [{ type: 'quotes', items: [quoteItem(quote)] }] });
      const more = [
        `/summary for more`,
        story.quotes.length ? `/quotes (${story.quotes.length})` : '',
        story.background.length ? `/background (${story.background.length})` : '',
        // The count is what /timeline shows: one line per dated sentence.
        story.timeline.length ? `/timeline (${counted(timelineItems(story).length, 'event', 'events')})` : '',
        `/ask a question`,
      ].filter(Boolean);
      sections.push({ heading: 'More', blocks: [{ type: 'text', text: more.join(' · ') }] });
      return { title: story.title, sections, footer: sourceFooter(story), data: { story: story.id, tldr, keyPoints: points, quote: quote ?? null } };
    }),
});
