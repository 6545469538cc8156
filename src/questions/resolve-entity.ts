// Finds the entity a question names ("Kim", "the Wall Street Journal", "the defector") among the stories' entities:
// by exact name or alias first, then by the words of its name, then by what the article says it is.
import { sameTerm } from './relevance.js';
import type { EntityGroup, IndexedStory, QuestionIndex } from './search-index.js';
import { tokenize } from './terms.js';

export interface EntityHit {
  story: IndexedStory;
  group: EntityGroup;
}

export function resolveEntity(index: QuestionIndex, subject: string, source?: string): readonly EntityHit[] {
  const named = index.entitiesNamed(subject);
  const exact = source ? named.filter((h) => h.story.briefing.source === source) : named;
  if (exact.length) return exact;
  const words = tokenize(subject).filter((t) => !t.stop);
  if (words.length === 0) return [];
  // Nearby stories only: the entities of sentences that share words with the subject.
  const seen = new Set<EntityGroup>();
  const byName: EntityHit[] = [];
  const byDescription: EntityHit[] = [];
  for (const hit of index.stories(subject, source ? { source } : {})) {
    for (const group of hit.story.groups) {
      if (seen.has(group)) continue;
      seen.add(group);
      if (words.every((w) => [...group.terms].some((t) => sameTerm(t, w.term))))
        byName.push({ story: hit.story, group });
      else if (
        group.entity.description &&
        describes(
          group.entity.description,
          words.map((w) => w.term),
        )
      ) {
        byDescription.push({ story: hit.story, group });
      }
    }
  }
  return rank(byName.length ? byName : byDescription);
}

/** "the defector" is described by "an ex-North Korean diplomat and “elite defector”". */
function describes(description: string, terms: string[]): boolean {
  const have = tokenize(description).map((t) => t.term);
  return terms.every((w) => have.some((t) => sameTerm(t, w)));
}

/** Most-mentioned first, then the newest story. */
function rank(hits: EntityHit[]): EntityHit[] {
  return [...hits].sort(
    (a, b) => b.group.entity.mentions - a.group.entity.mentions || b.story.addedAt - a.story.addedAt,
  );
}
