// For a story of several articles, the optional model synthesis: which outlet reported what. The model writes
// claims citing sentences numbered across the articles, checked like any other; the outlets a claim names are not
// the model's words but the labels of the articles its cited sentences come from.
import { fallbackWhy, provenanceLine } from '../llm/present.js';
import type { GroundedWriter, WriteFor } from '../llm/writer.js';
import { articleLabel } from './story-brief.js';
import type { Story } from './story-book.js';

/** Articles compared at most (the first reports, in order of arrival). */
const MAX_ARTICLES = 5;
const SENTENCES = 12;

export type Synthesis =
  { kind: 'model'; lines: string[]; provenance: string } | { kind: 'fallback'; line: string } | null;

/** Null for a story of one article (nothing to compare) or without prose. */
export async function synthesize(writer: GroundedWriter, story: Story, asker?: WriteFor): Promise<Synthesis> {
  const articles = story.articles.slice(0, MAX_ARTICLES).filter((a) => a.briefing.sentences.length > 0);
  if (articles.length < 2) return null;
  const reports = articles.map((a) => ({
    label: articleLabel(a),
    sentences: a.briefing.sentences.slice(0, SENTENCES).map((s) => s.text),
  }));
  // Sentence id (0-based, across the reports) → the article it comes from, and its number in that article.
  const owner = reports.flatMap((r, i) => r.sentences.map((_, n) => ({ report: i, number: n + 1 })));
  const fullText = articles
    .flatMap((a) => [...a.briefing.sentences.map((s) => s.text), ...a.briefing.socialPosts.map((p) => p.text)])
    .join('\n');
  const written = await writer.synthesis(
    reports,
    { fullText, quotes: articles.flatMap((a) => a.briefing.quotes) },
    asker,
  );
  if (written.kind === 'fallback')
    return {
      kind: 'fallback',
      line: `No comparison of the reports: the model's was not used (${fallbackWhy(written)}).`,
    };
  // "AP, Reuters: The bridge closed on Tuesday. [AP 1; Reuters 2]": the outlets come from the citations alone.
  const lines = written.claims.map((c) => {
    const cited = c.sentences.map((id) => owner[id]!);
    const outlets = [...new Set(cited.map((o) => reports[o.report]!.label))];
    return `${outlets.join(', ')}: ${c.text} [${cited.map((o) => `${reports[o.report]!.label} ${o.number}`).join('; ')}]`;
  });
  return { kind: 'model', lines, provenance: provenanceLine(written, 'comparison') };
}
