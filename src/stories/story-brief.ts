// What a story of several articles adds to one article's briefing: what later reports say that the first did
// not, and the quotes of all its articles, each once, with the outlets that carry it. Pure.
import type { Quote } from '../briefing/types.js';
import { contentTerms, fold } from '../questions/terms.js';
import type { Article, Story } from './story-book.js';

export interface NewPoint {
  text: string;
  /** The outlet (or file) of the article that brought it. */
  from: string;
  article: string;
}

export interface StoryQuote {
  quote: Quote;
  /** Outlets (or files, when no outlet is known) that carry the quote, in order of arrival. */
  carriedBy: string[];
}

/** The outlet of an article's first source, else its file name. */
export function articleLabel(article: Article): string {
  const s = article.sources[0]!;
  return s.outlet ?? s.source.split('/').pop() ?? s.source;
}

function labels(article: Article): string[] {
  return article.sources.map((s) => s.outlet ?? s.source.split('/').pop() ?? s.source);
}

function termSet(text: string): Set<string> {
  return new Set(contentTerms(text).filter((t) => t.length > 1));
}

/** Share of the sentence's terms that the other text has. */
function covered(terms: Set<string>, by: Set<string>): number {
  if (terms.size === 0) return 1;
  let hit = 0;
  for (const t of terms) if (by.has(t)) hit++;
  return hit / terms.size;
}

/**
 * For each later article, in order of arrival, its most important sentence that says something the earlier
 * reports do not (most of its terms unseen in them) and that is not already `shown`, at most `max` in all.
 */
export function newSinceFirst(story: Story, max = 3, shown = ''): NewPoint[] {
  const [first, ...later] = story.articles;
  if (!first) return [];
  const known = new Set<string>();
  for (const s of first.briefing.sentences) for (const t of termSet(s.text)) known.add(t);
  const out: NewPoint[] = [];
  for (const article of later) {
    if (out.length >= max) break;
    const b = article.briefing;
    const ranked = [b.summary.tldr, ...b.summary.keyPoints].filter(Boolean);
    const fresh = ranked
      .map((text) => ({ text, terms: termSet(text) }))
      .find((c) => c.terms.size >= 3 && covered(c.terms, known) < 0.6 && !shown.includes(c.text));
    if (fresh) out.push({ text: fresh.text, from: articleLabel(article), article: article.id });
    for (const s of b.sentences) for (const t of termSet(s.text)) known.add(t);
  }
  return out;
}

function quoteKey(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Every quote of the story once (the same words in two articles are one quote), with who carries it. */
export function storyQuotes(story: Story): StoryQuote[] {
  const byKey = new Map<string, StoryQuote>();
  for (const article of story.articles) {
    for (const quote of article.briefing.quotes) {
      const key = quoteKey(quote.text);
      if (!key) continue;
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { quote: { ...quote }, carriedBy: [] }));
      else if (!entry.quote.speaker && quote.speaker) entry.quote = { ...quote };
      for (const l of labels(article)) if (!entry.carriedBy.includes(l)) entry.carriedBy.push(l);
    }
  }
  return [...byKey.values()];
}
