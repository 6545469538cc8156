// Scale: cold and warm loads of large corpora, resident memory, and /ask latency, each run in a fresh process.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeScaledCorpus, type Article } from './corpus.js';

export interface ScaleResult {
  docs: number;
  /** null when a kept corpus and cache were reused (`--scale-dir`), so no cold load was run. */
  coldLoadMs: number | null;
  warmLoadMs: number;
  indexMs: number;
  rssMB: number;
  askP50Ms: number;
  askP99Ms: number;
  /** Median time the QA pipeline (paraphrases, scorer) adds to a question over the shape answerer alone. */
  qaExtraMedianMs: number;
  answeredShare: number;
  /** Per question, counts the load does not change: whole briefings read from the cache (mean, most), sentences read. */
  briefingsReadPerAsk: number;
  briefingsReadMost: number;
  sentencesReadPerAsk: number;
  textsTokenisedPerAsk: number;
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

/**
 * `keep`: a folder where each size's corpus and cache are kept between runs (`--scale-dir`); a size whose cache is
 * there already runs warm only, so the slow cold derive of a large corpus is paid once.
 */
export function benchScale(articles: Article[], sizes: number[], questions = 200, keep?: string): ScaleResult[] {
  const results: ScaleResult[] = [];
  for (const docs of sizes) {
    const root = keep ? join(resolve(keep), String(docs)) : mkdtempSync(join(tmpdir(), `briefbot-scale-${docs}-`));
    try {
      const dir = join(root, 'seeds');
      const cache = join(root, 'cache.db');
      const reuse = keep !== undefined && existsSync(cache) && existsSync(dir);
      if (!reuse) {
        mkdirSync(root, { recursive: true });
        rmSync(dir, { recursive: true, force: true });
        writeScaledCorpus(articles, docs, dir);
      }
      const cold = reuse ? null : worker(dir, cache, 'cold', 10);
      const warm = worker(dir, cache, 'warm', questions);
      results.push({
        docs,
        coldLoadMs: cold ? cold.loadMs! : null,
        warmLoadMs: warm.loadMs! + warm.indexMs!,
        indexMs: warm.indexMs!,
        rssMB: warm.rssMB!,
        askP50Ms: warm.askP50Ms!,
        askP99Ms: warm.askP99Ms!,
        qaExtraMedianMs: warm.qaExtraMedianMs!,
        answeredShare: Math.round((warm.answered! / warm.asked!) * 100) / 100,
        briefingsReadPerAsk: warm.briefingsReadPerAsk!,
        briefingsReadMost: warm.briefingsReadMost!,
        sentencesReadPerAsk: warm.sentencesReadPerAsk!,
        textsTokenisedPerAsk: warm.textsTokenisedPerAsk!,
      });
    } finally {
      if (!keep) rmSync(root, { recursive: true, force: true });
    }
  }
  return results;
}
