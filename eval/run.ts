// `npm run eval`: ROUGE (briefbot vs LEAD-3), quote scores and per-stage timings, printed and saved as JSON.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { cleanDocument, type CleanDocument } from '../src/briefing/clean.js';
import { deriveBriefing } from '../src/briefing/derive.js';
import { indexEntities } from '../src/briefing/entities.js';
import { extractQuotes } from '../src/briefing/quotes.js';
import { splitSentences } from '../src/briefing/sentences.js';
import { summarize } from '../src/briefing/summary.js';
import { extractTimeline } from '../src/briefing/timeline.js';
import type { Sentence } from '../src/briefing/types.js';
import { loadSummaryRecords } from './data.js';
import { runExtractionEval } from './extraction-eval.js';
import { runFeedsEval } from './feeds-eval.js';
import { resultsFile, RESULTS_DIR } from './results-path.js';
import { runStoriesEval } from './stories-eval.js';
import { runSummaryEval, type EvalSplit, type RougeRow } from './summary-eval.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function rougeTable(title: string, rows: Array<[string, RougeRow]>): void {
  console.log(`\n${title}`);
  console.log('system                     n     R1     R2     RL  RLsum');
  for (const [name, r] of rows) {
    const f = (x: number) => x.toFixed(2).padStart(6);
    console.log(
      `${name.padEnd(24)} ${String(r.n).padStart(4)} ${f(r.rouge1)} ${f(r.rouge2)} ${f(r.rougeL)} ${f(r.rougeLsum)}`,
    );
  }
}

/**
 * Mean milliseconds per article for each pipeline stage, each timed on its own over the same inputs: wall
 * clock, and this process's CPU time, which a busy machine inflates far less.
 */
function stageTimings(articles: string[]): { wall: Record<string, number>; cpu: Record<string, number> } {
  const per = (ms: number) => Math.round((1000 * ms) / articles.length) / 1000;
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const wall: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  const time = <T>(stage: string, fn: () => T): T => {
    const [w0, c0] = [performance.now(), cpuNow()];
    const out = fn();
    wall[stage] = per(performance.now() - w0);
    cpu[stage] = per(cpuNow() - c0);
    return out;
  };
  const docs = time('clean', () => articles.map(cleanDocument));
  const sents = time('sentences', () => docs.map((d: CleanDocument) => splitSentences(d)));
  const ents = time('entities', () => sents.map((s: Sentence[], i) => indexEntities(s, docs[i]!.socialPosts)));
  time('quotes', () => sents.map((s, i) => extractQuotes(articles[i]!, s, { index: ents[i]! })));
  time('summary', () => sents.map((s) => summarize(s)));
  time('timeline', () => sents.map((s) => extractTimeline(s, null)));
  time('deriveTotal', () => articles.map((text, i) => deriveBriefing({ text, source: String(i) })));
  return { wall, cpu };
}

// `--split validation` is for tuning: test (and PolNeAR test) are neither scored nor printed.
function parseArgs(argv: string[]): { splits: EvalSplit[]; halves: boolean; timings: boolean } {
  const at = argv.indexOf('--split');
  const value = at >= 0 ? argv[at + 1] : 'all';
  if (value !== 'validation' && value !== 'test' && value !== 'all') {
    console.error(`--split must be validation, test or all (got ${JSON.stringify(value)})`);
    process.exit(2);
  }
  return {
    splits: value === 'all' ? ['validation', 'test'] : [value],
    halves: argv.includes('--halves'),
    timings: !argv.includes('--no-timings'),
  };
}

// Quotes: 5-fold cross-validation by article on PolNeAR train, dev, and test (scored, never its errors printed).
async function quoteScores(splits: EvalSplit[]): Promise<Record<string, unknown> | null> {
  if (!existsSync(here('./quotes-eval.ts'))) return null;
  const q = await import('./quotes-eval.js');
  const { cvExtractor } = await import('./train-quotes.js');
  const folds = q.crossValidate(cvExtractor);
  const rows = [...folds, q.pooled(folds)];
  const out: Record<string, unknown> = { trainCV: rows };
  if (splits.includes('validation')) rows.push((out.dev = await q.runQuotesEval('dev')) as never);
  if (splits.includes('test')) rows.push((out.test = await q.runQuotesEval('test')) as never);
  console.log('\nQuotes (PolNeAR): speaker accuracy under both readings, and span F1');
  q.printQuotesTable(rows);
  q.printPerRule(rows.filter((r) => r.split !== 'test' && !r.split.startsWith('train fold')));
  return out;
}

const args = parseArgs(process.argv.slice(2));
if (process.argv.includes('--llm')) {
  await (await import('./llm-eval.js')).printLlmEval(args.splits);
  process.exit(0);
}
const generatedAt = new Date().toISOString();
const cnndmRecords = loadSummaryRecords('cnndm');
const xsumRecords = loadSummaryRecords('xsum');
const sizes = (rs: Array<{ split: string | null }>) =>
  args.splits.map((sp) => `${sp} ${rs.filter((r) => r.split === sp).length}`).join(', ');
console.log(`briefbot eval, ${generatedAt}; splits: ${args.splits.join(' + ')}`);
console.log(
  `CNN/DM sample ${cnndmRecords.length} (${sizes(cnndmRecords)}); XSum sample ${xsumRecords.length} (${sizes(xsumRecords)})`,
);

const rouge = runSummaryEval(args.splits, args.halves);
for (const [split, r] of Object.entries(rouge.cnndm)) {
  rougeTable(`CNN/DM ${split} (first 3 key points vs highlights)`, [
    ['briefbot', r.briefbot],
    ['LEAD-3 (this run)', r.lead3],
  ]);
}
for (const [split, r] of Object.entries(rouge.xsum)) {
  rougeTable(`XSum ${split} (first key point vs reference)`, [
    ['briefbot', r.briefbot],
    ['LEAD-1 (this run)', r.lead1],
  ]);
}

const quotes = await quoteScores(args.splits);
if (!quotes) console.log('\nQuotes (PolNeAR): eval/quotes-eval.ts not available');

// The who's who against the hand-made gold (30 PolNeAR train articles): people precision/recall, descriptions.
const { runWhosWhoEval, printWhosWho } = await import('./whos-who-eval.js');
const whosWho = runWhosWhoEval();
printWhosWho(whosWho);

// Questions: SQuAD 2.0 dev at sentence level with the committed scorer (which was fitted on all of it), the
// held-out article folds (each scored by a scorer fitted without it), and the news question sets.
const { runSquadEval, printSquad } = await import('./squad-eval.js');
const { heldOutFolds, printFolds } = await import('./train-qa.js');
const { scoreSets } = await import('./questions-eval.js');
const squad = runSquadEval();
printSquad(squad);
const folds = heldOutFolds();
printFolds(folds);
const newsSets = scoreSets(['seed-dev', 'eval-dev', 'seed-heldout', 'eval-heldout']);
const questions = { squad, heldOutFolds: folds, news: newsSets.map(({ failures: _, ...s }) => s) };
const extraction = runExtractionEval();
console.log("\nArticle extraction (shared scrapinghub pages, shingle F1 by the benchmark's method)");
console.log(JSON.stringify(extraction));
const feeds = runFeedsEval();
console.log('\nFeeds (feedparser test cases with a plain field comparison)');
console.log(
  `passed ${feeds.passed}/${feeds.attempted} = ${feeds.share}; not attempted: ${JSON.stringify(feeds.notAttempted)}`,
);
console.log('\nStories (ECB+ dev, B-cubed, 5 shuffled orders; near-duplicates on copies of CNN/DM articles)');
const stories = runStoriesEval();
console.log(
  JSON.stringify(stories, (k, v) => (k === 'perShuffle' ? (v as Array<{ f1: number }>).map((r) => r.f1) : v), 2),
);

let timings: ReturnType<typeof stageTimings> | null = null;
if (args.timings) {
  const articles = [...cnndmRecords, ...xsumRecords].map((r) => r.article);
  stageTimings(articles.slice(0, 50)); // warm up the JIT so the first stage is not charged for it
  timings = stageTimings(articles);
  const load = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
  console.log(`\nPer-stage time, ms per article (n = ${articles.length}; ${cpus().length} CPUs, load average ${load})`);
  console.log('stage          wall    cpu');
  for (const stage of Object.keys(timings.wall)) {
    console.log(`${stage.padEnd(12)} ${timings.wall[stage]!.toFixed(3)}  ${timings.cpu[stage]!.toFixed(3)}`);
  }
}

const figures = {
  generatedAt,
  splits: args.splits,
  rouge,
  quotes,
  whosWho,
  questions,
  extraction,
  feeds,
  stories,
  timingsMsPerArticle: timings,
};
mkdirSync(RESULTS_DIR, { recursive: true });
const out = resultsFile(args.splits);
writeFileSync(
  out,
  `${JSON.stringify(figures, null, 2)}
`,
);
console.log(`
Wrote ${relative(process.cwd(), out)}`);
