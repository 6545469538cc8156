// The who's who against a small hand-made gold set (eval/gold/whos-who.json: 30 PolNeAR train articles, people and
// their roles written down by hand before the pipeline was run on them).
//
// People: a predicted person matches a gold one (one to one) when their last name words agree and their first name
// words do not contradict ("Clinton" matches "Hillary Clinton", "Bill Clinton" does not). Optional gold people
// (bylines, photo credits, fictional characters) are never required, and predicting them is no error.
// Precision = matched / predicted people (less those matching optional ones); recall = matched / required gold people.
//
// Descriptions, over matched required people: correct when the gold lists no role and the output gives none, or when
// the output's description holds at least half of the content words of one of the gold roles.
// `npm run eval` prints it; `node bin/run-ts.mjs eval/whos-who-eval.ts --errors` also lists every miss.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { deriveBriefing } from '../src/briefing/derive.js';
import type { Entity } from '../src/briefing/types.js';
import { loadPolnear } from './polnear.js';

interface GoldPerson {
  name: string;
  roles: string[];
  optional?: boolean;
  post?: boolean;
}
interface GoldArticle {
  id: string;
  people: GoldPerson[];
}

export interface WhosWhoScores {
  articles: number;
  people: { predicted: number; gold: number; matched: number; precision: number; recall: number; f1: number };
  /** People the gold marks as named only inside an embedded post: how many are found. */
  postOnly: { gold: number; found: number };
  descriptions: {
    n: number;
    correct: number;
    accuracy: number;
    /** Gold gives a role: the output's description matches one. */
    withRole: { n: number; correct: number };
    /** Gold gives none: the output says so rather than inventing one. */
    withoutRole: { n: number; correct: number };
  };
  msPerArticle: number;
}

const GOLD = fileURLToPath(new URL('./gold/whos-who.json', import.meta.url));
const STOP = new Set('a an the of for to in on at and or his her their its s'.split(' '));

const nameWords = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’']s\b/g, '')
    .toLowerCase()
    .split(/[\s-]+/)
    .map((w) => w.replace(/[^a-z]/g, ''))
    .filter((w) => w.length > 1 || false);
const contentWords = (s: string) =>
  s
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP.has(w));

/** Same person: equal last words; first words equal, or one side gives only a surname. */
export function samePerson(gold: string, predicted: string): boolean {
  const g = nameWords(gold);
  const p = nameWords(predicted);
  if (!g.length || !p.length) return false;
  if (g.length === 1 || p.length === 1)
    return g[g.length - 1] === p[p.length - 1] || (g.length === 1 && p.includes(g[0]!));
  return g[g.length - 1] === p[p.length - 1] && g[0] === p[0];
}

export function describes(goldRoles: string[], description: string | undefined): boolean {
  if (!goldRoles.length) return !description;
  if (!description) return false;
  const have = new Set(contentWords(description));
  return goldRoles.some((r) => {
    const want = contentWords(r);
    return want.length > 0 && want.filter((w) => have.has(w)).length * 2 >= want.length;
  });
}

const names = (e: Entity) => [e.name, ...e.aliases];

export function runWhosWhoEval(errors?: (line: string) => void): WhosWhoScores {
  const gold = (JSON.parse(readFileSync(GOLD, 'utf8')) as { articles: GoldArticle[] }).articles;
  const byId = new Map(loadPolnear('train').map((a) => [a.id, a]));
  let predicted = 0,
    goldN = 0,
    matched = 0,
    postGold = 0,
    postFound = 0;
  const withRole = { n: 0, correct: 0 };
  const withoutRole = { n: 0, correct: 0 };
  let ms = 0;
  for (const ga of gold) {
    const article = byId.get(ga.id);
    if (!article) throw new Error(`eval/gold/whos-who.json names ${ga.id}, which is not in quotes-polnear-train.jsonl`);
    const t0 = performance.now();
    const people = deriveBriefing({ text: article.article, source: ga.id }).entities.people;
    ms += performance.now() - t0;
    const used = new Set<Entity>();
    const pairs: Array<[GoldPerson, Entity | undefined]> = [];
    // Full gold names claim their people first, so a bare "Clinton" cannot take Hillary Clinton's entry.
    const order = [...ga.people].sort((a, b) => nameWords(b.name).length - nameWords(a.name).length);
    for (const g of order) {
      const hit =
        people.find((p) => !used.has(p) && samePerson(g.name, p.name)) ??
        people.find((p) => !used.has(p) && names(p).some((n) => samePerson(g.name, n)));
      if (hit) used.add(hit);
      pairs.push([g, hit]);
    }
    const optionalHits = pairs.filter(([g, p]) => g.optional && p).length;
    predicted += people.length - optionalHits;
    for (const [g, p] of pairs) {
      if (g.optional) continue;
      goldN++;
      if (g.post) postGold++;
      if (!p) {
        errors?.(`${ga.id}: missed ${g.name}`);
        continue;
      }
      matched++;
      if (g.post) postFound++;
      const ok = describes(g.roles, p.description);
      const tally = g.roles.length ? withRole : withoutRole;
      tally.n++;
      if (ok) tally.correct++;
      else
        errors?.(
          `${ga.id}: ${p.name}: described ${JSON.stringify(p.description ?? null)}, gold ${JSON.stringify(g.roles)}`,
        );
    }
    for (const p of people)
      if (!used.has(p)) errors?.(`${ga.id}: not a gold person: ${p.name}${p.description ? ` (${p.description})` : ''}`);
  }
  const r = (x: number) => Math.round(x * 1000) / 1000;
  const precision = predicted ? matched / predicted : 0;
  const recall = goldN ? matched / goldN : 0;
  const n = withRole.n + withoutRole.n;
  const correct = withRole.correct + withoutRole.correct;
  return {
    articles: gold.length,
    people: {
      predicted,
      gold: goldN,
      matched,
      precision: r(precision),
      recall: r(recall),
      f1: r(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
    },
    postOnly: { gold: postGold, found: postFound },
    descriptions: { n, correct, accuracy: r(n ? correct / n : 0), withRole, withoutRole },
    msPerArticle: r(ms / gold.length),
  };
}

export function printWhosWho(s: WhosWhoScores): void {
  console.log(`\nWho's who (hand-made gold, ${s.articles} PolNeAR train articles; eval/gold/whos-who.json)`);
  console.log(
    `people: precision ${s.people.precision} (${s.people.matched}/${s.people.predicted}), recall ${s.people.recall} (${s.people.matched}/${s.people.gold}), F1 ${s.people.f1}`,
  );
  console.log(`named only in embedded posts: ${s.postOnly.found}/${s.postOnly.gold} found`);
  const d = s.descriptions;
  console.log(
    `descriptions: ${d.accuracy} (${d.correct}/${d.n}); with a gold role ${d.withRole.correct}/${d.withRole.n}, with none (says so) ${d.withoutRole.correct}/${d.withoutRole.n}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const show = process.argv.includes('--errors');
  printWhosWho(runWhosWhoEval(show ? (l) => console.log(`  ${l}`) : undefined));
}
