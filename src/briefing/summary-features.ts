// What the summary knows about each sentence: where it sits, how central it is to the document,
// and whether it reads as news (recent, present) or as background (earlier years, retrospective).
import type { Sentence } from './types.js';

export interface SentenceFeatures {
  words: number;
  /** Cosine similarity of the sentence's content words to the whole document's. */
  centrality: number;
  /** Cosine similarity to the opening sentences, where news reports put their story. */
  leadSimilarity: number;
  /** Recency cues: "now", "this week", "on Friday", "yesterday", "said in a speech". */
  recency: number;
  /** Background cues: earlier years, "back in", "had reported", "One of the more … moments". */
  background: number;
  /** No terminal punctuation: a caption, headline or fragment rather than a sentence of prose. */
  fragment: boolean;
  question: boolean;
  /** Opens with a quotation mark: mostly a speaker's words rather than the reporter's summary. */
  quoteLed: boolean;
}

const STOP = new Set(
  ('a an the and or but if of at by for with about against between into through during before after above below to from up down in out on off ' +
    'over under again further then once here there when where why how all any both each few more most other some such no nor not only own same ' +
    'so than too very s t can will just don should now i me my we our you your he him his she her it its they them their what which who whom ' +
    'this that these those am is are was were be been being have has had having do does did doing would could said says say also one two new')
    .split(' '),
);

export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (let w of text.toLowerCase().match(/[a-z0-9][a-z0-9'’-]*/g) ?? []) {
    // A crude plural/possessive fold: enough to match "troops" with "troop" without a stemmer's cost.
    if (w.endsWith('s')) w = /['’]s$/.test(w) ? w.slice(0, -2) : w.length > 4 ? w.slice(0, -1) : w;
    if (w.length > 2 && !STOP.has(w)) out.push(w);
  }
  return out;
}

const DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const RECENT = new RegExp(
  `\\b(?:now|today|tonight|yesterday|last night|this (?:week|weekend|morning|afternoon|evening)|earlier this (?:week|month)|on ${DAY}|${DAY} (?:morning|afternoon|evening|night)|said in (?:a|an) (?:speech|statement|interview))\\b`,
  'gi',
);
const RETRO = /^(?:One of the (?:more|most) |Back in |Years? ago|Previously,|In the past,|It was not the first|This is not the first|At the time,)/i;
const RETRO_ANYWHERE = /\b(?:back in|had (?:been|reported|said|previously|already)|at the time|years? ago|first (?:\w+ )?(?:presidency|term|administration))\b/gi;
const YEAR = /\b(19[5-9]\d|20[0-4]\d)\b/g;

/** The newest year the text mentions, used as "now" when the article gives no date. */
export function newestYear(texts: string[]): number | null {
  let best: number | null = null;
  for (const t of texts) for (const m of t.matchAll(YEAR)) best = Math.max(best ?? 0, Number(m[1]));
  return best;
}

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  return text.match(re)?.length ?? 0;
}

const LEAD = 3;

function documentFrequencies(bags: string[][]): { counts: Map<string, number>; norm: number } {
  const counts = new Map<string, number>();
  for (const bag of bags) for (const w of new Set(bag)) counts.set(w, (counts.get(w) ?? 0) + 1);
  let norm = 0;
  for (const c of counts.values()) norm += c * c;
  return { counts, norm: Math.sqrt(norm) || 1 };
}

export function sentenceFeatures(
  sentences: Sentence[],
  currentYear: number | null,
  bags: string[][] = sentences.map((s) => contentWords(s.text)),
): SentenceFeatures[] {
  const doc = documentFrequencies(bags);
  const lead = documentFrequencies(bags.slice(0, LEAD));
  return sentences.map((s, i) => {
    const bag = bags[i]!;
    const tf = new Map<string, number>();
    for (const w of bag) tf.set(w, (tf.get(w) ?? 0) + 1);
    let dot = 0;
    let leadDot = 0;
    let norm = 0;
    // Leave the sentence's own contribution out, or long sentences look central just by existing.
    const self = i < LEAD ? 1 : 0;
    for (const [w, c] of tf) {
      dot += c * ((doc.counts.get(w) ?? 0) - 1);
      leadDot += c * Math.max(0, (lead.counts.get(w) ?? 0) - self);
      norm += c * c;
    }
    norm = Math.sqrt(norm);
    const years = [...s.text.matchAll(YEAR)].map((m) => Number(m[1]));
    const old = currentYear !== null && years.length > 0 && years.every((y) => y <= currentYear - 2) ? 1 : 0;
    const text = s.text;
    return {
      words: text.split(/\s+/).length,
      centrality: norm ? dot / (norm * doc.norm) : 0,
      leadSimilarity: norm ? leadDot / (norm * lead.norm) : 0,
      recency: count(RECENT, text),
      background: old + (RETRO.test(text) ? 1 : 0) + Math.min(1, count(RETRO_ANYWHERE, text)),
      fragment: !/[.!?…]["”’')\]]*$/.test(text),
      question: /\?["”’')\]]*$/.test(text),
      quoteLed: /^["“‘']/.test(text),
    };
  });
}
