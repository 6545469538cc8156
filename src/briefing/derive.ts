// The pipeline: text in, Briefing out. Pure: no I/O, no clock, no chat.
import { createHash } from 'node:crypto';
import { cleanDocument } from './clean.js';
import { extractEntities } from './entities.js';
import { extractQuotes } from './quotes.js';
import { splitSentences } from './sentences.js';
import { summarize } from './summary.js';
import { extractTimeline } from './timeline.js';
import type { Briefing, DocumentInput } from './types.js';

export function slugify(text: string, max = 48): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, max).replace(/-+[^-]*$/, (tail) => (slug.length > max ? '' : tail)) || 'story';
}

export function deriveBriefing(input: DocumentInput): Briefing {
  const hash = createHash('sha256').update(input.text).digest('hex');
  const doc = cleanDocument(input.text);
  const sentences = splitSentences(doc);
  const entities = extractEntities(sentences);
  const quotes = extractQuotes(input.text, sentences, entities);
  const { summary, background } = summarize(sentences);
  const timeline = extractTimeline(sentences, null);
  const title = deriveTitle(sentences[0]?.text ?? input.source);
  return {
    id: `${slugify(title, 40)}-${hash.slice(0, 6)}`,
    title,
    source: input.source,
    hash,
    date: null,
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

function deriveTitle(first: string): string {
  const words = first.split(/\s+/).slice(0, 12).join(' ');
  return words.length < first.length ? `${words.replace(/[,;:]$/, '')}…` : first;
}
