// What a story of several articles adds to one article's briefing: what later reports say that the first did
// not, the quotes of all its articles, each once, with the outlets that carry it, and the numbers they disagree on.
// Pure.
import type { Quote } from '../briefing/types.js';
import { editDistance } from '../core/options.js';
import { contentTerms, fold, foldedKey } from '../questions/terms.js';
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

/** Every quote of the story once (the same words in two articles are one quote), with who carries it. */
export function storyQuotes(story: Story): StoryQuote[] {
  const byKey = new Map<string, StoryQuote>();
  for (const article of story.articles) {
    for (const quote of article.briefing.quotes) {
      const key = foldedKey(quote.text);
      if (!key) continue;
      let entry = byKey.get(key);
      if (!entry) byKey.set(key, (entry = { quote: { ...quote }, carriedBy: [] }));
      else if (!entry.quote.speaker && quote.speaker) entry.quote = { ...quote };
      for (const l of labels(article)) if (!entry.carriedBy.includes(l)) entry.carriedBy.push(l);
    }
  }
  return [...byKey.values()];
}

export interface Difference {
  /** The versions, in order of arrival: "at least 40 people" (AP), "52 people" (BBC). */
  versions: Array<{ text: string; outlets: string[] }>;
}

// "killing at least 40 people", "killed 52 people": the word before the number (past "at least" and the like),
// the number, and the word after it. The two words say what is counted; the number is what outlets may differ on.
const COUNTED =
  /(\p{L}+)\s+((?:(?:at least|more than|fewer than|less than|about|around|nearly|almost|some|over|up to)\s+)?(\d[\d,]*(?:\.\d+)?))\s+(\p{Ll}+)/gu;

/**
 * What a news story counts that outlets report differently as it develops: people, the dead and hurt, homes.
 * Other counts ("23 points", "150 metres") are usually of different things, and are left out.
 */
const COUNTED_NOUNS = new Set(
  contentTerms(
    'people persons dead deaths victims injured wounded casualties families homes houses buildings residents children adults soldiers troops civilians passengers students workers prisoners protesters officers migrants refugees patients cases survivors missing evacuees',
  ),
);

/**
 * Numbers the story's articles give for the same thing but not the same (a death toll of 40 in one, 52 in
 * another), each version with the outlets that give it, at most `max`. Years and a thing counted by one outlet
 * alone are not differences.
 */
export function numberDifferences(story: Story, max = 3): Difference[] {
  const byThing = new Map<string, Map<string, { text: string; outlets: string[] }>>();
  for (const article of story.articles) {
    for (const sentence of article.briefing.sentences) {
      for (const m of sentence.text.matchAll(COUNTED)) {
        const [, before, phrase, number, unit] = m as unknown as [string, string, string, string, string];
        if (/^(?:19|20)\d{2}$/.test(number)) continue;
        const verb = contentTerms(before)[0];
        const noun = contentTerms(unit)[0];
        if (!verb || !noun || !COUNTED_NOUNS.has(noun)) continue;
        const key = `${verb} ${noun}`;
        const value = number.replace(/,/g, '');
        let versions = byThing.get(key);
        if (!versions) byThing.set(key, (versions = new Map()));
        let version = versions.get(value);
        if (!version) versions.set(value, (version = { text: `${phrase} ${unit}`, outlets: [] }));
        for (const l of labels(article)) if (!version.outlets.includes(l)) version.outlets.push(l);
      }
    }
  }
  const out: Difference[] = [];
  for (const versions of byThing.values()) {
    if (versions.size < 2) continue;
    const all = [...versions.values()];
    // Differences between outlets, not one article's two figures.
    if (new Set(all.flatMap((v) => v.outlets)).size < 2) continue;
    out.push({ versions: all });
    if (out.length >= max) break;
  }
  return out;
}

/**
 * People the outlets spell differently ("Muammar Gaddafi" in one, "Moammar Qaddafi" in another): two names of
 * two words or more, from different outlets, a few letters apart and never both in one article (where they would
 * be two people). Each version with the outlets that write it, at most `max`.
 */
export function nameDifferences(story: Story, max = 2): Difference[] {
  const spellings = new Map<string, { text: string; outlets: string[]; articles: Set<string> }>();
  for (const article of story.articles) {
    for (const person of article.briefing.entities.people) {
      if (person.name.split(/\s+/).length < 2 || person.inPost) continue;
      const key = fold(person.name);
      let entry = spellings.get(key);
      if (!entry) spellings.set(key, (entry = { text: person.name, outlets: [], articles: new Set() }));
      entry.articles.add(article.id);
      for (const l of labels(article)) if (!entry.outlets.includes(l)) entry.outlets.push(l);
    }
  }
  const all = [...spellings.entries()];
  const out: Difference[] = [];
  for (let i = 0; i < all.length && out.length < max; i++) {
    for (let j = i + 1; j < all.length && out.length < max; j++) {
      const [ka, a] = all[i]!;
      const [kb, b] = all[j]!;
      if (Math.min(ka.length, kb.length) < 8 || [...a.articles].some((x) => b.articles.has(x))) continue;
      if (a.outlets.every((o) => b.outlets.includes(o)) && b.outlets.every((o) => a.outlets.includes(o))) continue;
      const d = editDistance(ka, kb);
      if (d >= 1 && d <= Math.min(3, Math.floor(Math.min(ka.length, kb.length) / 5)) && !sameWritten(ka, kb)) {
        out.push({ versions: [a, b].map(({ text, outlets }) => ({ text, outlets })) });
      }
    }
  }
  return out;
}

/**
 * Two forms of one name that are not spelled differently: one with a middle initial ("Dirk A. Kempthorne"), a
 * plural ("U. S. Marshals"), or a short first name of the same surname ("Lou Williams", "Dave Rossi").
 */
function sameWritten(a: string, b: string): boolean {
  const wa = a.replace(/\./g, ' ').split(/\s+/).filter(Boolean);
  const wb = b.replace(/\./g, ' ').split(/\s+/).filter(Boolean);
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (short.every((w) => long.includes(w))) return true;
  if (a === `${b}s` || b === `${a}s`) return true;
  return wa.at(-1) === wb.at(-1) && wa[0]!.slice(0, 3) === wb[0]!.slice(0, 3);
}
