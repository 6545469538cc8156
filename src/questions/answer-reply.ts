// Turns an Answer into the neutral Reply: the answer, then "Sources" naming each story and quoting the sentence.
// Every string is plain text built from the stories, never from the question, so a hostile question cannot add
// markup or a mention to the reply.
import type { Block, Reply } from '../core/reply.js';
import type { Answer } from './answer.js';

export const DECLINE = "That's not in my sources. Try /stories to see what I have.";

/** The `--json` shape: {"answer": string|null, "sources": [{"story": id, "sentence": string}]}. */
export interface AskData {
  answer: string | null;
  /** The short answer alone ("June 30, 2019"), or the cited sentence when the question allows no shorter one. */
  short?: string;
  sources: Array<{ story: string; sentence: string }>;
}

/**
 * How a cited article is named when it is one of several in a story ("AP, article <id> of story <id>"); undefined
 * (the default) names it as a story of its own, as a single-file story always was.
 */
export type CiteArticle = (briefing: Answer['sources'][number]['story']['briefing']) => string | undefined;

export function answerReply(answer: Answer, cite: CiteArticle = () => undefined): Reply {
  const data: AskData = {
    answer: answer.answer,
    ...(answer.answer === null ? {} : { short: answer.short ?? answer.sources[0]?.sentence ?? answer.answer }),
    sources: answer.sources.map((s) => ({ story: s.story.briefing.id, sentence: s.sentence })),
  };
  if (answer.answer === null) {
    return {
      title: 'Not in my sources',
      sections: [{ blocks: [{ type: 'text', text: DECLINE }] }],
      kind: 'notice',
      data,
    };
  }
  const lead: Block = answer.quotes.length
    ? {
        type: 'quotes',
        items: answer.quotes.map((q) => ({ text: q.text, speaker: q.speaker, ...(q.via ? { via: q.via } : {}) })),
      }
    : { type: 'text', text: answer.short ?? answer.sources[0]?.sentence ?? answer.answer };
  const stories = [...new Set(answer.sources.map((s) => s.story))];
  const sources: Block[] = stories.flatMap((story) => [
    {
      type: 'text' as const,
      text: `${story.briefing.title} (${cite(story.briefing) ?? `story ${story.briefing.id}`})`,
    },
    { type: 'bullets' as const, items: answer.sources.filter((s) => s.story === story).map((s) => s.sentence) },
  ]);
  return {
    title: 'Answer',
    sections: [{ blocks: [lead] }, { heading: 'Sources', blocks: sources }],
    footer:
      stories.length === 1
        ? `Source: ${stories[0]!.briefing.source} · story ${stories[0]!.briefing.id}`
        : `Sources: ${stories.length} stories`,
    data,
  };
}
