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
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanDocument } from '../src/briefing/clean.js';
import { extractEntities } from '../src/briefing/entities.js';
import { extractQuotes } from '../src/briefing/quotes.js';
import { splitSentences } from '../src/briefing/sentences.js';

interface Segment { text: string; start: number; end: number }
interface Attribution {
  source: Array<{ text: string; is_pronoun: boolean }> | null;
  type: 'direct' | 'mixed' | 'indirect';
  quoted_segments: Segment[];
}
interface Article { id: string; article: string; attributions: Attribution[] }
interface Predicted { text: string; start: number; end: number; speaker: string | null }

export interface SpanScores { predicted: number; gold: number; matched: number; precision: number; recall: number; f1: number }
export interface SpeakerScores {
  named: { n: number; correct: number; accuracy: number; accuracyFound: number };
  descriptive: { n: number; correct: number; accuracy: number };
  definite: { n: number; nonNull: number; rate: number };
  pronoun: { n: number; nonNull: number; rate: number };
}
export interface QuotesScores {
  split: 'dev' | 'test';
  articles: number;
  spans: SpanScores;
  speakers: SpeakerScores;
  /** The same scoring on MIXED attributions (a quoted phrase inside paraphrase): a second check that was never tuned on. */
  speakersMixed: SpeakerScores;
  baseline: { spans: SpanScores; speakers: SpeakerScores };
  /** Mean milliseconds per article: the whole clean→quotes pipeline, and entities + quotes alone. */
  msPerArticle: { pipeline: number; entitiesAndQuotes: number };
}

const DATA = '/work/shared/eval';
const norm = (s: string) =>
  s.toLowerCase().replace(/[“”"]/g, '').replace(/\s+/g, ' ').replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
const words = (s: string) => s.toLowerCase().split(/[\s-]+/).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);

export async function runQuotesEval(split: 'dev' | 'test', errors?: (line: string) => void): Promise<QuotesScores> {
  const articles = readFileSync(`${DATA}/quotes-polnear-${split}.jsonl`, 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l) as Article);
  const ours = { span: tally(), spk: speakerTally(), mixed: speakerTally() };
  const base = { span: tally(), spk: speakerTally(), mixed: speakerTally() };
  let pipeline = 0;
  let stages = 0;
  for (const a of articles) {
    const t0 = performance.now();
    const sentences = splitSentences(cleanDocument(a.article));
    const t1 = performance.now();
    const quotes = extractQuotes(a.article, sentences, extractEntities(sentences));
    const t2 = performance.now();
    pipeline += t2 - t0;
    stages += t2 - t1;
    score(a, quotes, ours, errors);
    score(a, baselineQuotes(a.article), base);
  }
  const n = articles.length;
  return {
    split,
    articles: n,
    spans: finishSpans(ours.span),
    speakers: finishSpeakers(ours.spk),
    speakersMixed: finishSpeakers(ours.mixed),
    baseline: { spans: finishSpans(base.span), speakers: finishSpeakers(base.spk) },
    msPerArticle: { pipeline: round(pipeline / n), entitiesAndQuotes: round(stages / n) },
  };
}

function tally() { return { predicted: 0, gold: 0, matched: 0 }; }
function speakerTally() { return { named: [0, 0, 0], descriptive: [0, 0], definite: [0, 0], pronoun: [0, 0] }; }
type Tallies = { span: ReturnType<typeof tally>; spk: ReturnType<typeof speakerTally>; mixed: ReturnType<typeof speakerTally> };

function score(a: Article, quotes: Predicted[], t: Tallies, errors?: (line: string) => void): void {
  const gold = uniqueBy(a.attributions.filter((x) => x.type !== 'indirect').flatMap((x) => x.quoted_segments), (g) => norm(g.text));
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
      if (!ok) errors?.(`${label} ${a.id}: gold "${srcText}" got ${speaker === null ? 'null' : `"${speaker}"`}${p ? '' : ' (quote missed)'} :: ${g.text.slice(0, 60)}`);
    }
  }
}

function matchFor(g: Segment, preds: Predicted[], used: Set<Predicted>): Predicted | undefined {
  const key = norm(g.text);
  const free = preds.filter((p) => !used.has(p));
  return free.find((p) => norm(p.text) === key) ?? free.find((p) => {
    const overlap = Math.min(p.end, g.end - 1) - Math.max(p.start, g.start + 1);
    return overlap > 0 && overlap >= 0.5 * Math.max(p.end - p.start, g.end - g.start - 2);
  });
}

const GROUP_NOUNS = /^(?:Officials|Protesters|Sources|Aides|Democrats|Republicans|Critics|Supporters|Analysts|Experts)$/;

/** Last capitalised word of the source's head, or null for descriptive sources. */
export function namedKey(source: string): string | null {
  const head = source.split(/[,(]/)[0]!.trim().replace(/^(?:the|a|an)\s+/i, '');
  const last = head.split(/\s+/).pop() ?? '';
  // A name ends the head ("9/11 widow Terry Strada"); "The New York businessman" is a description.
  if (!/^[A-Z]/.test(last) || GROUP_NOUNS.test(last)) return null;
  return words(last.replace(/[’']s?$/, '')).pop() ?? null;
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
  return xs.filter((x) => { const k = key(x); if (!k || seen.has(k)) return false; seen.add(k); return true; });
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
    descriptive: { n: t.descriptive[0]!, correct: t.descriptive[1]!, accuracy: round(t.descriptive[1]! / Math.max(t.descriptive[0]!, 1)) },
    definite: { n: t.definite[0]!, nonNull: t.definite[1]!, rate: round(t.definite[1]! / Math.max(t.definite[0]!, 1)) },
    pronoun: { n: t.pronoun[0]!, nonNull: t.pronoun[1]!, rate: round(t.pronoun[1]! / Math.max(t.pronoun[0]!, 1)) },
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const split = process.argv.includes('test') ? 'test' : 'dev';
  // Errors are for dev only: the test split is scored, never inspected.
  const show = process.argv.includes('--errors') && split === 'dev' ? (l: string) => console.log(l) : undefined;
  console.log(JSON.stringify(await runQuotesEval(split, show), null, 2));
}
