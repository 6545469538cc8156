// Loads the shared evaluation sets (JSON Lines) that live next to the project, never inside it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_EVAL = fileURLToPath(new URL('../../shared/eval/', import.meta.url));

export type Split = 'validation' | 'test';

export interface SummaryRecord {
  id: string;
  outlet: string;
  split: Split | null;
  article: string;
  /** The reference, one sentence per entry (CNN/DM highlights; XSum's single sentence). */
  reference: string[];
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch (err) {
        throw new Error(`${path}:${i + 1}: not JSON (${(err as Error).message})`);
      }
    });
}

interface RawSummaryRecord {
  id: string;
  outlet: string;
  frank_split: Split | null;
  article: string;
  reference_summary: string;
  reference_sentences?: string[];
}

/** `name` is "cnndm" or "xsum". */
export function loadSummaryRecords(name: 'cnndm' | 'xsum', dir = SHARED_EVAL): SummaryRecord[] {
  return readJsonl<RawSummaryRecord>(`${dir}${name}-sample.jsonl`).map((r) => ({
    id: r.id,
    outlet: r.outlet,
    split: r.frank_split,
    article: r.article,
    reference: r.reference_sentences?.length ? r.reference_sentences : [r.reference_summary],
  }));
}
