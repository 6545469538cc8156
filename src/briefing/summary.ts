// tldr, key points (most important first) and background, kept apart so they never repeat each other.
//
// News reports are written as inverted pyramids: on CNN/DailyMail the opening sentences beat every
// centrality or similarity score we tried (see eval/summary-eval.ts). So key points follow the order of the
// news sentences, and a sentence is passed over only on strong evidence that it is not a point of its own.
import { contentWords, newestYear, recencyCues, sentenceFeatures, type SentenceFeatures } from './summary-features.js';
import type { Sentence, Summary } from './types.js';

export interface SummaryResult {
  summary: Summary;
  background: string[];
}

export interface SummaryOptions {
  /** The article's year, when known; otherwise the newest year the text mentions stands in for it. */
  year?: number | null;
  /** Further text (e.g. embedded posts) that may reveal how recent the article is. */
  context?: string[];
  /** How many key points to return: /summary shows the tldr and up to 8 more. */
  keyPoints?: number;
}

const DEFAULT_KEY_POINTS = 10;
const MIN_KEY_POINTS = 3;
// How far after a caption the sentence that restates it may come.
const CAPTION_REACH = 3;
// The opening sentences, where an inverted-pyramid report states its news.
const LEAD = 3;
const MAX_BACKGROUND = 8;
// Fewer words than this cannot say who did what: "We know how to look," she said.
const MIN_WORDS = 5;
// A sentence whose content words are mostly in the key points already repeats them (captions repeat the lead).
const MAX_REPEAT = 0.7;

/**
 * A story that opens with history ("One of the more bizarre moments…") stays in the past until it turns
 * to the news with a recency cue ("now", "on Friday"), so the sentences before that turn are background too.
 */
function carryBackground(sentences: Sentence[], features: SentenceFeatures[]): boolean {
  const first = features[0];
  // An old year or a pluperfect in a lead that also says "on Tuesday" is context for news, not an opener.
  if (!first || !(first.retroOpener || first.background >= 2) || recencyCues(sentences[0]!.text) > 0) return false;
  for (let i = 0; i < features.length; i++) {
    if (recencyCues(sentences[i]!.text) > 0) break;
    features[i]!.background = Math.max(features[i]!.background, 1);
  }
  return true;
}

/** Evidence that a sentence is not a point of its own, however early it comes. */
function weak(f: SentenceFeatures, first: boolean, turned: boolean): boolean {
  if (f.question || f.promo || f.tagged || f.words < MIN_WORDS) return true;
  // After a historical opener the turn is often a bridge ("And now, it appears…") that leans on what came
  // before; the tldr has to stand alone.
  return first && turned && f.continuation;
}

const normal = (text: string) => text.toLowerCase().replace(/\W+/g, ' ').trim();

export function summarize(sentences: Sentence[], options: SummaryOptions = {}): SummaryResult {
  const year = options.year ?? newestYear([...sentences.map((s) => s.text), ...(options.context ?? [])]);
  const features = sentenceFeatures(sentences, year);
  const turned = carryBackground(sentences, features);
  const keyCount = options.keyPoints ?? DEFAULT_KEY_POINTS;
  // Words, word sets and normal forms are worked out once per sentence, and only for the sentences the
  // selection reaches (usually the first dozen).
  const bagCache: Array<string[] | undefined> = [];
  const setCache: Array<Set<string> | undefined> = [];
  const normCache: Array<string | undefined> = [];
  const bag = (i: number) => (bagCache[i] ??= contentWords(sentences[i]!.text));
  const wordSet = (i: number) => (setCache[i] ??= new Set(bag(i)));
  const norm = (i: number) => (normCache[i] ??= normal(sentences[i]!.text));
  const seen = new Set<string>();
  const covered = new Set<string>();
  const key: number[] = [];
  const take = (i: number) => {
    seen.add(norm(i));
    for (const x of bag(i)) covered.add(x);
    key.push(i);
  };
  const repeats = (i: number) => {
    const words = bag(i);
    let n = 0;
    for (const x of words) if (covered.has(x)) n++;
    return words.length ? n / words.length >= MAX_REPEAT : true;
  };
  // A caption (no full stop) that a sentence just after it says again in full: the sentence is the better point.
  const captionOf = (i: number) => {
    if (!features[i]!.fragment) return false;
    const caption = wordSet(i);
    for (let j = i + 1; j <= i + CAPTION_REACH && j < sentences.length; j++) {
      if (features[j]!.fragment) continue;
      let n = 0;
      for (const x of wordSet(j)) if (caption.has(x)) n++;
      if (caption.size && n / caption.size >= MAX_REPEAT) return true;
    }
    return false;
  };
  // The lead of an inverted pyramid is the news even when it mentions an old year or a pluperfect; further
  // down, such sentences are the context that /background shows.
  const context = (i: number) => features[i]!.background > 0 && (turned || i >= LEAD);
  // First the news in reading order, passing over weak sentences and repeats; then, only if the news is too
  // thin for a summary, the weak news; then background.
  for (let i = 0; i < sentences.length && key.length < keyCount; i++) {
    const f = features[i]!;
    if (context(i) || seen.has(norm(i)) || weak(f, key.length === 0, turned) || repeats(i) || captionOf(i)) continue;
    take(i);
  }
  const fill = (admit: (i: number) => boolean) => {
    for (let i = 0; i < sentences.length && key.length < Math.min(MIN_KEY_POINTS, keyCount); i++) {
      if (!key.includes(i) && !seen.has(norm(i)) && admit(i)) take(i);
    }
  };
  fill((i) => !context(i));
  fill(() => true);
  const picked = key.slice(0, keyCount);
  const keyPoints = picked.map((i) => sentences[i]!.text);
  const tldrParts = keyPoints.slice(0, 1);
  // A short lead sentence rarely carries the whole story; the next key point completes it.
  const [a, b] = picked;
  if (a !== undefined && b !== undefined && features[a]!.words < 20 && features[b]!.words < 30)
    tldrParts.push(keyPoints[1]!);
  const chosen = new Set(picked);
  const background: string[] = [];
  for (let i = 0; i < sentences.length && background.length < MAX_BACKGROUND; i++) {
    const f = features[i]!;
    if (chosen.has(i) || f.background === 0 || f.fragment || seen.has(norm(i))) continue;
    seen.add(norm(i));
    background.push(sentences[i]!.text);
  }
  return { summary: { tldr: tldrParts.join(' '), keyPoints }, background };
}
