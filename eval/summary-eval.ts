// ROUGE of briefbot's key points against reference summaries, next to LEAD-3 from the same sentence split.
import { cleanDocument } from '../src/briefing/clean.js';
import { splitSentences } from '../src/briefing/sentences.js';
import { summarize } from '../src/briefing/summary.js';
import { loadSummaryRecords, SHARED_EVAL, type SummaryRecord } from './data.js';
import { scoreRouge } from './rouge.js';

/** Mean F1 × 100 over the records. */
export interface RougeRow {
  n: number;
  rouge1: number;
  rouge2: number;
  rougeL: number;
  rougeLsum: number;
}

export type System = (article: string) => string[];

export const briefbotSystem =
  (k: number): System =>
  (article) => {
    const sentences = splitSentences(cleanDocument(article));
    return summarize(sentences).summary.keyPoints.slice(0, k);
  };

export const leadSystem =
  (k: number): System =>
  (article) =>
    splitSentences(cleanDocument(article))
      .slice(0, k)
      .map((s) => s.text);

export function evaluate(records: SummaryRecord[], system: System): RougeRow {
  const sum = { rouge1: 0, rouge2: 0, rougeL: 0, rougeLsum: 0 };
  for (const r of records) {
    const s = scoreRouge(r.reference, system(r.article));
    sum.rouge1 += s.rouge1.f;
    sum.rouge2 += s.rouge2.f;
    sum.rougeL += s.rougeL.f;
    sum.rougeLsum += s.rougeLsum.f;
  }
  const mean = (x: number) => (records.length ? Math.round((10000 * x) / records.length) / 100 : 0);
  return {
    n: records.length,
    rouge1: mean(sum.rouge1),
    rouge2: mean(sum.rouge2),
    rougeL: mean(sum.rougeL),
    rougeLsum: mean(sum.rougeLsum),
  };
}

export interface SummaryEvalResult {
  /** cnndm[split][system]; "all" only when both splits ran, "validation-a/b" only with halves. */
  cnndm: Partial<Record<EvalSplit | 'all' | 'validation-a' | 'validation-b', Record<'briefbot' | 'lead3', RougeRow>>>;
  /** First key point vs the one-sentence reference, next to LEAD-1. */
  xsum: Partial<Record<EvalSplit, Record<'briefbot' | 'lead1', RougeRow>>>;
}

export type EvalSplit = 'validation' | 'test';

/**
 * Scores only the splits asked for, so tuning can run on validation without ever printing test.
 * `halves` adds validation scored by halves (alternate records), to tell a real gain from noise.
 */
export function runSummaryEval(
  splits: readonly EvalSplit[] = ['validation', 'test'],
  halves = false,
  dir = SHARED_EVAL,
): SummaryEvalResult {
  const cnndm = loadSummaryRecords('cnndm', dir);
  const xsum = loadSummaryRecords('xsum', dir);
  const bySplit = (rs: SummaryRecord[], split: EvalSplit) => rs.filter((r) => r.split === split);
  const cnnRows = (rs: SummaryRecord[]) => ({
    briefbot: evaluate(rs, briefbotSystem(3)),
    lead3: evaluate(rs, leadSystem(3)),
  });
  const xsumRows = (rs: SummaryRecord[]) => ({
    briefbot: evaluate(rs, briefbotSystem(1)),
    lead1: evaluate(rs, leadSystem(1)),
  });
  const out: SummaryEvalResult = { cnndm: {}, xsum: {} };
  for (const split of splits) {
    out.cnndm[split] = cnnRows(bySplit(cnndm, split));
    out.xsum[split] = xsumRows(bySplit(xsum, split));
  }
  if (splits.length === 2) out.cnndm.all = cnnRows(cnndm);
  if (halves && splits.includes('validation')) {
    const v = bySplit(cnndm, 'validation');
    out.cnndm['validation-a'] = cnnRows(v.filter((_, i) => i % 2 === 0));
    out.cnndm['validation-b'] = cnnRows(v.filter((_, i) => i % 2 === 1));
  }
  return out;
}
