// How model-written text is shown: each claim with the numbers of the sentences it rests on, a line saying who wrote
// it and what it was checked against, and, when the extractive text was used instead, why. Plain strings only; a
// dropped claim is described by the check it failed, never by its own (possibly invented) words.
import { CHECK_WORDS, type DroppedClaim } from './grounding.js';
import { provenance, type Fallback, type ModelText } from './writer.js';

/** "The council approved the wall. [1] Work starts in March. [3, 4]": numbers are 1-based, as in `numbered`. */
export function citedText(written: ModelText, number: (index: number) => number = (i) => i + 1): string {
  return written.claims.map((c) => `${c.text} [${c.sentences.map(number).join(', ')}]`).join(' ');
}

function droppedNote(dropped: readonly DroppedClaim[]): string {
  if (dropped.length === 0) return '';
  const why = [...new Set(dropped.map((d) => CHECK_WORDS[d.check]))].join('; ');
  return `${dropped.length} model claim${dropped.length === 1 ? '' : 's'} dropped (${why})`;
}

/** "Summary written by llama3, checked against 2 sentences; 1 model claim dropped (a number its sentences do not contain)." */
export function provenanceLine(written: ModelText, what = 'summary'): string {
  const line = provenance(written, what);
  const dropped = droppedNote(written.dropped);
  return `${line[0]!.toUpperCase()}${line.slice(1)}${dropped ? `; ${dropped}` : ''}.`;
}

const CAUSE_WORDS: Record<Fallback['cause'], string> = {
  timeout: 'the model did not answer in time',
  'rate-limited': 'the model server is busy (rate limited)',
  http: 'the model server answered with an error',
  network: 'the model server could not be reached',
  malformed: 'the model reply was not valid JSON',
  failed: 'the model call failed',
  checks: 'too few of its claims passed the checks',
  'no-claims': 'the model made no claim',
  'channel-rate': "this channel's hourly allowance of model-written replies is used up",
};

/** Why the model's text was not used, in a reader's words: "the model did not answer in time". */
export function fallbackWhy(fallback: Fallback): string {
  const dropped = fallback.dropped ? droppedNote(fallback.dropped) : '';
  return `${CAUSE_WORDS[fallback.cause]}${dropped ? `; ${dropped}` : ''}`;
}

/** "Extractive summary: the model's was not used (the model did not answer in time)." */
export function fallbackLine(fallback: Fallback, what = 'summary'): string {
  return `Extractive ${what}: the model's was not used (${fallbackWhy(fallback)}).`;
}
