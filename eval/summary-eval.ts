// ROUGE of briefbot's key points against reference summaries, next to LEAD-3 from the same sentence split.
import { cleanDocument } from '../src/briefing/clean.js';
import { splitSentences } from '../src/briefing/sentences.js';
import { summarize } from '../src/briefing/summary.js';
import { loadSummaryRecords, type SummaryRecord } from './data.js';
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

export const briefbotSystem = (k: number): System => (article) => {
  const sentences = splitSentences(cleanDocument(article));
  return summarize(sentences).summary.keyPoints.slice(0, k);
};

export const leadSystem = (k: number): System => (article) =>
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
  return { n: records.length, rouge1: mean(sum.rouge1), rouge2: mean(sum.rouge2), rougeL: mean(sum.rougeL), rougeLsum: mean(sum.rougeLsum) };
}

export interface SummaryEvalResult {
  /** cnndm[split][system] */
  cnndm: Record<'validation' | 'test' | 'all', Record<'briefbot' | 'lead3', RougeRow>>;
  /** First key point vs the one-sentence reference, next to LEAD-1. */
  xsum: Record<'validation' | 'test', Record<'briefbot' | 'lead1', RougeRow>>;
}

export function runSummaryEval(): SummaryEvalResult {
  const cnndm = loadSummaryRecords('cnndm');
  const xsum = loadSummaryRecords('xsum');
  const bySplit = (rs: SummaryRecord[], split: 'validation' | 'test') => rs.filter((r) => r.split === split);
  const cnnRows = (rs: SummaryRecord[]) => ({ briefbot: evaluate(rs, briefbotSystem(3)), lead3: evaluate(rs, leadSystem(3)) });
  const xsumRows = (rs: SummaryRecord[]) => ({ briefbot: evaluate(rs, briefbotSystem(1)), lead1: evaluate(rs, leadSystem(1)) });
  return {
    cnndm: { validation: cnnRows(bySplit(cnndm, 'validation')), test: cnnRows(bySplit(cnndm, 'test')), all: cnnRows(cnndm) },
    xsum: { validation: xsumRows(bySplit(xsum, 'validation')), test: xsumRows(bySplit(xsum, 'test')) },
  };
}
