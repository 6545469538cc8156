// Scores /ask on the question sets in tests/fixtures/questions: every answerable question must be answered from
// the right story with the expected words, every unrelated one declined.
// `node bin/run-ts.mjs eval/questions-eval.ts [set-name...] [--verbose]` (default: the dev sets).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deriveBriefing } from '../src/briefing/derive.js';
import { Library } from '../src/library/library.js';
import type { Answer } from '../src/questions/answer.js';
import { ask as answerQuestion } from '../src/questions/qa/ask.js';
import { buildIndex } from '../src/questions/search-index.js';
import { readJsonl, SHARED_EVAL } from './data.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SETS = fileURLToPath(new URL('../tests/fixtures/questions/', import.meta.url));

export const SETS_DIR = SETS;

export interface QuestionSet {
  description: string;
  stories: Array<{ path: string } | { eval: 'cnndm' | 'xsum'; id: string }>;
  questions: Array<{
    question: string;
    expect?: { story?: string; all?: string[]; any?: string[] };
    decline?: boolean;
  }>;
}

export interface SetScore {
  name: string;
  answerable: number;
  answered: number;
  unrelated: number;
  declined: number;
  failures: string[];
}

const articles = new Map<string, string>();
function article(set: 'cnndm' | 'xsum', id: string): string {
  if (articles.size === 0) {
    for (const name of ['cnndm', 'xsum'] as const) {
      for (const r of readJsonl<{ id: string; article: string }>(`${SHARED_EVAL}${name}-sample.jsonl`))
        articles.set(r.id, r.article);
    }
  }
  const text = articles.get(id);
  if (!text) throw new Error(`${set}: no article ${id}`);
  return text;
}

/** A library of the set's stories; an eval article's source is its id, so expectations can name it. */
export function libraryFor(set: QuestionSet): Library {
  return new Library(
    set.stories.map((s, i) => {
      const [text, source] =
        'path' in s ? [readFileSync(`${ROOT}${s.path}`, 'utf8'), s.path] : [article(s.eval, s.id), s.id];
      return { briefing: deriveBriefing({ text, source }), addedAt: i };
    }),
  );
}

const norm = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"');

/** Whether an answer meets an answerable question's expectations (the right story, the expected words). */
export function answersRight(q: QuestionSet['questions'][number], result: Answer): boolean {
  const text = norm(result.answer ?? '');
  const expect = q.expect ?? {};
  const story = result.sources[0]?.story.briefing.source;
  return (
    result.answer !== null &&
    (!expect.story || story === expect.story) &&
    (expect.all ?? []).every((w) => text.includes(norm(w))) &&
    (!expect.any || expect.any.some((w) => text.includes(norm(w))))
  );
}

export function scoreSet(name: string, set: QuestionSet): SetScore {
  const index = buildIndex(libraryFor(set));
  const score: SetScore = { name, answerable: 0, answered: 0, unrelated: 0, declined: 0, failures: [] };
  for (const q of set.questions) {
    const result = answerQuestion(index, q.question);
    const shown = result.answer === null ? 'declined' : `${result.question.shape}: ${result.answer.slice(0, 160)}`;
    if (q.decline) {
      score.unrelated++;
      if (result.answer === null) score.declined++;
      else score.failures.push(`ANSWERED "${q.question}" -> ${shown}`);
      continue;
    }
    score.answerable++;
    const expect = q.expect ?? {};
    const story = result.sources[0]?.story.briefing.source;
    if (answersRight(q, result)) score.answered++;
    else
      score.failures.push(
        `WRONG "${q.question}" (${result.question.shape}) -> ${shown}${expect.story && story !== expect.story ? ` [story ${story}]` : ''}`,
      );
  }
  return score;
}

/** Scores and prints each named set (a file of tests/fixtures/questions). */
export function scoreSets(names: string[], verbose = false): SetScore[] {
  return names.map((name) => {
    const set = JSON.parse(readFileSync(`${SETS}${name}.json`, 'utf8')) as QuestionSet;
    const s = scoreSet(name, set);
    console.log(
      `${name}: answered ${s.answered}/${s.answerable} correctly, declined ${s.declined}/${s.unrelated} unrelated`,
    );
    if (verbose) for (const f of s.failures) console.log(`  ${f}`);
    return s;
  });
}

function main(): void {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('--'));
  const scores = scoreSets(names.length ? names : ['seed-dev', 'eval-dev'], args.includes('--verbose'));
  process.exitCode = scores.some((s) => s.failures.length) ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
