// Which sentences are worth reading (tokenising) for a question: cheap substring tests on the folded text. Reading
// is most of the cost of an answer, and a story has fifty sentences, so only those that could cover the question
// are read. Every test here is conservative: a sentence it skips could never have passed `cover`.
import type { EntityGroup } from './index-story.js';
import { allowedMissing, sameTerm, synonymsOf, type QuestionTerms } from './relevance.js';
import { irregularForms } from './stem.js';
import { fold } from './terms.js';

/** A text folded as terms are (accents, case, dots inside initialisms and thousands separators gone). */
export const foldedText = fold;

/**
 * Substrings one of which is in the folded text of any word whose term is `term`, or is the same term by `sameTerm`:
 * a stem less a final y ("cit" for "cities") is the start of its word, a term that differs by up to three letters
 * shares its first length − 4, and irregular forms ("went" for "go") are listed.
 */
export function needles(term: string): string[] {
  const start = term.length <= 4 ? term.replace(/(?<=.)y$/, '') : term.slice(0, Math.max(4, term.length - 4));
  return [start, ...irregularForms(term)];
}

/** Needles of `term`, and of the names of the story's entities that a sentence could carry it in. */
function termNeedles(term: string, groups: readonly EntityGroup[]): string[] {
  const out = needles(term);
  for (const group of groups) {
    let has = false;
    for (const t of group.terms) if (sameTerm(t, term)) has = true;
    // A sentence naming the entity by any of its names carries all of its terms: one term of each name is enough.
    if (has)
      for (const seq of group.names)
        if (seq.length) out.push(...needles(seq.reduce((a, b) => (b.length > a.length ? b : a))));
  }
  return out;
}

/** For one story: whether a sentence's folded text could cover the question (see `cover` in relevance.ts). */
export function coverFilter(q: QuestionTerms, groups: readonly EntityGroup[]): (folded: string) => boolean {
  const words = q.words.map((w) => [w, ...synonymsOf(w)].flatMap((t) => termNeedles(t, groups)));
  const names = q.names.flatMap((n) => termNeedles(n, groups));
  const need = q.words.length - allowedMissing(q.words.length);
  return (folded) => {
    let present = 0;
    for (const list of words) if (list.some((n) => folded.includes(n))) present++;
    return present >= need && (present > 0 || names.some((n) => folded.includes(n)));
  };
}

/**
 * For one story: whether a sentence's folded text could hold every term of one of `wordings` (rank.ts's slots: a
 * term in the sentence, the same term by `sameTerm`, or a term of an entity the sentence names). A sentence it
 * rejects holds none of them.
 */
export function wordingsFilter(
  wordings: readonly (readonly string[])[],
  groups: readonly EntityGroup[],
): (folded: string) => boolean {
  const lists = wordings.map((wording) => wording.map((t) => termNeedles(t, groups)));
  return (folded) => lists.some((words) => words.every((list) => list.some((n) => folded.includes(n))));
}

/** Whether a sentence's folded text could hold a word whose term is one of the entity's (who.ts reads those). */
export function namingFilter(group: EntityGroup): (folded: string) => boolean {
  const list = [...group.terms].flatMap(needles);
  return (folded) => list.some((n) => folded.includes(n));
}

/** Whether a folded text holds any of `words` (lower-case letters) anywhere, as the start of a word or inside one. */
export function anyOfFilter(words: Iterable<string>): (folded: string) => boolean {
  const list = [...words];
  return (folded) => list.some((w) => folded.includes(w));
}
