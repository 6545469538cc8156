// One scale measurement in a fresh process, so load time and resident memory are what a restarting bot sees.
// Usage: node --expose-gc bin/run-ts.mjs bench/scale-worker.ts DIR CACHE_PATH cold|warm QUESTIONS [ANSWERS_FILE]
// With ANSWERS_FILE, each question's reply (text and data) is written there, one JSON line each, to diff two runs.
import { rmSync, writeFileSync } from 'node:fs';
import { commands } from '../commands/index.js';
import { createBot } from '../src/core/bot.js';
import type { Caller } from '../src/core/caller.js';
import { Library } from '../src/library/library.js';
import { loadFolder } from '../src/library/load.js';
import { answerQuestion } from '../src/questions/answer.js';
import { ask } from '../src/questions/qa/ask.js';
import { silentLogger } from '../src/log.js';
import { percentile, round } from './stats.js';
import {
  getReady,
  indexStore,
  knownFiles,
  lazyIndex,
  lazyStories,
  openQuestionCache,
  storyGroupStore,
} from '../src/app.js';

const [dir, cachePath, mode, questionCount, answersFile] = process.argv.slice(2) as [
  string,
  string,
  'cold' | 'warm',
  string,
  string | undefined,
];
if (mode === 'cold') rmSync(cachePath, { force: true });

const caller: Caller = { platform: 'cli', userId: 'bench', channelId: 'cli:bench', isAdmin: false };
const started = performance.now();
const cache = openQuestionCache(cachePath);
const { stories, skipped } = await loadFolder(
  dir,
  { maxBytes: 5 * 1024 * 1024 },
  cache.deriveStored,
  knownFiles(cache),
);
const library = new Library(stories);
const questionIndex = lazyIndex(library, indexStore(cache));
const storyBook = lazyStories(library, storyGroupStore(cache));
const bot = createBot(
  { library, questions: questionIndex, stories: storyBook, commands, botName: 'briefbot', now: () => new Date() },
  silentLogger,
);
const loadMs = performance.now() - started;

// Getting ready, as the app does at start-up: the search index built or restored, each answer shape primed, the
// articles grouped into stories; then the tagger loads, as it does just after start-up.
const indexStart = performance.now();
getReady({ library, questions: questionIndex, stories: storyBook });
const index = questionIndex();
const indexMs = performance.now() - indexStart;
await new Promise((resolve) => setTimeout(resolve, 10));

/** Questions of every shape the bot handles, about people and things the corpus names, and some it does not. */
function questions(n: number): string[] {
  const out: string[] = [];
  const briefings = library.briefings();
  const offTopic = [
    'what is the weather in Lima tomorrow?',
    'who won the chess olympiad?',
    'how many moons does Neptune have?',
    'why is the sky green?',
  ];
  for (let i = 0; out.length < n; i++) {
    const b = briefings[(i * 7919) % briefings.length]!;
    const person = b.entities.people[i % Math.max(1, b.entities.people.length)]?.name;
    const place = b.entities.places[0]?.name;
    switch (i % 5) {
      case 0:
        out.push(person ? `who is ${person}?` : `what happened in ${place ?? 'the city'}?`);
        break;
      case 1:
        out.push(person ? `what did ${person} say?` : 'what did the minister say?');
        break;
      case 2:
        out.push(`when did ${b.title.split(/\s+/).slice(0, 4).join(' ')} happen?`);
        break;
      case 3:
        out.push(`how many people were affected in ${place ?? 'the area'}?`);
        break;
      default:
        out.push(offTopic[i % offTopic.length]!);
    }
  }
  return out;
}

const asks: number[] = [];
let answered = 0;
const replies: string[] = [];
// Work counted, which the machine's load does not change: whole briefings read back from the cache, sentences read
// for a story, sentence texts tokenised.
const work = () => [cache.reads, index.sentencesRead, index.textsTokenised] as const;
const before = work();
let mostRead = 0;
for (const question of questions(Number(questionCount))) {
  const reads = cache.reads;
  const start = performance.now();
  const reply = await bot.run('ask', { question }, caller);
  asks.push(performance.now() - start);
  mostRead = Math.max(mostRead, cache.reads - reads);
  if ((reply.data as { answer?: string | null } | undefined)?.answer) answered++;
  if (answersFile) replies.push(JSON.stringify({ question, reply }));
}
const [briefingsRead, sentencesRead, textsTokenised] = work().map((n, i) => n - before[i]!);
if (answersFile) writeFileSync(answersFile, `${replies.join('\n')}\n`);
// What the QA pipeline adds (paraphrased retries, features, the scorer): the pipeline against the shape answerer
// alone, on the same questions, the median of the per-question difference.
const extra: number[] = [];
for (const question of questions(Number(questionCount))) {
  const t0 = performance.now();
  answerQuestion(index, question);
  const t1 = performance.now();
  ask(index, question);
  extra.push(performance.now() - t1 - (t1 - t0));
}
(globalThis as { gc?: () => void }).gc?.();
const rssMB = process.memoryUsage().rss / (1024 * 1024);
cache.close();
console.log(
  JSON.stringify({
    mode,
    docs: stories.length,
    skipped: skipped.length,
    loadMs: round(loadMs, 0),
    indexMs: round(indexMs, 0),
    cacheHits: cache.hits,
    rssMB: round(rssMB, 0),
    askP50Ms: round(percentile(asks, 50), 2),
    askP99Ms: round(percentile(asks, 99), 2),
    qaExtraMedianMs: round(percentile(extra, 50), 3),
    answered,
    asked: asks.length,
    briefingsReadPerAsk: round(briefingsRead! / asks.length, 1),
    briefingsReadMost: mostRead,
    sentencesReadPerAsk: round(sentencesRead! / asks.length, 1),
    textsTokenisedPerAsk: round(textsTokenised! / asks.length, 1),
  }),
);
