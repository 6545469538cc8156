// `npm run bench`: what users feel. Prints a table; `npm run bench -- --json` prints one JSON line instead.
// Options: --sizes 1000,10000 (scale corpora), --rounds 3 (derive passes), --story-sizes 10000,100000,
// --skip derive,scale,stories,ingest,interaction,digests, --digest-subscriptions 10000,
// --scale-dir DIR (keep each scale corpus and its cache there; a later run reuses them and runs warm only)
import { cpus } from 'node:os';
import { benchDerive } from './derive-bench.js';
import { evalArticles } from './corpus.js';
import { benchScale } from './scale-bench.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const json = args.includes('--json');
const sizes = (flag('sizes') ?? '1000,10000').split(',').map(Number);
const skip = new Set((flag('skip') ?? '').split(','));
const say = (text: string) => {
  if (!json) console.log(text);
};

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  date: new Date().toISOString().slice(0, 10),
};
const result: Record<string, unknown> = { machine };
const articles = evalArticles();

if (!skip.has('derive')) {
  say(`derive: ${articles.length} articles from ../shared/eval …`);
  const derive = await benchDerive(articles, Number(flag('rounds') ?? 3));
  result.derive = derive;
  say(
    `  briefbot full briefing: median ${derive.msPerArticleMedian} ms, p99 ${derive.msPerArticleP99} ms, ${derive.articlesPerSecond} articles/s`,
  );
  for (const p of derive.peers) say(`  ${p.name}: median ${p.msPerArticleMedian} ms (peer/briefbot = ${p.ratio})`);
}

if (!skip.has('scale')) {
  say(`scale: ${sizes.join(', ')} documents (each in a fresh process) …`);
  const scale = benchScale(articles, sizes, 200, flag('scale-dir'));
  result.scale = scale;
  say('  docs    cold load   warm load   (index)   RSS     /ask p50   /ask p99   answered   QA extra (median)');
  for (const s of scale) {
    say(
      `  ${String(s.docs).padEnd(7)} ${(s.coldLoadMs === null ? 'reused' : `${s.coldLoadMs} ms`).padEnd(11)} ${`${s.warmLoadMs} ms`.padEnd(11)} ${`${s.indexMs} ms`.padEnd(9)} ${`${s.rssMB} MB`.padEnd(7)} ${`${s.askP50Ms} ms`.padEnd(10)} ${`${s.askP99Ms} ms`.padEnd(10)} ${`${Math.round(s.answeredShare * 100)}%`.padEnd(10)} ${s.qaExtraMedianMs} ms`,
    );
    say(
      `          per question: ${s.briefingsReadPerAsk} whole briefings read (most ${s.briefingsReadMost}), ${s.sentencesReadPerAsk} sentences read, ${s.textsTokenisedPerAsk} texts tokenised`,
    );
  }
}

if (!skip.has('stories')) {
  const { benchStories } = await import('./stories-bench.js');
  const storySizes = (flag('story-sizes') ?? '10000,100000').split(',').map(Number);
  say(`stories: clustering ${storySizes.join(', ')} synthetic articles …`);
  const stories = benchStories(storySizes);
  result.stories = stories;
  for (const s of stories)
    say(
      `  ${String(s.articles).padEnd(7)} ${s.msPerArticle} ms per article, process RSS ${s.rssMB} MB, ${s.stories} stories`,
    );
}

if (!skip.has('ingest')) {
  const { benchIngest } = await import('./ingest-bench.js');
  say('ingest: 20 loopback feeds × 25 teaser items, each page fetched, extracted, briefed, stored and indexed …');
  const ingest = await benchIngest(articles);
  result.ingest = ingest;
  say(`  ${ingest.articles} articles in ${ingest.seconds} s: ${ingest.articlesPerSecond} articles/s`);
}

if (!skip.has('interaction')) {
  try {
    const { benchInteraction } = await import('./interaction-bench.js');
    const docs = Number(flag('interaction-docs') ?? 1000);
    say(`interaction: INTERACTION_CREATE → callback on the Discord emulator, ${docs} documents …`);
    const interaction = await benchInteraction(articles, docs);
    result.interaction = interaction;
    say('  command      callback p50   callback p99   reply p50   reply p99');
    for (const i of interaction) {
      say(
        `  /${i.command.padEnd(11)} ${`${i.p50Ms} ms`.padEnd(14)} ${`${i.p99Ms} ms`.padEnd(14)} ${`${i.answerP50Ms} ms`.padEnd(11)} ${i.answerP99Ms} ms`,
      );
    }
  } catch (error) {
    say(`interaction: failed (${(error as Error).message})`);
    result.interaction = { error: (error as Error).message };
  }
}

if (!skip.has('digests')) {
  const { benchDigestReplicas } = await import('./digest-replicas-bench.js');
  const subs = Number(flag('digest-subscriptions') ?? 10_000);
  say(`digests: ${subs} subscriptions due at once, 3 replica processes with their own pools on a throwaway Postgres …`);
  const digests = await benchDigestReplicas(subs, 3);
  result.digests = digests;
  say(
    `  all posted in ${digests.msUntilAllPosted} ms, each exactly once: ${digests.postedOnce}, ${digests.roundTripsPerDigest} Postgres round trips per digest, posted per replica: ${digests.postsPerReplica.join(' / ')}`,
  );
}

say(`machine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${machine.date}`);
if (json) console.log(JSON.stringify(result));
