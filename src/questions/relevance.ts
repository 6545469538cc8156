// Whether a sentence answers a question at all: the question's proper names must all be in the sentence or
// among its story's entities, and most of its other content words must be in the sentence itself. This is what
// keeps the bot from answering with an unrelated sentence that merely shares a word.
import type { IndexedStory } from './index-story.js';
import type { SentenceInfo } from './sentence-reader.js';
import { tokenize, type Token } from './terms.js';

export interface QuestionTerms {
  /** Terms of capitalised words ("Trump", "HMP Altcourse"): each is mandatory. */
  names: string[];
  /** Other content terms: most must be covered. */
  words: string[];
}

export function questionTerms(focus: string): QuestionTerms {
  const names = new Set<string>();
  const words = new Set<string>();
  for (const token of tokenize(focus)) {
    if (token.stop) continue;
    if (/^\p{Lu}/u.test(token.raw)) names.add(token.term);
    else words.add(token.term);
  }
  for (const n of names) words.delete(n);
  return { names: [...names], words: [...words] };
}

export interface Coverage {
  ok: boolean;
  /** 0..1: how much of the question the sentence carries, names in the sentence counting most. */
  score: number;
  tokens: Token[];
  /** Sentence tokens that matched a question term. */
  matched: Token[];
}

/** How many content words a question may leave uncovered: none of one or two, one of three to five. */
export function allowedMissing(n: number): number {
  return n <= 2 ? 0 : n <= 5 ? 1 : 2;
}

/** Same term, or one a longer form of the other ("korea"/"korean"), for terms long enough to be safe. */
export function sameTerm(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && long.startsWith(short) && long.length - short.length <= 3;
}

// A few everyday paraphrases between how questions and news copy say the same thing (stemmed terms).
const SYNONYM_GROUPS = [
  ['call', 'dub', 'nam', 'known'],
  ['kill', 'die', 'dead', 'death'],
  ['arrest', 'detain'],
  ['start', 'begin', 'launch'],
  ['end', 'finish'],
  ['buy', 'purchas', 'acquir'],
  ['attack', 'assault'],
  ['injur', 'hurt', 'wound'],
  ['pick', 'choos', 'select'],
  ['shut', 'clos'],
  ['job', 'work', 'employ'],
  ['cost', 'pric'],
  ['car', 'vehicl'],
];
const SYNONYMS = new Map<string, string[]>(
  SYNONYM_GROUPS.flatMap((group) => group.map((t) => [t, group.filter((o) => o !== t)] as [string, string[]])),
);

/** The everyday paraphrases of a term that `cover` accepts for it. */
export function synonymsOf(term: string): readonly string[] {
  return SYNONYMS.get(term) ?? [];
}

const NEAR = 8;

/** The fewest words spanning one occurrence of every distinct matched term. */
function window(matched: Token[]): number {
  const distinct = new Set(matched.map((t) => t.term)).size;
  if (distinct < 2) return 0;
  let best = Infinity;
  for (let i = 0; i < matched.length; i++) {
    const seen = new Set<string>();
    for (let j = i; j < matched.length; j++) {
      seen.add(matched[j]!.term);
      if (seen.size === distinct) {
        best = Math.min(best, matched[j]!.position - matched[i]!.position);
        break;
      }
    }
  }
  return best;
}

function someSame(set: Set<string>, term: string): boolean {
  for (const s of set) if (sameTerm(s, term)) return true;
  return false;
}

export function cover(
  q: QuestionTerms,
  story: IndexedStory,
  sentence: SentenceInfo,
  options: { together?: boolean } = {},
): Coverage {
  const { tokens, expanded } = sentence;
  const has = (set: Set<string>, term: string) => set.has(term) || (term.length >= 5 && someSame(set, term));
  const hasWord = (term: string) => has(expanded, term) || (SYNONYMS.get(term) ?? []).some((s) => expanded.has(s));

  let got = 0;
  let total = 0;
  let inSentence = 0;
  for (const name of q.names) {
    total += 1.5;
    if (has(expanded, name)) {
      got += 1.5;
      inSentence++;
    } else if (has(story.entityTerms, name)) got += 0.5;
    else return { ok: false, score: 0, tokens, matched: [] };
  }
  let covered = 0;
  for (const word of q.words) {
    total += 1;
    if (hasWord(word)) {
      got += 1;
      covered++;
    }
  }
  const missing = q.words.length - covered;
  const wanted = [...q.names, ...q.words].flatMap((w) => [w, ...(SYNONYMS.get(w) ?? [])]);
  const matched = tokens.filter((t) => !t.stop && wanted.some((w) => sameTerm(w, t.term)));
  // A definition ("what is the weather in Manchester") lives on the relation between its words: they must sit
  // together, not merely co-occur ("Manchester Police … the weather on his holiday").
  const together = !options.together || window(matched) <= NEAR;
  const ok = total > 0 && missing <= allowedMissing(q.words.length) && (covered > 0 || inSentence > 0) && together;
  // Missing words cost more than a name found only elsewhere in the story.
  const score = total ? got / total - 0.15 * missing : 0;
  return { ok, score, tokens, matched };
}
