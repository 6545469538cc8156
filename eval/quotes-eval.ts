// Quote spans and speakers on PolNeAR, through the real pipeline, with a nearest-"X said" baseline beside it.
//
// Span matching: gold = unique normalised quoted_segments of direct and mixed attributions per article;
// predicted = unique normalised quote texts. Normalising lowercases, drops the quote marks, outer punctuation and
// extra spaces. A prediction matches a gold segment (one to one) when the normalised texts are equal, or when
// their character spans overlap by at least half of the longer one.
//
// Speakers: every quoted segment of a DIRECT attribution that has a source. The gold source is
//   - pronoun (any piece flagged is_pronoun): we only report how often we give a non-null name;
//   - named, when its head (text before the first comma or parenthesis, leading "the/a" dropped) ends in a
//     capitalised word that is no plural group noun ("Officials"): correct when that word appears among the predicted name's words, or the
//     predicted name's last word appears among the gold words (case- and hyphen-insensitive);
//   - definite descriptions ("the president", "the New York businessman"): like pronouns, the non-null rate;
//   - descriptive otherwise ("a spokesman", "officials"): correct when we predict null, or our last word is in it.
// A gold segment we did not find at all counts as wrong; `accuracyFound` is over the found ones only.
//
// The stricter reading (the headline since 2026-12-03, see STRICT_DEFINITION): every quoted segment of four words
// or more of a DIRECT (or MIXED) attribution whose source holds a capitalised word that is no pronoun, article
// or title; correct only when the shown speaker contains one of those words. A missed quote or no speaker is wrong.
import { fileURLToPath } from 'node:url';
import { cleanDocument } from '../src/briefing/clean.js';
import { indexEntities } from '../src/briefing/entities.js';
import { extractQuotes, type QuoteOptions } from '../src/briefing/quotes.js';
import { splitSentences } from '../src/briefing/sentences.js';
import {
  foldOf,
  loadPolnear,
  matchFor,
  namedKey,
  norm,
  sourceNameWords,
  strictMatch,
  words,
  type Article,
  type Extractor,
  type Predicted,
} from './polnear.js';

export { loadPolnear, matchFor, namedKey, sourceNameWords, strictMatch, type Article, type Extractor };

export interface SpanScores {
  predicted: number;
  gold: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
}
export interface SpeakerScores {
  named: { n: number; correct: number; accuracy: number; accuracyFound: number };
  descriptive: { n: number; correct: number; accuracy: number };
  definite: { n: number; nonNull: number; rate: number };
  pronoun: { n: number; nonNull: number; rate: number };
}
export interface StrictScores {
  n: number;
  correct: number;
  accuracy: number;
}
export interface QuotesScores {
  split: string;
  articles: number;
  spans: SpanScores;
  /** The headline: the stricter reading (STRICT_DEFINITION) on direct and on mixed attributions. */
  strict: { direct: StrictScores; mixed: StrictScores };
  speakers: SpeakerScores;
  /** The same scoring on MIXED attributions (a quoted phrase inside paraphrase): a second check that was never tuned on. */
  speakersMixed: SpeakerScores;
  /** Stricter reading on direct quotes, by the rule that decided the speaker. */
  perRule: Record<string, StrictScores>;
  baseline: { spans: SpanScores; speakers: SpeakerScores; strict: StrictScores };
  /** Mean milliseconds per article: the whole clean→quotes pipeline, and entities + quotes alone. */
  msPerArticle: { pipeline: number; entitiesAndQuotes: number };
}

export const STRICT_DEFINITION =
  'stricter: quoted segments of >= 4 words of attributions whose annotated source has a capitalised word ' +
  '(pronouns, articles and titles aside); correct when the shown speaker contains one of those words; a missed quote or no speaker is wrong';
export const CURRENT_DEFINITION =
  'current: direct quotes whose source head ends in a capitalised name; correct when that word is among the ' +
  "speaker's words or the speaker's last word is in the source; pronoun and definite sources are not scored";

/** Quotes as deriveBriefing finds them: one entity index (with the embedded posts' people), passed to the quote stage. */
export function quotesOf(text: string, options: QuoteOptions = {}): Predicted[] {
  const doc = cleanDocument(text);
  const sentences = splitSentences(doc);
  const index = indexEntities(sentences, doc.socialPosts);
  return extractQuotes(text, sentences, { ...options, index });
}

export const pipelineExtractor: Extractor = (text) => quotesOf(text);

/** The rules alone, without the learned ranker: the baseline the ranker is measured against. */
export const rulesExtractor: Extractor = (text) => quotesOf(text, { ranker: null });

export async function runQuotesEval(
  split: 'dev' | 'test',
  errors?: (line: string) => void,
  extract = pipelineExtractor,
): Promise<QuotesScores> {
  return scoreArticles(split, loadPolnear(split), extract, errors);
}

export function scoreArticles(
  split: string,
  articles: Article[],
  extract: Extractor,
  errors?: (line: string) => void,
): QuotesScores {
  const ours = {
    span: tally(),
    spk: speakerTally(),
    mixed: speakerTally(),
    strict: strictTally(),
    strictMixed: strictTally(),
    rules: {} as Record<string, [number, number]>,
  };
  const base = {
    span: tally(),
    spk: speakerTally(),
    mixed: speakerTally(),
    strict: strictTally(),
    strictMixed: strictTally(),
    rules: {},
  };
  let pipeline = 0;
  let stages = 0;
  for (const a of articles) {
    const t0 = performance.now();
    const doc = cleanDocument(a.article);
    const sentences = splitSentences(doc);
    const t1 = performance.now();
    let quotes: Predicted[];
    if (extract === pipelineExtractor) {
      const index = indexEntities(sentences, doc.socialPosts);
      quotes = extractQuotes(a.article, sentences, { index });
    } else quotes = extract(a.article);
    const t2 = performance.now();
    pipeline += t2 - t0;
    stages += t2 - t1;
    score(a, quotes, ours, errors);
    score(a, baselineQuotes(a.article), base);
  }
  const n = articles.length;
  const perRule: Record<string, StrictScores> = {};
  for (const [rule, [k, c]] of Object.entries(ours.rules).sort((x, y) => y[1][0] - x[1][0]))
    perRule[rule] = finishStrict([k, c]);
  return {
    split,
    articles: n,
    spans: finishSpans(ours.span),
    strict: { direct: finishStrict(ours.strict), mixed: finishStrict(ours.strictMixed) },
    speakers: finishSpeakers(ours.spk),
    speakersMixed: finishSpeakers(ours.mixed),
    perRule,
    baseline: { spans: finishSpans(base.span), speakers: finishSpeakers(base.spk), strict: finishStrict(base.strict) },
    msPerArticle: { pipeline: round(pipeline / n), entitiesAndQuotes: round(stages / n) },
  };
}

function tally() {
  return { predicted: 0, gold: 0, matched: 0 };
}
function speakerTally() {
  return { named: [0, 0, 0], descriptive: [0, 0], definite: [0, 0], pronoun: [0, 0] };
}
function strictTally(): [number, number] {
  return [0, 0];
}
type Tallies = {
  span: ReturnType<typeof tally>;
  spk: ReturnType<typeof speakerTally>;
  mixed: ReturnType<typeof speakerTally>;
  strict: [number, number];
  strictMixed: [number, number];
  rules: Record<string, [number, number]>;
};

function score(a: Article, quotes: Predicted[], t: Tallies, errors?: (line: string) => void): void {
  const gold = uniqueBy(
    a.attributions.filter((x) => x.type !== 'indirect').flatMap((x) => x.quoted_segments),
    (g) => norm(g.text),
  );
  const preds = uniqueBy(quotes, (q) => norm(q.text));
  const used = new Set<Predicted>();
  for (const g of gold) {
    const p = matchFor(g, preds, used);
    if (p) used.add(p);
    else errors?.(`MISS ${a.id}: ${g.text.slice(0, 100)}`);
  }
  for (const p of preds) if (!used.has(p)) errors?.(`EXTRA ${a.id}: ${p.text.slice(0, 100)}`);
  t.span.predicted += preds.length;
  t.span.gold += gold.length;
  t.span.matched += used.size;
  for (const at of a.attributions) {
    if (at.type === 'indirect' || !at.source) continue;
    const tallies = at.type === 'direct' ? t.spk : t.mixed;
    const label = at.type === 'direct' ? 'SPEAKER' : 'MIXED';
    const srcText = at.source.map((s) => s.text).join(' ');
    for (const g of at.quoted_segments) {
      const p = matchFor(g, quotes, new Set());
      const speaker = p?.speaker ?? null;
      if (sourceNameWords(srcText).length && g.text.trim().split(/\s+/).length >= 4) {
        const ok = strictMatch(srcText, speaker);
        const st = at.type === 'direct' ? t.strict : t.strictMixed;
        st[0]++;
        if (ok) st[1]++;
        if (at.type === 'direct') {
          const rule = p ? (p.rule ?? 'unknown') : 'quote missed';
          const r = (t.rules[rule] ??= [0, 0]);
          r[0]++;
          if (ok) r[1]++;
        }
        if (!ok)
          errors?.(
            `STRICT-${label} ${a.id}: gold "${srcText}" got ${speaker === null ? 'null' : `"${speaker}"`} [${p?.rule ?? 'missed'}] :: ${g.text.slice(0, 60)}`,
          );
      }
      if (at.source.some((s) => s.is_pronoun)) {
        tallies.pronoun[0]!++;
        if (speaker) tallies.pronoun[1]!++;
        continue;
      }
      const key = namedKey(srcText);
      if (!key && /^\s*(?:the|this|that)\s/i.test(srcText)) {
        // "the president", "the mayor": a definite description needs coreference to judge, like a pronoun.
        tallies.definite[0]!++;
        if (speaker) tallies.definite[1]!++;
        continue;
      }
      const ok = key ? namedMatch(srcText, key, speaker) : !speaker || words(srcText).includes(words(speaker).pop()!);
      const bucket = key ? tallies.named : tallies.descriptive;
      bucket[0]!++;
      if (ok) bucket[1]!++;
      if (key && p) tallies.named[2]!++;
      if (!ok)
        errors?.(
          `${label} ${a.id}: gold "${srcText}" got ${speaker === null ? 'null' : `"${speaker}"`}${p ? '' : ' (quote missed)'} :: ${g.text.slice(0, 60)}`,
        );
    }
  }
}

export function namedMatch(source: string, key: string, speaker: string | null): boolean {
  if (!speaker) return false;
  const ours = words(speaker);
  const initials = ours.map((w) => w[0]).join('');
  return ours.includes(key) || words(source).includes(ours[ours.length - 1]!) || (ours.length > 1 && initials === key);
}

/** The baseline: a plain quote regex, and the nearest "Capitalised Name said/says/told" in the same paragraph. */
export function baselineQuotes(text: string): Predicted[] {
  const out: Predicted[] = [];
  let offset = 0;
  for (const para of text.split('\n')) {
    const cues = [...para.matchAll(/([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)\s+(?:said|says|told)\b/g)];
    for (const m of para.matchAll(/[“"]([^”"\n]{2,})[”"]/g)) {
      const at = m.index! + 1;
      let best: RegExpMatchArray | undefined;
      for (const c of cues) if (!best || Math.abs(c.index! - at) < Math.abs(best.index! - at)) best = c;
      out.push({ text: m[1]!, start: offset + at, end: offset + at + m[1]!.length, speaker: best?.[1] ?? null });
    }
    offset += para.length + 1;
  }
  return out;
}

function uniqueBy<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function finishSpans(t: ReturnType<typeof tally>): SpanScores {
  const precision = t.predicted ? t.matched / t.predicted : 0;
  const recall = t.gold ? t.matched / t.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...t, precision: round(precision), recall: round(recall), f1: round(f1) };
}

function finishSpeakers(t: ReturnType<typeof speakerTally>): SpeakerScores {
  const [n, correct, found] = t.named as [number, number, number];
  return {
    named: { n, correct, accuracy: round(correct / n), accuracyFound: round(correct / Math.max(found, 1)) },
    descriptive: {
      n: t.descriptive[0]!,
      correct: t.descriptive[1]!,
      accuracy: round(t.descriptive[1]! / Math.max(t.descriptive[0]!, 1)),
    },
    definite: { n: t.definite[0]!, nonNull: t.definite[1]!, rate: round(t.definite[1]! / Math.max(t.definite[0]!, 1)) },
    pronoun: { n: t.pronoun[0]!, nonNull: t.pronoun[1]!, rate: round(t.pronoun[1]! / Math.max(t.pronoun[0]!, 1)) },
  };
}

function finishStrict([n, correct]: [number, number]): StrictScores {
  return { n, correct, accuracy: round(correct / Math.max(n, 1)) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** One line per split: the stricter reading first, the current one beside it. */
export function printQuotesTable(rows: QuotesScores[], log: (l: string) => void = console.log): void {
  log(STRICT_DEFINITION);
  log(CURRENT_DEFINITION);
  log('split          strict direct        strict mixed         current direct       current mixed        span F1');
  const cell = (c: number, n: number) => `${(c / Math.max(n, 1)).toFixed(3)} (${c}/${n})`.padEnd(21);
  for (const r of rows) {
    log(
      `${r.split.padEnd(14)} ${cell(r.strict.direct.correct, r.strict.direct.n)}${cell(r.strict.mixed.correct, r.strict.mixed.n)}` +
        `${cell(r.speakers.named.correct, r.speakers.named.n)}${cell(r.speakersMixed.named.correct, r.speakersMixed.named.n)}${r.spans.f1.toFixed(3)}`,
    );
  }
}

/** Stricter reading per deciding rule (direct quotes), for the splits given. */
export function printPerRule(rows: QuotesScores[], log: (l: string) => void = console.log): void {
  for (const r of rows) {
    log(
      `per rule, ${r.split} (stricter reading, direct): ` +
        Object.entries(r.perRule)
          .map(([k, v]) => `${k} ${v.accuracy.toFixed(3)} (${v.correct}/${v.n})`)
          .join('; '),
    );
  }
}

/** Sums the folds' tallies into one cross-validated figure. */
export function pooled(folds: QuotesScores[]): QuotesScores {
  const sum = (f: (q: QuotesScores) => StrictScores): StrictScores => {
    const n = folds.reduce((x, q) => x + f(q).n, 0);
    const c = folds.reduce((x, q) => x + f(q).correct, 0);
    return finishStrict([n, c]);
  };
  const named = (f: (q: QuotesScores) => SpeakerScores) => {
    const n = folds.reduce((x, q) => x + f(q).named.n, 0);
    const c = folds.reduce((x, q) => x + f(q).named.correct, 0);
    return { ...f(folds[0]!), named: { n, correct: c, accuracy: round(c / Math.max(n, 1)), accuracyFound: 0 } };
  };
  const sp = folds.reduce(
    (t, q) => ({
      predicted: t.predicted + q.spans.predicted,
      gold: t.gold + q.spans.gold,
      matched: t.matched + q.spans.matched,
    }),
    tally(),
  );
  const perRule: Record<string, StrictScores> = {};
  for (const q of folds)
    for (const [k, v] of Object.entries(q.perRule)) {
      const r = perRule[k] ?? { n: 0, correct: 0, accuracy: 0 };
      perRule[k] = finishStrict([r.n + v.n, r.correct + v.correct]);
    }
  return {
    ...folds[0]!,
    split: 'train CV (all)',
    articles: folds.reduce((x, q) => x + q.articles, 0),
    spans: finishSpans(sp),
    strict: { direct: sum((q) => q.strict.direct), mixed: sum((q) => q.strict.mixed) },
    speakers: named((q) => q.speakers),
    speakersMixed: named((q) => q.speakersMixed),
    perRule,
  };
}

/**
 * 5-fold cross-validation by article on PolNeAR train: `extractorFor(k)` gives the extractor for fold k, fitted
 * without fold k's articles (the fixed rules need no fitting, so for them every fold is held out alike).
 */
export function crossValidate(
  extractorFor: (fold: number, train: Article[]) => Extractor,
  errors?: (line: string) => void,
): QuotesScores[] {
  const all = loadPolnear('train');
  const out: QuotesScores[] = [];
  for (let k = 0; k < 5; k++) {
    const held = all.filter((_, i) => foldOf(i) === k);
    const rest = all.filter((_, i) => foldOf(i) !== k);
    out.push(scoreArticles(`train fold ${k + 1}`, held, extractorFor(k, rest), errors));
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const split = process.argv.includes('test') ? 'test' : process.argv.includes('train') ? 'train' : 'dev';
  // Errors are for dev and train only: the test split is scored, never inspected.
  const show = process.argv.includes('--errors') && split !== 'test' ? (l: string) => console.log(l) : undefined;
  const rulesOnly = process.argv.includes('--rules');
  if (split === 'train') {
    const { cvExtractor } = await import('./train-quotes.js');
    const folds = crossValidate(rulesOnly ? () => rulesExtractor : cvExtractor, show);
    printQuotesTable([...folds, pooled(folds)]);
    printPerRule([pooled(folds)]);
  } else {
    const r = await runQuotesEval(split, show, rulesOnly ? rulesExtractor : pipelineExtractor);
    printQuotesTable([r]);
    printPerRule([r]);
    if (process.argv.includes('--json')) console.log(JSON.stringify(r, null, 2));
  }
}
