// ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum F1 with google-research rouge_score conventions, so our
// figures are comparable with the published anchors in shared/eval/README.md.
import { porterStem } from './porter.js';

export interface Prf {
  precision: number;
  recall: number;
  f: number;
}

export interface RougeScores {
  rouge1: Prf;
  rouge2: Prf;
  rougeL: Prf;
  rougeLsum: Prf;
}

const stemCache = new Map<string, string>();

/** Lowercase, non-alphanumerics to spaces, Porter stem for tokens longer than 3 characters. */
export function tokenize(text: string): string[] {
  const tokens = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  return tokens.map((t) => {
    if (t.length <= 3) return t;
    let s = stemCache.get(t);
    if (s === undefined) stemCache.set(t, (s = porterStem(t)));
    return s;
  });
}

function prf(hits: number, predicted: number, target: number): Prf {
  const precision = predicted ? hits / predicted : 0;
  const recall = target ? hits / target : 0;
  const f = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f };
}

function ngrams(tokens: string[], n: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export function rougeN(target: string[], prediction: string[], n: number): Prf {
  const t = ngrams(target, n);
  const p = ngrams(prediction, n);
  let hits = 0;
  for (const [k, c] of p) hits += Math.min(c, t.get(k) ?? 0);
  const count = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  return prf(hits, count(p), count(t));
}

function lcsTable(a: string[], b: string[]): Int32Array[] {
  const t = Array.from({ length: a.length + 1 }, () => new Int32Array(b.length + 1));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      t[i]![j] = a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
    }
  }
  return t;
}

export function rougeL(target: string[], prediction: string[]): Prf {
  if (!target.length || !prediction.length) return prf(0, prediction.length, target.length);
  return prf(lcsTable(target, prediction)[target.length]![prediction.length]!, prediction.length, target.length);
}

/** Indices into `ref` of one LCS with `can`, backtracked as rouge_score does. */
function lcsIndices(ref: string[], can: string[]): number[] {
  const t = lcsTable(ref, can);
  const out: number[] = [];
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if (t[i]![j - 1]! > t[i - 1]![j]!) j--;
    else i--;
  }
  return out;
}

/** Summary-level LCS: union LCS of each reference sentence against all candidate sentences. */
export function rougeLsum(targetSents: string[][], predSents: string[][]): Prf {
  const m = targetSents.reduce((n, s) => n + s.length, 0);
  const n = predSents.reduce((k, s) => k + s.length, 0);
  if (!m || !n) return prf(0, n, m);
  const countsR = new Map<string, number>();
  const countsC = new Map<string, number>();
  for (const s of targetSents) for (const t of s) countsR.set(t, (countsR.get(t) ?? 0) + 1);
  for (const s of predSents) for (const t of s) countsC.set(t, (countsC.get(t) ?? 0) + 1);
  let hits = 0;
  for (const ref of targetSents) {
    const union = new Set<number>();
    for (const can of predSents) for (const i of lcsIndices(ref, can)) union.add(i);
    for (const i of [...union].sort((a, b) => a - b)) {
      const tok = ref[i]!;
      if ((countsC.get(tok) ?? 0) > 0 && (countsR.get(tok) ?? 0) > 0) {
        hits++;
        countsC.set(tok, countsC.get(tok)! - 1);
        countsR.set(tok, countsR.get(tok)! - 1);
      }
    }
  }
  return prf(hits, n, m);
}

/** Scores a prediction against a target, both given as lists of sentences. */
export function scoreRouge(targetSentences: string[], predictionSentences: string[]): RougeScores {
  const tSents = targetSentences.map(tokenize).filter((s) => s.length);
  const pSents = predictionSentences.map(tokenize).filter((s) => s.length);
  const t = tSents.flat();
  const p = pSents.flat();
  return {
    rouge1: rougeN(t, p, 1),
    rouge2: rougeN(t, p, 2),
    rougeL: rougeL(t, p),
    rougeLsum: rougeLsum(tSents, pSents),
  };
}
