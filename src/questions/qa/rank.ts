// Finding candidate sentences: every sentence of the stories most about the question, ranked by the question's
// words it holds, each weighted by how rare it is among those sentences (a rare word matched says more than a
// common one), matched by stem, by synonym, and by a paraphrase phrase standing for a question phrase
// ("set foot in" for "step into"). Word pairs of the question that stay together in the sentence add to it, and a
// sentence may borrow question words from the sentence before it ("He was born there in 1901." after a sentence
// naming him). Names the question requires and no sentence holds are reported, so the scorer can decline.
import { readFileSync } from 'node:fs';
import { synonymsOf, sameTerm } from '../relevance.js';
import type { IndexedStory, QuestionIndex, SentenceInfo } from '../search-index.js';
import { stem } from '../stem.js';
import { tokenize, type Token } from '../terms.js';

/** One thing the question asks a sentence to hold: any one of its wordings, each a list of terms. */
export interface Slot {
  /** The question's own terms for it. */
  terms: string[];
  wordings: string[][];
  name: boolean;
  number: boolean;
  /**
   * A word of the question's framing rather than its content ("name", "type", "example", "many" in "how many",
   * "year" in "what year"): answer sentences rarely say it, so it weighs little.
   */
  frame: boolean;
  /** Set per question: the slot's weight among the candidate sentences. */
  weight: number;
  /** Where it stands in the question (token position). */
  at: number;
}

export interface Ranked {
  story: IndexedStory;
  sentence: number;
  info: SentenceInfo;
  score: number;
  /** Share of the question's weight the sentence holds (0..1), and of it borrowed from the sentence before. */
  coverage: number;
  borrowed: number;
  /** Slots the sentence holds (indices into slots). */
  held: boolean[];
  /** Share of the question's neighbouring slot pairs that are near each other in the sentence. */
  pairs: number;
  storyScore: number;
}

export interface Ranking {
  slots: Slot[];
  ranked: Ranked[];
  /** Whether each slot is held by any candidate story at all (in a sentence or among its names). */
  anywhere: boolean[];
}

interface PhraseGroup {
  phrases: string[][];
}

const GROUPS: PhraseGroup[] = (
  JSON.parse(readFileSync(new URL('./paraphrases.json', import.meta.url), 'utf8')) as { groups: string[][] }
).groups.map((g) => ({ phrases: g.map((p) => tokenize(p).map((t) => t.term)) }));

const content = (tokens: Token[]) => tokens.filter((t) => !t.stop);

/** The slots of a question: its content words, with phrases from paraphrases.json joined into one slot. */
export function slotsOf(text: string): Slot[] {
  const tokens = tokenize(text);
  const all = tokens.map((t) => t.term);
  const used = new Set<number>();
  const slots: Slot[] = [];
  for (const group of GROUPS) {
    for (const phrase of group.phrases) {
      for (let i = 0; i + phrase.length <= all.length; i++) {
        if (!phrase.every((p, k) => all[i + k] === p || stem(tokens[i + k]!.raw.toLowerCase()) === p)) continue;
        const own = tokens.slice(i, i + phrase.length);
        if (own.some((t) => used.has(t.position)) || content(own).length === 0) continue;
        for (const t of own) used.add(t.position);
        const wordings = group.phrases.map((p) => p.filter((_, k) => !isStopTerm(p, k))).filter((w) => w.length > 0);
        slots.push({
          terms: content(own).map((t) => t.term),
          wordings,
          name: false,
          number: false,
          frame: false,
          weight: 1,
          at: own[0]!.position,
        });
      }
    }
  }
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.stop || used.has(t.position) || seen.has(t.term)) continue;
    seen.add(t.term);
    const name = /^\p{Lu}/u.test(t.raw) && t.position > 0;
    slots.push({
      terms: [t.term],
      wordings: [[t.term], ...synonymsOf(t.term).map((s) => [s])],
      name,
      number: /^\d/.test(t.raw),
      frame: !name && isFrame(tokens, t),
      weight: 1,
      at: t.position,
    });
  }
  return slots.sort((a, b) => a.at - b.at);
}

// Words that frame a question rather than say what it is about; weighed at FRAME_WEIGHT of a content word.
const FRAME_WORDS = new Set(
  `name named names type types kind kinds sort sorts form term terms example examples called call known refer refers
  referred describe described description mean means meant besides main specific specifically particular
  particularly typically generally usually primarily commonly often exactly actually considered consider`.split(/\s+/),
);
// After "what"/"which": the answer's kind ("what year"). ("many" in "how many" stays a full word: weighed down it
// cost news dev answers on the SQuAD folds' tuning, and news sentences do say "old" in "45-year-old".)
const AFTER_WHAT = /^(?:year|years|date|day|month|century|decade|time|period|percentage|amount|number)$/i;
const FRAME_WEIGHT = 0.25;

function isFrame(tokens: Token[], t: Token): boolean {
  const lower = t.raw.toLowerCase();
  if (FRAME_WORDS.has(lower)) return true;
  const before = tokens[t.position - 1]?.raw.toLowerCase();
  return (before === 'what' || before === 'which') && AFTER_WHAT.test(lower);
}

const STOP_CACHE = new Map<string, boolean>();
function isStopTerm(phrase: string[], k: number): boolean {
  const term = phrase[k]!;
  let stop = STOP_CACHE.get(term);
  if (stop === undefined) STOP_CACHE.set(term, (stop = tokenize(term)[0]?.stop ?? true));
  return stop;
}

function holds(info: SentenceInfo, wording: string[]): boolean {
  return wording.every((w) => info.expanded.has(w) || (w.length >= 5 && [...info.terms].some((t) => sameTerm(t, w))));
}

function slotHeld(info: SentenceInfo, slot: Slot): boolean {
  return slot.wordings.some((w) => holds(info, w));
}

/** Positions in the sentence of the slot's words. */
export function slotPositions(tokens: Token[], slot: Slot): number[] {
  const wanted = new Set(slot.wordings.flat());
  return tokens.filter((t) => !t.stop && [...wanted].some((w) => sameTerm(w, t.term))).map((t) => t.position);
}

const STORIES = 10;

export function rankSentences(index: QuestionIndex, text: string, source?: string): Ranking {
  const slots = slotsOf(text);
  const query = slots.flatMap((s) => s.terms).join(' ');
  const stories = slots.length ? index.stories(query, { limit: STORIES, ...(source ? { source } : {}) }) : [];
  // Only sentences that could hold a slot are read; the others hold none, and count only towards n.
  const wordings = slots.flatMap((s) => s.wordings);
  const infos: Array<{ story: IndexedStory; storyScore: number; sentences: Array<SentenceInfo | undefined> }> =
    stories.map(({ story, score }) => ({
      story,
      storyScore: score,
      sentences: index.sentencesHolding(story, wordings),
    }));
  // How rare each slot is among the candidate sentences.
  let n = 0;
  const df = slots.map(() => 0);
  const anywhere = slots.map(() => false);
  const heldBy: boolean[][][] = infos.map((s) =>
    s.sentences.map((info) => {
      n++;
      if (!info) return slots.map(() => false);
      return slots.map((slot, k) => {
        const h = slotHeld(info, slot);
        if (h) {
          df[k]!++;
          anywhere[k] = true;
        }
        return h;
      });
    }),
  );
  slots.forEach((slot, k) => {
    slot.weight = Math.log((n + 1) / (df[k]! + 0.5)) * (slot.name ? 1.3 : slot.frame ? FRAME_WEIGHT : 1);
    if (!anywhere[k])
      anywhere[k] = infos.some((s) => slot.wordings.some((w) => w.every((t) => s.story.entityTerms.has(t))));
  });
  const total = slots.reduce((a, s) => a + s.weight, 0) || 1;
  const top = Math.max(1e-9, ...infos.map((s) => s.storyScore));
  const ranked: Ranked[] = [];
  infos.forEach((s, i) => {
    s.sentences.forEach((info, j) => {
      const held = heldBy[i]![j]!;
      if (!held.some(Boolean)) return;
      const before = j > 0 ? heldBy[i]![j - 1]! : null;
      let own = 0;
      let borrowed = 0;
      slots.forEach((slot, k) => {
        if (held[k]) own += slot.weight;
        else if (before?.[k]) borrowed += slot.weight;
      });
      const pairs = pairShare(info!.tokens, slots, held);
      const coverage = own / total;
      const score = coverage + 0.3 * (borrowed / total) + 0.15 * pairs + 0.05 * (s.storyScore / top);
      ranked.push({
        story: s.story,
        sentence: j,
        info: info!,
        score,
        coverage,
        borrowed: borrowed / total,
        held,
        pairs,
        storyScore: s.storyScore / top,
      });
    });
  });
  ranked.sort((a, b) => b.score - a.score || a.sentence - b.sentence);
  return { slots, ranked, anywhere };
}

/** Share of the question's neighbouring held slot pairs whose words sit within three words in the sentence. */
function pairShare(tokens: Token[], slots: Slot[], held: boolean[]): number {
  if (slots.length < 2) return 1;
  let near = 0;
  for (let k = 0; k + 1 < slots.length; k++) {
    if (!held[k] || !held[k + 1]) continue;
    const a = slotPositions(tokens, slots[k]!);
    const b = slotPositions(tokens, slots[k + 1]!);
    if (a.some((p) => b.some((q) => Math.abs(p - q) <= 3))) near++;
  }
  return near / (slots.length - 1);
}
