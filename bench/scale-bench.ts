// Scale: cold and warm loads of large corpora, resident memory, and /ask latency, each run in a fresh process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeScaledCorpus, type Article } from './corpus.js';

export interface ScaleResult {
  docs: number;
  coldLoadMs: number;
  warmLoadMs: number;
  indexMs: number;
  rssMB: number;
  askP50Ms: number;
  askP99Ms: number;
  /** Median time the QA pipeline (paraphrases, scorer) adds to a question over the shape answerer alone. */
  qaExtraMedianMs: number;
  answeredShare: number;
}

const ROOT = resolve(import.meta.dirname, '..');

function worker(dir: string, cache: string, mode: 'cold' | 'warm', questions: number): Record<string, number> {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      join(ROOT, 'bin/run-ts.mjs'),
      join(ROOT, 'bench/scale-worker.ts'),
      dir,
      cache,
      mode,
      String(questions),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
}

export function benchScale(articles: Article[], sizes: number[], questions = 200): ScaleResult[] {
  const results: ScaleResult[] = [];
  for (const docs of sizes) {
    const root = mkdtempSync(join(tmpdir(), `briefbot-scale-${docs}-`));
    try {
      const dir = join(root, 'seeds');
      writeScaledCorpus(articles, docs, dir);
      const cache = join(root, 'cache.db');
      const cold = worker(dir, cache, 'cold', 10);
      const warm = worker(dir, cache, 'warm', questions);
      results.push({
        docs,
        coldLoadMs: cold.loadMs!,
        warmLoadMs: warm.loadMs! + warm.indexMs!,
        indexMs: warm.indexMs!,
        rssMB: warm.rssMB!,
        askP50Ms: warm.askP50Ms!,
        askP99Ms: warm.askP99Ms!,
        qaExtraMedianMs: warm.qaExtraMedianMs!,
        answeredShare: Math.round((warm.answered! / warm.asked!) * 100) / 100,
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return results;
}
