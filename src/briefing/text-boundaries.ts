// Where one sentence ends inside a run of prose: terminal punctuation judged against abbreviations,
// plus the run-ins that news text leaves (glued paragraphs, image captions without a full stop).
import type { Lexicon } from './lexicon/lexicon.js';

// Titles before a name: a full stop after them never ends a sentence.
const TITLES = new Set(
  'mr mrs ms mx dr prof gen sen rep gov lt col capt cpt sgt cpl maj adm cmdr rev hon pres supt det insp fr st mt ft messrs mme mlle rt sr jr'
    .split(' ')
    .filter((w) => w !== 'sr' && w !== 'jr'),
);
// Full stops that end a sentence only when a typical sentence opener follows.
const MAYBE_FINAL = new Set('jr sr jnr snr inc ltd co corp bros plc llc etc esq'.split(' '));
// Abbreviations that sit before a number ("Sept. 11", "No. 2", "p. 5").
const BEFORE_NUMBER = new Set(
  'jan feb mar apr jun jul aug sep sept oct nov dec no nos vol p pp art fig ch sec'.split(' '),
);
const NEVER_FINAL = new Set('vs v e.g i.e cf approx ca al'.split(' '));
// Words that start a sentence far more often than they follow an abbreviation inside one.
const OPENERS = new Set(
  (
    'the a an he she it they we i you his her its their our this that these those there here but and or so yet ' +
    'in on at as after before when while if since although though however meanwhile now then still also one some ' +
    'many most no not what who why how where mr mrs ms dr police officials authorities'
  ).split(' '),
);

export interface Run {
  text: string;
  /** Offset of `text` in the original document. */
  start: number;
}

function wordBefore(text: string, dot: number): string {
  const m = /([A-Za-z][A-Za-z.]*)$/.exec(text.slice(Math.max(0, dot - 20), dot));
  return m ? m[1]! : '';
}

function nextWord(text: string, from: number): string {
  const m = /^\s*["“‘'(\[]?([A-Za-z]+)/.exec(text.slice(from, from + 30));
  return m ? m[1]!.toLowerCase() : '';
}

/** Whether a full stop at `dot`, followed by a capitalised word at `next`, ends the sentence. */
function fullStopEnds(text: string, dot: number, next: number): boolean {
  const word = wordBefore(text, dot);
  const lower = word.toLowerCase();
  const following = text.slice(next).trimStart();
  if (!word) return true;
  // Right after a number the word is a unit ("12.5st.", "6ft."), not a title.
  const unit = /\d/.test(text.charAt(dot - word.length - 1));
  if ((TITLES.has(lower) && !unit) || NEVER_FINAL.has(lower)) return false;
  if (BEFORE_NUMBER.has(lower) && /^\d/.test(following)) return false;
  // An initial ("David A. Lustig") or an initialism ("U.S.", "a.m.") is followed by capitals mid-sentence too.
  const initialism = /^[A-Za-z]$/.test(word) || /^(?:[A-Za-z]\.)+[A-Za-z]$/.test(word);
  if (initialism || MAYBE_FINAL.has(lower)) return OPENERS.has(nextWord(text, next)) || /^["“‘]/.test(following);
  return true;
}

// Terminal punctuation, closing quotes/brackets, then either space + a capital or digit, or (glued
// paragraphs) a capitalised word right away after a lowercase word.
const TERMINAL = /([.!?…]+)(["”’')\]]*)(?:(\s+)(?=["“‘'(\[]?[A-Z0-9])|(?=["“‘]?[A-Z][a-z]))/g;

/** Where the whitespace-free token ending at `end` starts (a backward scan: a regex on a prefix is quadratic). */
function tokenStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return i;
}

/** Offsets (relative to `text`) just after each sentence end, excluding the end of the text. */
export function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(TERMINAL)) {
    const punct = m[1]!;
    const dot = m.index;
    const after = dot + m[0].length;
    if (!m[3]) {
      // Glued: only after a real word ("community.Dr"), never inside a URL, domain or e-mail.
      const token = text.slice(tokenStart(text, dot), dot);
      // …or a year ("in 1991.Simpson said") or an initialism before an opener ("the UK.He said").
      const word =
        /[a-z]{2}["”’')\]]*$/.test(token) ||
        /(?:^|\D)(?:1[89]|20)\d\d["”’')\]]*$/.test(token) ||
        (/(?:^|[^\w.])[A-Z]{2,}$/.test(token) && OPENERS.has(nextWord(text, after)));
      if (!word || /[/@]|www|\.\w/.test(token) || punct.length > 1) continue;
    } else if (punct === '.' && !fullStopEnds(text, dot, after)) {
      continue;
    }
    ends.push(dot + punct.length + m[2]!.length);
  }
  return ends;
}

// Every run-in is whitespace after a lowercase letter, digit, % or ")" and before a capital or an opening
// quote; the patterns below are tried only there (sticky), since scanning the text with each is slow.
const RUN_IN_GAP = /[a-z0-9%)](\s+)(?=[A-Z‘'“"])/g;
// A Daily Mail caption label run into the prose: "…last Saturday Skilful: The kite weighs…".
const CAPTION_LABEL = /[A-Z][\w'’-]*(?: [a-z][\w'’-]*){0,4}: ["“‘']?[A-Z]/y;
// A quotation run into a caption without a full stop: "…on Friday ‘I’d be over the moon…".
const QUOTE_RUN_IN = /[‘'“"][A-Z]/y;
// A caption that ends in a lowercase word and runs into a sentence opener: "…on his Instagram page The London
// Wasps captain…". Prose puts a capitalised "The" or "He" mid-sentence only after a word that introduces a
// title or a name ("told The Times", "in The Elbow"), which BINDING below excludes.
const OPENER_RUN_IN =
  /(?!A (?:and|or|to|is|was)\b)(?:The|A|An|It|In|And|But|He|She|They|His|Their|These|After|When|Police|Officials) [a-z0-9‘'“"(]?/y;
// Near a photo position ("(left)", "(pictured)") the prose is a caption, and a caption that ends in a lowercase word
// runs into a new clause that opens with a name and its verb: "…earlier this season Liverpool boss Brendan Rodgers
// (left) hasn't…", "…for the incident Ibe was present…".
const PHOTO_POSITION =
  /\((?:pictured|left|right|centre|center|above|below|inset|top|bottom|file(?: picture| photo)?|(?:second |far |back |front )?(?:left|right)|from left(?: to right)?)\)/i;
const NAME_CLAUSE_RUN_IN =
  /[A-Z][\p{L}'’.-]*(?: [A-Z][\p{L}'’.-]*){0,3}(?: \([a-z ]+\))?(?: [a-z][a-z-]+(?: [A-Z][\p{L}'’.-]*){1,3}(?: \([a-z ]+\))?)? (?:is|was|are|were|has|had|have|hasn't|wasn't|isn't|will|can|could|would|celebrates|poses|smiles|looks|sits|stands|walks|holds|speaks|arrives|leaves|shows)\b/uy;
// Words after which a capitalised word continues the sentence: speech verbs, articles, prepositions, pronouns.
const BINDING = new Set(
  (
    'said says say told tells added adds explained wrote writes posted tweeted asked replied insisted claimed declared warned stated ' +
    'that of as the a an and or but to called dubbed named titled by from with in on at for into onto about like than her ' +
    'new old his their our your its my star film show book song album magazine newspaper paper channel website series ' +
    'documentary movie novel play poem report programme program column article essay slogan headline motto vitamin plan type grade'
  ).split(' '),
);
// "told her ‘Kristina…": a quotation may follow the person spoken to.
const OBJECTS = new Set(['him', 'them', 'me', 'us']);
// A caption label needs a caption before it; a label within the first words of a run is part of a title.
const MIN_WORDS_BEFORE = 4;

/** The token just before `at`, without trailing punctuation: "County", "zoo", "1415". */
function tokenBefore(text: string, at: number): string {
  const m = /(\S+)\s*$/.exec(text.slice(Math.max(0, at - 30), at));
  return m ? m[1]!.replace(/[^\p{L}\p{N}]+$/u, '') : '';
}

function wordsBefore(text: string, at: number, enough: number): number {
  let n = 0;
  for (let i = at - 1, inWord = false; i >= 0 && n < enough; i--) {
    const space = text.charCodeAt(i) === 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** Extra cut points (relative to `text`) where a caption runs into prose without punctuation. */
export function runInEnds(text: string, lex: Lexicon): number[] {
  const cuts: number[] = [];
  const bound = (at: number, extra?: Set<string>) => {
    const word = tokenBefore(text, at);
    // A token that opens a quotation starts a title: the documentary “Going Clear: Scientology…”.
    return (
      BINDING.has(word) ||
      /^["“‘']/.test(word) ||
      extra?.has(word) === true ||
      wordsBefore(text, at, MIN_WORDS_BEFORE) < MIN_WORDS_BEFORE
    );
  };
  const at = (re: RegExp, i: number) => {
    re.lastIndex = i;
    return re.test(text);
  };
  // Only a run with a photo position in it has captions to cut out by name.
  const captioned = PHOTO_POSITION.test(text);
  for (const m of text.matchAll(RUN_IN_GAP)) {
    const gap = m.index + 1;
    const next = gap + m[1]!.length;
    if (at(CAPTION_LABEL, next)) {
      if (!bound(gap)) cuts.push(gap);
      // After a capitalised word the opener is part of a name: "Montgomery County Police", "Dylan's “The Times They…".
    } else if (at(OPENER_RUN_IN, next)) {
      if (!bound(gap) && !/^\p{Lu}/u.test(tokenBefore(text, gap))) cuts.push(gap);
    } else if (captioned && at(NAME_CLAUSE_RUN_IN, next)) {
      const before = tokenBefore(text, gap);
      const near = text.slice(Math.max(0, gap - 250), Math.min(text.length, next + 120));
      // "Liverpool boss Brendan Rodgers", "team-mate Jordon Ibe": a role word before a name belongs to it.
      const role =
        /^[a-z]/.test(before) &&
        (lex.roleNouns.has(before) || /^\p{Lu}/u.test(tokenBefore(text, gap - before.length - 1)) || /-/.test(before));
      if (
        PHOTO_POSITION.test(near) &&
        /^(?:[a-z]|(?:19|20)\d\d$)/.test(before) &&
        !bound(gap) &&
        !/ed$/.test(before) &&
        !role
      )
        cuts.push(gap);
    } else if (m[0][0] !== ')' && at(QUOTE_RUN_IN, next) && !bound(gap, OBJECTS)) {
      // A capitalised scare quote ("the ‘Big Apple’") closes within a few words; a run-in quotation does not.
      const rest = text.slice(next + 1, gap + 80);
      const close = rest.search(/[’'”"](?![a-z])/);
      const words = (close < 0 ? rest : rest.slice(0, close)).split(/\s+/).filter(Boolean).length;
      if (words >= 4) cuts.push(gap);
    }
  }
  return cuts;
}
