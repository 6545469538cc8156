// SQuAD 2.0 dev at sentence level (../shared/eval/README.md): each article's paragraphs are loaded as stories;
// an answerable question counts when the shown text (short answer and cited sentence) holds a gold answer, an
// unanswerable one when the reply declines. EM/F1 of the short answer the official SQuAD 2.0 way (a decline is
// the empty answer, right for an unanswerable question). Folds by article: article i is in fold i mod 4.
// `node bin/run-ts.mjs eval/squad-eval.ts [--verbose]`
import { fileURLToPath } from 'node:url';
import { deriveBriefing } from '../src/briefing/derive.js';
import { Library } from '../src/library/library.js';
import { ask } from '../src/questions/qa/ask.js';
import type { Answer } from '../src/questions/answer.js';
import { buildIndex, type QuestionIndex } from '../src/questions/search-index.js';
import { readJsonl, SHARED_EVAL } from './data.js';

interface Paragraph {
  id: string;
  title: string;
  context: string;
  qas: Array<{ id: string; question: string; is_impossible: boolean; answers: Array<{ text: string }> | string[] }>;
}

export interface SquadScore {
  n: number;
  accuracy: number;
  answerable: number;
  answeredRight: number;
  unanswerable: number;
  declined: number;
  alwaysDecline: number;
  em: number;
  f1: number;
}

export const FOLDS = 4;

const answerText = (a: { text: string } | string) => (typeof a === 'string' ? a : a.text);

/** SQuAD's normalisation: lower case, no punctuation, no articles, single spaces. */
export function normalizeAnswer(s: string): string {
  return s
    .toLowerCase()
    .replace(/[!-/:-@[-`{-~\u2018\u2019\u201c\u201d]/g, '')
    .replace(/\b(a|an|the)\b/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
}

export function tokenF1(prediction: string, gold: string): number {
  const p = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const g = normalizeAnswer(gold).split(' ').filter(Boolean);
  if (p.length === 0 || g.length === 0) return p.length === g.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of p) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      same++;
      counts.set(t, c - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / g.length;
  return (2 * precision * recall) / (precision + recall);
}

interface Row {
  fold: number;
  impossible: boolean;
  right: boolean;
  em: number;
  f1: number;
  line: string;
}

/** Every SQuAD question with its article's fold and its question index, for the eval and for training. */
export function squadQuestions(): Array<{ fold: number; index: QuestionIndex; q: Paragraph['qas'][number] }> {
  const paragraphs = readJsonl<Paragraph>(`${SHARED_EVAL}squad2-dev.jsonl`);
  const titles = [...new Set(paragraphs.map((p) => p.title))];
  return titles.flatMap((title, a) => {
    const mine = paragraphs.filter((p) => p.title === title);
    const index = buildIndex(
      new Library(mine.map((p, i) => ({ briefing: deriveBriefing({ text: p.context, source: p.id }), addedAt: i }))),
    );
    return mine.flatMap((p) => p.qas.map((q) => ({ fold: a % FOLDS, index, q })));
  });
}

/** The gold answers ('' for an unanswerable question) and whether the shown text of an answer holds one. */
export function judge(
  q: Paragraph['qas'][number],
  result: Answer,
): { golds: string[]; right: boolean; prediction: string } {
  const golds = q.is_impossible ? [''] : q.answers.map(answerText);
  const sentence = result.sources[0]?.sentence ?? '';
  const shown = normalizeAnswer(`${result.short ?? ''} ${sentence}`);
  const right = q.is_impossible
    ? result.answer === null
    : result.answer !== null && golds.some((g) => shown.includes(normalizeAnswer(g)));
  return { golds, right, prediction: result.answer === null ? '' : (result.short ?? sentence) };
}

export function squadRows(): Row[] {
  return squadQuestions().map(({ fold, index, q }) => {
    const result = ask(index, q.question);
    const { golds, right, prediction } = judge(q, result);
    const em = Math.max(...golds.map((g) => Number(normalizeAnswer(g) === normalizeAnswer(prediction))));
    const f1 = Math.max(...golds.map((g) => tokenF1(prediction, g)));
    const line = `${right ? 'ok ' : 'BAD'} ${q.is_impossible ? 'U' : 'A'} "${q.question}" -> ${result.answer === null ? 'declined' : prediction.slice(0, 100)} | gold ${golds[0]}`;
    return { fold, impossible: q.is_impossible, right, em, f1, line };
  });
}

export function summarise(rows: Row[]): SquadScore {
  const n = rows.length;
  const able = rows.filter((r) => !r.impossible);
  const unable = rows.filter((r) => r.impossible);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n,
    accuracy: r3(rows.filter((r) => r.right).length / n),
    answerable: able.length,
    answeredRight: r3(able.filter((r) => r.right).length / able.length),
    unanswerable: unable.length,
    declined: r3(unable.filter((r) => r.right).length / unable.length),
    alwaysDecline: r3(unable.length / n),
    em: r3((100 * rows.reduce((s, r) => s + r.em, 0)) / n) / 1,
    f1: r3((100 * rows.reduce((s, r) => s + r.f1, 0)) / n) / 1,
  };
}

export function runSquadEval(verbose = false): { all: SquadScore; folds: SquadScore[] } {
  const rows = squadRows();
  if (verbose) for (const r of rows) console.log(r.line);
  const folds = Array.from({ length: FOLDS }, (_, f) => summarise(rows.filter((r) => r.fold === f)));
  return { all: summarise(rows), folds };
}

export function printSquad(result: { all: SquadScore; folds: SquadScore[] }): void {
  const line = (name: string, s: SquadScore) =>
    `${name.padEnd(8)} n ${String(s.n).padStart(4)}  acc ${s.accuracy.toFixed(3)}  answerable right ${s.answeredRight.toFixed(3)}  unanswerable declined ${s.declined.toFixed(3)}  always-decline ${s.alwaysDecline.toFixed(3)}  EM ${s.em.toFixed(1)}  F1 ${s.f1.toFixed(1)}`;
  console.log('\nQuestions: SQuAD 2.0 dev, sentence level, committed scorer (fitted on all of it; folds by article)');
  console.log(line('all', result.all));
  for (const [f, s] of result.folds.entries()) console.log(line(`fold ${f}`, s));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  printSquad(runSquadEval(process.argv.includes('--verbose')));
