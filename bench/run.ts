// `npm run bench`: what users feel. Prints a table; `npm run bench -- --json` prints one JSON line instead.
// Options: --sizes 1000,10000 (scale corpora), --rounds 3 (derive passes), --skip derive,scale,interaction
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

const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, date: new Date().toISOString().slice(0, 10) };
const result: Record<string, unknown> = { machine };
const articles = evalArticles();

if (!skip.has('derive')) {
  say(`derive: ${articles.length} articles from ../shared/eval …`);
  const derive = await benchDerive(articles, Number(flag('rounds') ?? 3));
  result.derive = derive;
  say(`  briefbot full briefing: median ${derive.msPerArticleMedian} ms, p99 ${derive.msPerArticleP99} ms, ${derive.articlesPerSecond} articles/s`);
  for (const p of derive.peers) say(`  ${p.name}: median ${p.msPerArticleMedian} ms (peer/briefbot = ${p.ratio})`);
}

if (!skip.has('scale')) {
  say(`scale: ${sizes.join(', ')} documents (each in a fresh process) …`);
  const scale = benchScale(articles, sizes);
  result.scale = scale;
  say('  docs    cold load   warm load   (index)   RSS     /ask p50   /ask p99   answered');
  for (const s of scale) {
    say(`  ${String(s.docs).padEnd(7)} ${`${s.coldLoadMs} ms`.padEnd(11)} ${`${s.warmLoadMs} ms`.padEnd(11)} ${`${s.indexMs} ms`.padEnd(9)} ${`${s.rssMB} MB`.padEnd(7)} ${`${s.askP50Ms} ms`.padEnd(10)} ${`${s.askP99Ms} ms`.padEnd(10)} ${Math.round(s.answeredShare * 100)}%`);
  }
}

if (!skip.has('interaction')) {
  try {
    const modulePath = './interaction-bench.js';
    const { benchInteraction } = (await import(modulePath)) as { benchInteraction: (a: typeof articles, docs: number) => Promise<unknown[]> };
    say('interaction: INTERACTION_CREATE → callback on the Discord emulator, 1000 documents …');
    const interaction = (await benchInteraction(articles, 1000)) as Array<{ command: string; p50Ms: number; p99Ms: number }>;
    result.interaction = interaction;
    for (const i of interaction) say(`  /${i.command.padEnd(11)} p50 ${i.p50Ms} ms   p99 ${i.p99Ms} ms`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    say('interaction: skipped (bench/interaction-bench.ts not present)');
  }
}

say(`machine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${machine.date}`);
if (json) console.log(JSON.stringify(result));
