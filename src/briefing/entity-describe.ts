// Short descriptions of people from the words the article puts around their names ("its dictator, Kim Jong-un").
import type { Mention } from './entity-mentions.js';
import { alternation, perLexicon, type Lexicon } from './lexicon/lexicon.js';
import type { Sentence } from './types.js';

const MAX = 90;
const COURTESY = /^(?:Mr|Mrs|Ms|Miss|Mx)\.?$/;

/**
 * Per lexicon: role nouns (the hand-made list and those learned on PolNeAR train, `npm run train:roles`) and the
 * speech verbs as one pattern.
 */
const words = perLexicon((lex) => ({
  roles: new Set([...lex.roleNouns, ...lex.learnedRoleNouns]) as ReadonlySet<string>,
  speechWord: new RegExp(String.raw`\b(?:${alternation(lex.speechVerbs)})\b`),
}));

// "X, host of MSNBC’s “Morning Joe”," / "X, 34, a nurse from Brownsville": a lowercase appositive headed by a role.
const BARE_APPOSITIVE =
  /^[’']?s?,\s+(?:\d{1,3},\s+)?((?:[a-z][\w’'-]*\s+){0,4}?[a-z][\w’'-]*(?:\s+(?:of|at|for|with|from)\s+[^,;:()]{2,60}?)?)(?=,|;|\.\s|\.$|$)/;
// "X, the mayor of Y," / "X, a Miami lawyer who ..., said": stop at the next comma so the clause stays short.
const APPOSITIVE =
  /^[’']?s?,\s+(?:\d{1,3},\s+)?((?:a|an|the|who|whose|its|his|her)\s(?:[^,;:.“”"()]|(?<=\b[A-Z])\.){2,80}?)(?=,|;|\.|$| said| says| told)/;
// "Trump even becoming the first U.S. president to set foot in North Korea on June 30": the clause, without its date.
const FIRST_TO =
  /^\s+(?:\w+\s+){0,2}?(?:became|becoming|becomes|is|was|has become|had become|will become)\s+(the first\s(?:[^,;:.]|(?<=\b[A-Z])\.){3,60}?\sto\s(?:[^,;:.]|(?<=\b[A-Z])\.){2,60}?)(?=,|;|\.\s|\.$|$|\s+(?:on|as|when|after)\s+(?:[A-Z]|\d|he\b|she\b)|\s+in\s+\d)/;

/** Words that end a speech cue's description rather than belong to it ("said on Monday", "told the court"). */
const CUE_STOP = new Set(
  'a an the that this it he she they we i you his her their its to of in on at by for with as and or but when after before then also later yesterday today tonight earlier recently again there here not never only just if whether what why how who whom where so because than about from into over against up out down would will could should may might must'.split(
    ' ',
  ),
);

/** How good a descriptor is: a role beats a bare title, and both beat a relative clause. Lower is better. */
export function descriptorRank(d: string): number {
  if (/^(?:who|whose)\s/.test(d)) return 3;
  if (!/\p{Ll}{3,}/u.test(d)) return 2; // "Sir", "Dr.", "Sen."
  return /^the first\s/.test(d) ? 1 : 0;
}

/** Descriptors for one mention, most specific first. */
export function describeMention(lex: Lexicon, m: Mention, s: Sentence): string[] {
  const { roles, speechWord } = words(lex);
  const isRoleNoun = (word: string): boolean => roles.has(word.toLowerCase());
  const rel = m.start - s.start;
  // Descriptors sit close to the name; bounded windows keep the end-anchored patterns linear.
  // A title written before the name ("British diplomat Sir Peter Westmacott") is skipped to reach the role before it.
  const titleAt = m.title ? s.text.lastIndexOf(m.title, rel) : -1;
  const cut = titleAt >= 0 && rel - titleAt - m.title!.length <= 2 ? titleAt : rel;
  const before = s.text.slice(Math.max(0, cut - 120), cut);
  const after = s.text.slice(rel + m.name.length, rel + m.name.length + 160);
  const out: string[] = [];
  if (m.title) out.push(m.title);
  const appositive = APPOSITIVE.exec(after)?.[1]?.trim();
  if (appositive && !speechWord.test(appositive)) out.push(appositive);
  else {
    const bare = BARE_APPOSITIVE.exec(after)?.[1]?.trim();
    if (bare && bare.split(/\s+/).slice(0, 5).some(isRoleNoun) && !speechWord.test(bare)) out.push(bare);
  }
  const firstTo = after.length > 20 ? FIRST_TO.exec(after) : null;
  if (firstTo) out.push(firstTo[1]!.trim());
  // The remaining patterns all end in whitespace right before the name; test their last word first,
  // since scanning end-anchored patterns over every mention's window is what costs.
  const trimmed = before.trimEnd();
  if (trimmed.length === before.length) return finish(out);
  const endWord = trailingWord(trimmed);
  // "an ex-diplomat and “elite defector” named X"
  if (endWord === 'named' || endWord === 'called') {
    const named = /((?:an?|the)\s[^,;:.]{2,80}?)\s+(?:named|called)\s+$/.exec(before);
    if (named) out.push(named[1]!.trim());
  }
  // "its dictator, X" / "the senator, X"
  if (trimmed.endsWith(',')) {
    const role =
      /(?:^|\s)(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Aa]n?|[Aa]nother|[Ff]ellow)\s+((?:[a-z][\w’'-]*\s+){0,3}[a-z][\w’'-]*),\s+$/.exec(
        before,
      );
    if (role && isRoleNoun(lastWord(role[1]!))) out.push(role[1]!);
  }
  // "North Korea’s X", "Trump lawyer X", "Democratic nominee X"
  if (trimmed.endsWith('’s') || trimmed.endsWith("'s")) {
    const possessor = /(?<![\p{L}.-])((?:[A-Z][\p{L}.-]*\s+){0,3}[A-Z][\p{L}.-]*[’']s)\s+$/u.exec(before);
    // "Russia’s Vladimir Putin" reads "of Russia" beside the name.
    if (possessor) out.push(`of ${possessor[1]!.trim().replace(/[’']s$/, '')}`);
  }
  // "said shopkeeper Raj Patel", "said head librarian Tom Okafor": lowercase words between a speech verb and the
  // name are what the writer calls them, whether or not the role list knows the noun.
  if (!isRoleNoun(endWord) && /^\p{Ll}/u.test(endWord)) {
    const cue = /(?:^|\s)(\p{Ll}+)\s+((?:\p{Ll}[\p{L}’'-]*\s+){0,2}\p{Ll}[\p{L}’'-]*)\s+$/u.exec(before);
    if (cue && lex.speechVerbs.has(cue[1]!) && !cue[2]!.split(/\s+/).some((w) => CUE_STOP.has(w))) out.push(cue[2]!);
  }
  // "moderator Dana Bash", "Mondelez CEO Irene Rosenfeld", "Republican front-runner Donald Trump"
  if (isRoleNoun(endWord)) {
    const bare = /(?:^|[\s(])((?:[A-Z][\w.-]*\s+)?(?:[a-z][\w-]*\s+){0,2}([A-Za-z][\w-]+))\s+$/.exec(before);
    if (bare && isRoleNoun(bare[2]!)) {
      // Not "Monday moderator": a capitalised word before the role is kept only when it may be a name or a party.
      const phrase = bare[1]!
        .trim()
        .replace(/^(?:the|a|an)\s+/i, '')
        .replace(/^(\S+)\s+/, (w, first: string) => (lex.notNames.has(first.toLowerCase()) ? '' : w));
      if (/\s|\p{Ll}/u.test(phrase) || lex.roleNouns.has(phrase.toLowerCase())) out.push(phrase);
    }
  }
  return finish(out);
}

/** The trailing run of word characters and hyphens. */
function trailingWord(s: string): string {
  let i = s.length;
  while (i > 0 && /[\w-]/.test(s[i - 1]!)) i--;
  return s.slice(i);
}

function finish(out: string[]): string[] {
  return out.map((d) => (d.length > MAX ? `${d.slice(0, MAX - 1)}…` : d));
}

export function lastWord(phrase: string): string {
  return (/([\p{L}-]+)\W*$/u.exec(phrase)?.[1] ?? '').toLowerCase();
}

/** Joins a person's distinct descriptors, the best first (see descriptorRank), then first-introduced first. */
export function joinDescriptions(all: string[]): string | undefined {
  const seen = new Set<string>();
  const kept: string[] = [];
  const ranked = all
    .map((d, i) => ({ d, r: descriptorRank(d), i }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.d);
  for (const d of ranked) {
    // "Mr." says nothing worth showing (it still tells the quote stage who "she" can be).
    if (COURTESY.test(d)) continue;
    const key = d.toLowerCase();
    if (seen.has(key) || kept.some((k) => k.toLowerCase().includes(key))) continue;
    seen.add(key);
    kept.push(d);
    if (kept.length === 3) break;
  }
  return kept.length ? kept.join('; ') : undefined;
}
