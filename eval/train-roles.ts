// `npm run train:roles`: learns two small lexicons from PolNeAR train (less the 30 articles of the who's who gold
// set) and the CNN/DM and XSum validation articles. Deterministic.
// - Role nouns a story writes right before a person's full name ("moderator Dana Bash", "Poultry magnate Ronald
//   Cameron"): src/briefing/lexicon/role-nouns.json, which the describer adds to ROLE_NOUNS (PolNeAR only).
// - First names: the first word of a two-word person name whose second word the same story also uses alone
//   ("Barry Sanders … Sanders said"), in two stories or more: src/briefing/lexicon/first-names.json, which tells a
//   person ("Dominic Rhodes") from a team or brand ("Detroit Lions", "Lear Jets").
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanDocument } from '../src/briefing/clean.js';
import { findMentions } from '../src/briefing/entity-mentions.js';
import { demonymPlace } from '../src/briefing/mention-kind.js';
import { LEXICON } from '../src/briefing/lexicon/lexicon.js';
import { loadSummaryRecords } from './data.js';
import { splitSentences } from '../src/briefing/sentences.js';
import { loadPolnear } from './polnear.js';

const OUT = fileURLToPath(new URL('../src/briefing/lexicon/role-nouns.json', import.meta.url));
const OUT_NAMES = fileURLToPath(new URL('../src/briefing/lexicon/first-names.json', import.meta.url));
const GOLD = fileURLToPath(new URL('./gold/whos-who.json', import.meta.url));
/** A word must stand before a full name this often, in this many articles, to count as a role noun. */
const MIN_COUNT = 3;
const MIN_ARTICLES = 2;
// Words that stand before names without naming a role: conjunctions, prepositions, verbs and adverbs.
const NOT_ROLES = new Set(
  `and or but nor with without by to from for of in on at as than that like including
  about against between among after before during under over into onto upon via per vs versus says said told asked
  told met called named dubbed endorsed nominated defeated joined beat beats thanked praised attacked blasted
  backed criticized mocked slammed hit interviewed introduced replaced invited urged appointed hired fired
  also even only just then when while if whether because since so where who whom whose which what how why
  former late fellow then-candidate include replace defeat endorse non-partisan`.split(/\s+/),
);
/** Of all lowercase uses of the word in train, the share right before a full name: "spokesman" often, "state" rarely. */
const MIN_SHARE = 0.08;

export function learnRoleNouns(): Array<{ word: string; count: number; articles: number; share: number }> {
  const gold = new Set(
    (JSON.parse(readFileSync(GOLD, 'utf8')) as { articles: Array<{ id: string }> }).articles.map((a) => a.id),
  );
  const count = new Map<string, number>();
  const uses = new Map<string, number>();
  const seenIn = new Map<string, Set<string>>();
  for (const a of loadPolnear('train')) {
    if (gold.has(a.id)) continue;
    const sentences = splitSentences(cleanDocument(a.article));
    for (const s of sentences)
      for (const w of s.text.match(/\b[a-z][a-z-]{2,}\b/g) ?? []) uses.set(w, (uses.get(w) ?? 0) + 1);
    const byIndex = new Map(sentences.map((s) => [s.index, s]));
    for (const m of findMentions(sentences)) {
      if (m.kind !== 'person' || !/\s/.test(m.name)) continue;
      const s = byIndex.get(m.sentence)!;
      const before = s.text.slice(
        Math.max(0, m.start - s.start - 40),
        m.start - s.start - (m.title ? m.title.length + 1 : 0),
      );
      const word = /(?:^|\s)([a-z][a-z-]{2,})\s+$/.exec(before)?.[1];
      // Plurals describe groups ("candidates Trump and Cruz"), not the one person.
      if (
        !word ||
        NOT_ROLES.has(word) ||
        LEXICON.notNames.has(word) ||
        LEXICON.speechVerbs.has(word) ||
        /(?:ly|ing|ed|[^s]s)$/.test(word)
      )
        continue;
      count.set(word, (count.get(word) ?? 0) + 1);
      if (!seenIn.has(word)) seenIn.set(word, new Set());
      seenIn.get(word)!.add(a.id);
    }
  }
  return [...count]
    .map(([word, n]) => ({ word, count: n, articles: seenIn.get(word)!.size, share: n / (uses.get(word) ?? n) }))
    .filter((r) => r.count >= MIN_COUNT && r.articles >= MIN_ARTICLES && r.share >= MIN_SHARE)
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word));
}

const RELIGIONS = new Set(
  'islamic muslim christian jewish catholic protestant hindu buddhist sikh mormon evangelical'.split(' '),
);

/** First words of person names whose surname the same story uses alone, in at least two stories. */
export function learnFirstNames(texts: string[]): string[] {
  const stories = new Map<string, number>();
  // A word the corpus also writes in lowercase ("besides", "house", "team") is a word, not a first name.
  const lowercase = new Set<string>();
  for (const text of texts) for (const w of text.match(/\b[a-z][a-z]+\b/g) ?? []) lowercase.add(w);
  for (const text of texts) {
    const mentions = findMentions(splitSentences(cleanDocument(text)));
    const alone = new Set(mentions.filter((m) => !/\s/.test(m.name)).map((m) => m.name));
    const firsts = new Set<string>();
    for (const m of mentions) {
      const t = m.name.split(' ');
      if (m.kind !== 'person' || t.length !== 2 || !alone.has(t[1]!) || !/^[A-Z][a-z]+$/.test(t[0]!)) continue;
      const low = t[0]!.toLowerCase();
      if (
        lowercase.has(low) ||
        LEXICON.places.has(t[0]!) ||
        LEXICON.notNames.has(low) ||
        LEXICON.honorifics.has(low) ||
        LEXICON.roleNouns.has(low) ||
        LEXICON.orgSuffixes.has(low) ||
        RELIGIONS.has(low) ||
        demonymPlace(LEXICON, t[0]!)
      )
        continue;
      firsts.add(low);
    }
    for (const f of firsts) stories.set(f, (stories.get(f) ?? 0) + 1);
  }
  return [...stories]
    .filter(([, n]) => n >= 2)
    .map(([f]) => f)
    .sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const gold = new Set(
    (JSON.parse(readFileSync(GOLD, 'utf8')) as { articles: Array<{ id: string }> }).articles.map((a) => a.id),
  );
  const texts = [
    ...loadPolnear('train')
      .filter((a) => !gold.has(a.id))
      .map((a) => a.article),
    ...[...loadSummaryRecords('cnndm'), ...loadSummaryRecords('xsum')]
      .filter((r) => r.split === 'validation')
      .map((r) => r.article),
  ];
  const names = learnFirstNames(texts);
  writeFileSync(
    OUT_NAMES,
    `${JSON.stringify({ source: "npm run train:roles (PolNeAR train less the who's who gold articles; CNN/DM and XSum validation)", minStories: 2, names }, null, 1)}\n`,
  );
  console.log(`${names.length} first names written to src/briefing/lexicon/first-names.json`);
  const learned = learnRoleNouns();
  const words = learned.map((r) => r.word).sort();
  writeFileSync(
    OUT,
    `${JSON.stringify({ source: "npm run train:roles (PolNeAR train less the who's who gold articles)", minCount: MIN_COUNT, minArticles: MIN_ARTICLES, minShare: MIN_SHARE, words }, null, 1)}\n`,
  );
  console.log(learned.map((r) => `${r.word} ${r.count}/${r.articles} ${r.share.toFixed(2)}`).join(', '));
  console.log(`${words.length} role nouns written to src/briefing/lexicon/role-nouns.json`);
}
