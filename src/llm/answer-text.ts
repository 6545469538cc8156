// /ask with the model layer: a short prose answer written only from the sentences the QA pipeline retrieved, checked
// like a tldr. A declined question is never sent; a fallback keeps the extractive answer and says why.
import type { Reply } from '../core/reply.js';
import type { Answer } from '../questions/answer.js';
import { citedText, fallbackLine, provenanceLine } from './present.js';
import type { GroundedWriter, WriteFor, Written } from './writer.js';

/** The retrieved sentences, once each, in the order the answer cites them. */
export function retrievedSentences(answer: Answer): string[] {
  return [...new Set(answer.sources.map((s) => s.sentence).filter(Boolean))];
}

/** The model's answer, or null when there is nothing to write from (a decline, or a story without prose). */
export async function writeAnswer(
  writer: GroundedWriter,
  question: string,
  answer: Answer,
  asker?: WriteFor,
): Promise<Written | null> {
  const sentences = retrievedSentences(answer);
  if (answer.answer === null || sentences.length === 0) return null;
  const stories = [...new Set(answer.sources.map((s) => s.story.briefing))];
  const fullText = stories
    .flatMap((b) => [...b.sentences.map((s) => s.text), ...b.socialPosts.map((p) => p.text)])
    .join('\n');
  return writer.answer(question, sentences, { fullText, quotes: stories.flatMap((b) => b.quotes) }, asker);
}

/** The extractive reply with the model's answer in front (its sentences numbered in Sources), or with why not. */
export function withWrittenAnswer(reply: Reply, answer: Answer, written: Written): Reply {
  if (written.kind === 'fallback') {
    const line = fallbackLine(written, 'answer');
    return {
      ...reply,
      footer: reply.footer ? `${reply.footer}\n${line}` : line,
      data: { ...(reply.data as object), answeredBy: { by: 'extractive', fallback: written.reason } },
    };
  }
  const sentences = retrievedSentences(answer);
  const number = (text: string) => sentences.indexOf(text) + 1;
  const [lead, ...rest] = reply.sections;
  // The article's own quotes stay beside the model's words; a one-line extractive answer gives way to them.
  const quotes = lead?.blocks.filter((b) => b.type === 'quotes') ?? [];
  const sources = rest.map((section) =>
    section.heading === 'Sources'
      ? {
          ...section,
          blocks: section.blocks.map((b) =>
            b.type === 'bullets' ? { ...b, items: b.items.map((t) => (number(t) > 0 ? `[${number(t)}] ${t}` : t)) } : b,
          ),
        }
      : section,
  );
  return {
    ...reply,
    sections: [
      {
        blocks: [
          { type: 'text', text: citedText(written) },
          { type: 'text', text: provenanceLine(written, 'answer') },
          ...quotes,
        ],
      },
      ...sources,
    ],
    data: {
      ...(reply.data as object),
      prose: written.text,
      answeredBy: {
        by: 'model',
        model: written.model,
        sentences: written.cited.map((i) => i + 1),
        dropped: written.dropped.length,
      },
    },
  };
}
