// The pipeline: text in, Briefing out. Pure: no I/O, no clock, no chat.
import { createHash } from 'node:crypto';
import { cleanDocument } from './clean.js';
import { indexEntities, whosWho } from './entities.js';
import { LEXICON, type Lexicon } from './lexicon/lexicon.js';
import { extractQuotes } from './quotes.js';
import { splitSentences } from './sentences.js';
import { summarize } from './summary.js';
import { articleDate } from './text-dates.js';
import { extractTimeline } from './timeline.js';
import { deriveTitle } from './title.js';
import type { Briefing, DocumentInput } from './types.js';

export { deriveTitle };

export function slugify(text: string, max = 48): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+[^-]*$/, (tail) => (slug.length > max ? '' : tail)) || 'story';
}

// Publication stamps sit at the top; reading further would pick up dates from the story itself.
const HEAD_CHARS = 600;

/** The briefing's content hash: of the text alone, or of the text and the title, date, outlet and URL given with it. */
export function documentHash(input: DocumentInput): string {
  const hash = createHash('sha256').update(input.text);
  const meta = [input.title, input.date, input.outlet, input.url];
  if (meta.some((v) => v !== undefined)) hash.update(`\0${JSON.stringify(meta)}`);
  return hash.digest('hex');
}

export interface DeriveOptions {
  /** The word lists every stage reads (names, places, roles, speech verbs); the bundled one by default. */
  lexicon?: Lexicon;
}

export function deriveBriefing(input: DocumentInput, options: DeriveOptions = {}): Briefing {
  const lexicon = options.lexicon ?? LEXICON;
  const hash = documentHash(input);
  const doc = cleanDocument(input.text);
  const sentences = splitSentences(doc, { lexicon });
  // One entity index serves the briefing's entities and the quote stage's speakers, passed explicitly.
  const index = indexEntities(sentences, doc.socialPosts, lexicon);
  const quotes = extractQuotes(input.text, sentences, { index, lexicon });
  const entities = whosWho(index, new Set(quotes.map((q) => q.speaker)));
  const date = input.date ?? articleDate(input.text.slice(0, HEAD_CHARS));
  const { summary, background } = summarize(sentences, {
    year: date ? Number(date.slice(0, 4)) : null,
    context: doc.socialPosts.map((p) => p.date ?? ''),
  });
  const timeline = extractTimeline(sentences, date);
  const title = input.title ?? doc.headline?.text ?? deriveTitle(summary.tldr || sentences[0]?.text || input.source);
  return {
    id: `${slugify(title, 40)}-${hash.slice(0, 6)}`,
    title,
    source: input.source,
    hash,
    date,
    ...(input.outlet ? { outlet: input.outlet } : {}),
    ...(input.url ? { url: input.url } : {}),
    wordCount: sentences.reduce((n, s) => n + s.text.split(/\s+/).filter(Boolean).length, 0),
    summary,
    background,
    quotes,
    socialPosts: doc.socialPosts,
    entities,
    timeline,
    sentences,
  };
}
