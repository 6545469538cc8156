// Getting ready to answer: the question index, and one question of every shape asked of the stories themselves,
// through the same pipeline /ask uses.
// JavaScript compiles a function on its first call, so the first "when" question after a restart cost 40 ms where
// the next costs 3; asking them here moves that cost into start-up, where nobody waits on it.
import type { Library } from '../library/library.js';
import { ask } from './qa/ask.js';
import { nounChunks } from './qa/noun-chunks.js';
import { answerReply } from './answer-reply.js';
import type { QuestionIndex } from './search-index.js';

/** Primes every answer shape on the library's question index; returns the index. */
export function readyToAnswer(index: QuestionIndex, library: Library): QuestionIndex {
  for (const question of primingQuestions(library)) {
    try {
      answerReply(ask(index, question));
    } catch {
      // Priming only saves time: a story that trips an answer must not stop start-up (a user's /ask gets the error).
    }
  }
  return index;
}

/** Questions of each shape about a few of the library's own people, places and headlines, and one about nothing. */
export function primingQuestions(library: Library, stories = 3): string[] {
  const out = ['what is the weather on the moon?', 'any news of the weather on the moon?'];
  for (const b of library.briefings().slice(0, stories)) {
    const person = b.entities.people[0]?.name;
    const place = b.entities.places[0]?.name ?? b.entities.organizations[0]?.name;
    const headline = b.title.split(/\s+/).slice(0, 4).join(' ');
    if (person) out.push(`who is ${person}?`, `what did ${person} say?`);
    if (place) out.push(`where is ${place}?`, `how many people were in ${place}?`);
    out.push(`when did ${headline} happen?`, `why did ${headline} happen?`, `what is ${headline}?`);
  }
  return out;
}

/**
 * Loads the part-of-speech tagger that "what" and "which" answers use (about 0.4 s, once), so no question waits
 * on it. Called after start-up, off the path that gets the bot ready, so the console still opens at once.
 */
export function warmTagger(): void {
  try {
    nounChunks('The council approved the new bridge plan.');
  } catch {
    // Only saves time: the first "what" question loads it instead.
  }
}
