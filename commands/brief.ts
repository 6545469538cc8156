import { defineCommand } from './services.js';
import type { Briefing } from '../src/briefing/types.js';
import type { Block, Reply, Section } from '../src/core/reply.js';
import { chooseTldr, type ShownTldr } from '../src/llm/tldr.js';
import { synthesize, type Synthesis } from '../src/stories/story-synthesis.js';
import { articleLine, mostComplete, storyTitle, type Article, type Story } from '../src/stories/story-book.js';
import { nameDifferences, newSinceFirst, numberDifferences, storyQuotes } from '../src/stories/story-brief.js';
import { articleFooter, articleOption, quoteItem, storyOption, urlOption, withArticle } from './shared.js';
import { timelineItems } from './timeline.js';

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const STORY_QUOTES = 5;

function moreLine(story: Briefing, quotes: number, extra: string[] = []): Section {
  const more = [
    `/summary for more`,
    quotes ? `/quotes (${quotes})` : '',
    story.background.length ? `/background (${story.background.length})` : '',
    // The count is what /timeline shows: one line per dated sentence.
    story.timeline.length ? `/timeline (${counted(timelineItems(story).length, 'event', 'events')})` : '',
    `/ask a question`,
    ...extra,
  ].filter(Boolean);
  return { heading: 'More', blocks: [{ type: 'text', text: more.join(' · ') }] };
}

/** "In brief": the tldr, and when the model wrote it, who did and the sentences it was checked against. */
function inBrief(tldr: ShownTldr): Section[] {
  const blocks: Block[] = [{ type: 'text', text: tldr.text || 'No summary could be made from this text.' }];
  if (tldr.provenance) blocks.push({ type: 'text', text: tldr.provenance });
  const sections: Section[] = [{ heading: 'In brief', blocks }];
  if (tldr.cited.length)
    sections.push({ heading: 'Checked against', blocks: [{ type: 'bullets', items: tldr.cited }] });
  return sections;
}

const withFallback = (footer: string, tldr: ShownTldr) => (tldr.fallback ? `${footer}\n${tldr.fallback}` : footer);

/** One article: the briefing as it has always been (the tldr perhaps the model's, checked). */
function briefArticle(story: Briefing, footer: string, shownTldr: ShownTldr): Reply {
  const sections = inBrief(shownTldr);
  const tldr = shownTldr.text;
  const points = story.summary.keyPoints
    .filter((p) => !tldr.includes(p) && !story.summary.tldr.includes(p))
    .slice(0, 3);
  if (points.length) sections.push({ heading: 'Key points', blocks: [{ type: 'bullets', items: points }] });
  // One attributed quote the reader has not just seen in the points above; direct speech first.
  const shown = [tldr, ...points].join(' ');
  const fresh = story.quotes.filter((q) => q.speaker && !shown.includes(q.text));
  const quote = fresh.find((q) => q.kind === 'direct') ?? fresh[0];
  if (quote) sections.push({ heading: 'Quote', blocks: [{ type: 'quotes', items: [quoteItem(quote)] }] });
  sections.push(moreLine(story, story.quotes.length));
  return {
    title: story.title,
    sections,
    footer: withFallback(footer, shownTldr),
    data: {
      story: story.id,
      tldr,
      keyPoints: points,
      quote: quote ?? null,
      ...(shownTldr.data.by === 'extractive' && !('fallback' in shownTldr.data) ? {} : { tldrBy: shownTldr.data }),
    },
  };
}

/** A story of several articles: the most complete one's tldr, what later reports added, and every quote once. */
function briefStory(lead: Briefing, group: Story, shownTldr: ShownTldr, synthesis: Synthesis = null): Reply {
  const tldr = shownTldr.text;
  const sections = inBrief(shownTldr);
  if (synthesis?.kind === 'model')
    sections.push({
      heading: 'Across outlets',
      blocks: [
        { type: 'bullets', items: synthesis.lines },
        { type: 'text', text: synthesis.provenance },
      ],
    });
  const points = lead.summary.keyPoints.filter((p) => !tldr.includes(p) && !lead.summary.tldr.includes(p)).slice(0, 3);
  if (points.length) sections.push({ heading: 'Key points', blocks: [{ type: 'bullets', items: points }] });
  // With a model tldr, the extractive one still counts as shown: its sentences are what the model's rests on.
  const added = newSinceFirst(group, 3, [tldr, lead.summary.tldr, ...points].join(' '));
  if (added.length)
    sections.push({
      heading: 'New since the first report',
      blocks: [{ type: 'bullets', items: added.map((p) => `${p.from}: ${p.text}`) }],
    });
  const differ = [...numberDifferences(group), ...nameDifferences(group)];
  if (differ.length)
    sections.push({
      heading: 'Where outlets differ',
      blocks: [
        {
          type: 'bullets',
          items: differ.map((d) => d.versions.map((v) => `${v.text} (${v.outlets.join(', ')})`).join(' · ')),
        },
      ],
    });
  const quotes = storyQuotes(group);
  const attributed = quotes.filter((q) => q.quote.speaker);
  const shown = [
    ...attributed.filter((q) => q.quote.kind === 'direct'),
    ...attributed.filter((q) => q.quote.kind !== 'direct'),
  ].slice(0, STORY_QUOTES);
  if (shown.length) {
    sections.push({
      heading: shown.length < quotes.length ? `Quotes (${shown.length} of ${quotes.length})` : 'Quotes',
      blocks: [
        {
          type: 'quotes',
          items: shown.map((q) => ({
            ...quoteItem(q.quote),
            via: [q.quote.via, ...q.carriedBy].filter(Boolean).join(', '),
          })),
        },
      ],
    });
  }
  // /quotes on the story shows its most complete article's quotes, so that is the count its pointer gives.
  sections.push(moreLine(lead, lead.quotes.length, ['/summary article:<number> for one article']));
  const list = group.articles.map(
    (a: Article, i) => `${i + 1}. ${a.briefing.title} (${a.sources.map((s) => s.outlet ?? s.source).join(', ')})`,
  );
  sections.push({ heading: articleLine(group), blocks: [{ type: 'bullets', items: list }] });
  return {
    title: storyTitle(group),
    sections,
    footer: [
      withFallback(`Story ${group.id} · ${articleLine(group)} · in brief from ${lead.source}`, shownTldr),
      synthesis?.kind === 'fallback' ? synthesis.line : '',
    ]
      .filter(Boolean)
      .join('\n'),
    data: {
      story: group.id,
      tldr,
      ...(shownTldr.data.by === 'extractive' && !('fallback' in shownTldr.data) ? {} : { tldrBy: shownTldr.data }),
      keyPoints: points,
      tldrFrom: lead.id,
      newSinceFirst: added,
      differences: differ,
      quotes: quotes.map((q) => ({
        text: q.quote.text,
        speaker: q.quote.speaker,
        kind: q.quote.kind,
        carriedBy: q.carriedBy,
      })),
      articles: group.articles.map((a) => ({ id: a.id, title: a.briefing.title, sources: a.sources })),
    },
  };
}

export const brief = defineCommand({
  name: 'brief',
  description: 'The briefing: the news in brief, key points, a quote, and what else to ask',
  options: { story: storyOption, article: articleOption, url: urlOption },
  examples: ['/brief', '/brief story:north-korea'],
  run: (ctx) =>
    withArticle(ctx, (story, group, picked) => {
      const { options, model, caller } = ctx;
      const whole = group.articles.length > 1 && !options.article;
      const lead = whole ? mostComplete(group).briefing : story;
      const asker = { channel: caller.channelId };
      // Without a model this stays synchronous and unchanged; with one, the adapters have already deferred.
      const tldr = chooseTldr(model, lead, asker);
      if (!(tldr instanceof Promise))
        return whole ? briefStory(lead, group, tldr) : briefArticle(story, articleFooter(story, group, picked), tldr);
      if (!whole || !model) return tldr.then((t) => briefArticle(story, articleFooter(story, group, picked), t));
      // A story of several articles: its tldr and the comparison of its reports are written side by side.
      return Promise.all([tldr, synthesize(model, group, asker)]).then(([t, s]) => briefStory(lead, group, t, s));
    }),
});
