// The learned speaker step: a logistic regression over each candidate's features (quote-candidates.ts), fitted on
// PolNeAR train by `npm run train:quotes`. The best candidate is the speaker when the model gives it at least
// even odds of being right; below that the quote is unattributed, never a guess.
import { CANDIDATE_FEATURES, type Candidate } from './quote-candidates.js';
import weights from './quote-ranker-model.json' with { type: 'json' };
import type { QuoteRule } from './types.js';

export interface RankerModel {
  features: readonly string[];
  weights: number[];
  bias: number;
  /** The least probability of being right that names a speaker. */
  threshold: number;
}

/**
 * The rules that read a speech cue or continue a quoted speaker (right 98–99% of the time on PolNeAR train) stand,
 * as does a role noun resolved to a name (PolNeAR annotates "the Texas senator", not whom it means, so train cannot
 * judge it); the model decides the rest: quotes the rules left unattributed or gave to a sentence's subject.
 */
export const TRUSTED_RULES: ReadonlySet<QuoteRule> = new Set([
  'cue subject',
  'continued quote',
  'resolved pronoun',
  'resolved role noun',
  'post author',
]);

/**
 * A quote with a speech cue of its own is never the model's to fill: when the cue names nobody we know ("she asked"
 * with no woman named, "a spokesman said"), the speaker is someone, just not a name the story gives.
 */
export const ranked = (rule: QuoteRule, cued: boolean): boolean =>
  !TRUSTED_RULES.has(rule) && !(cued && rule === 'unattributed');

export function candidateProbability(model: RankerModel, x: number[]): number {
  let z = model.bias;
  for (let i = 0; i < x.length; i++) z += model.weights[i]! * x[i]!;
  return 1 / (1 + Math.exp(-z));
}

export function pickSpeaker(candidates: Candidate[], model: RankerModel): { speaker: string | null; rule: QuoteRule } {
  let best: Candidate | undefined;
  let bestP = -1;
  for (const c of candidates) {
    const p = candidateProbability(model, c.x);
    if (p > bestP) [best, bestP] = [c, p];
  }
  return best && bestP >= model.threshold
    ? { speaker: best.name, rule: best.rule }
    : { speaker: null, rule: 'unattributed' };
}

/** The committed model; a clear error when its features no longer match the code's. */
export function defaultRanker(): RankerModel {
  const model = weights as RankerModel;
  if (model.features.join() !== CANDIDATE_FEATURES.join()) {
    throw new Error('src/briefing/quote-ranker-model.json was trained on other features: run npm run train:quotes');
  }
  return model;
}
