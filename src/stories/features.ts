// What the story clusterer looks at in one article, taken from its Briefing: content terms, the names of
// people and organisations, places, the dates it names, and when it was published. Pure.
import type { Briefing, Entity } from '../briefing/types.js';
import { contentTerms, foldedKey } from '../questions/terms.js';

export interface ArticleFeatures {
  /** Content term → count (stemmed, stop words dropped), from the title and the prose. */
  terms: Map<string, number>;
  /** People and organisations: folded name → weight (mentions, damped). A person also counts under the surname. */
  names: Map<string, number>;
  /** Places: folded name → weight. */
  places: Map<string, number>;
  /**
   * Content terms of the headline and the first two sentences (→ count): what happened, in the words that name it
   * ("fired" or "hired", "arrested", "named"), where the rest of the text also tells the background.
   */
  lead: Map<string, number>;
  /** The surname of the person the article names most ("~lohan"), or null when it names nobody. */
  person: string | null;
  /** Full dates the article names or is dated ("2013-05-03"). */
  days: string[];
  /** The year the article is about: its own date's, else the commonest year of its timeline; null when none. */
  year: number | null;
  /** Publication time (ms since the epoch), when known. */
  published: number | null;
}

const URLISH = /https?:|www\.|\.\s?(?:com|org|net|co\.\s?uk)\b/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const nameKey = foldedKey;

function addNames(into: Map<string, number>, entities: Entity[], person: boolean): void {
  for (const e of entities) {
    const key = nameKey(e.name);
    if (key.length < 2) continue;
    const weight = Math.sqrt(e.mentions);
    into.set(key, (into.get(key) ?? 0) + weight);
    const parts = key.split(' ');
    // "Lohan" in one outlet is "Lindsay Lohan" in another.
    if (person && parts.length > 1) {
      const surname = `~${parts[parts.length - 1]}`;
      into.set(surname, (into.get(surname) ?? 0) + weight);
    }
  }
}

/**
 * The surname with the most weight, weighed as a story weighs its surnames (summed over the people who share one),
 * so a one-article story's person is its article's. Ties go to the first in key order.
 */
function topSurname(names: Map<string, number>): string | null {
  let person: string | null = null;
  let most = 0;
  for (const [k, w] of names) {
    if (k.startsWith('~') && (w > most || (w === most && person !== null && k < person))) [person, most] = [k, w];
  }
  return person;
}

/** `published` (ms) overrides the briefing's own date, which is only a day. */
export function articleFeatures(briefing: Briefing, published: number | null = null): ArticleFeatures {
  const terms = new Map<string, number>();
  // A URL printed in the text says where it was published, not what happened.
  const lines = [briefing.title, ...briefing.sentences.map((s) => s.text)].filter((line) => !URLISH.test(line));
  const count = (into: Map<string, number>, text: string) => {
    for (const term of contentTerms(text)) {
      if (term.length < 2) continue;
      into.set(term, (into.get(term) ?? 0) + 1);
    }
  };
  count(terms, lines.join('\n'));
  const lead = new Map<string, number>();
  // The title is often the first sentence itself: take it only when it is not.
  const first = lines.slice(0, 4).filter((line, i, all) => !(i === 0 && all[1]?.startsWith(line.replace(/…$/, ''))));
  count(lead, first.slice(0, 3).join('\n'));
  const names = new Map<string, number>();
  addNames(names, briefing.entities.people, true);
  addNames(names, briefing.entities.organizations, false);
  const places = new Map<string, number>();
  addNames(places, briefing.entities.places, false);
  const person = topSurname(names);

  const days = new Set<string>();
  const years = new Map<number, number>();
  if (briefing.date && DAY.test(briefing.date)) days.add(briefing.date);
  for (const entry of briefing.timeline) {
    if (!entry.date) continue;
    if (DAY.test(entry.date)) days.add(entry.date);
    const y = Number(entry.date.slice(0, 4));
    years.set(y, (years.get(y) ?? 0) + 1);
  }
  let year = briefing.date ? Number(briefing.date.slice(0, 4)) : null;
  if (year === null && years.size) year = [...years].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]![0];
  const own = briefing.date
    ? Date.parse(
        `${briefing.date.length === 4 ? `${briefing.date}-07-01` : briefing.date.length === 7 ? `${briefing.date}-15` : briefing.date}T12:00:00Z`,
      )
    : NaN;
  return {
    terms,
    names,
    places,
    lead,
    person,
    days: [...days].sort(),
    year,
    published: published ?? (Number.isFinite(own) ? own : null),
  };
}
