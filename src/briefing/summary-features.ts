// What the summary knows about each sentence: whether it reads as news (recent, present) or as background
// (earlier years, retrospective), and whether it can stand as a point of its own.
import type { Sentence } from './types.js';

export interface SentenceFeatures {
  words: number;
  /** Background cues: earlier years, "back in", "had reported", "One of the more … moments". */
  background: number;
  /** Opens the way retrospectives do: "One of the more … moments", "Back in", "Years ago". */
  retroOpener: boolean;
  /** No terminal punctuation: a caption, headline or fragment rather than a sentence of prose. */
  fragment: boolean;
  question: boolean;
  /** A promo or page furniture: "Scroll down for video", "Click here to…". */
  promo: boolean;
  /** Mostly a social post's furniture: two or more hashtags or handles. */
  tagged: boolean;
  /** Opens with a conjunction ("And now, …", "But …"): it leans on the sentence before. */
  continuation: boolean;
}

const STOP = new Set(
  (
    'a an the and or but if of at by for with about against between into through during before after above below to from up down in out on off ' +
    'over under again further then once here there when where why how all any both each few more most other some such no nor not only own same ' +
    'so than too very s t can will just don should now i me my we our you your he him his she her it its they them their what which who whom ' +
    'this that these those am is are was were be been being have has had having do does did doing would could said says say also one two new'
  ).split(' '),
);

const isStart = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
// Apostrophes (straight and curly) and hyphens continue a word: "o'neill", "break-up".
const isPart = (c: number) => isStart(c) || c === 39 || c === 0x2019 || c === 45;

/** Lowercased content words, stop words out, plurals and possessives folded; a char scan, not a regex. */
export function contentWords(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  for (let i = 0; i < lower.length;) {
    if (!isStart(lower.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lower.length && isPart(lower.charCodeAt(j))) j++;
    let w = lower.slice(i, j);
    i = j;
    // A crude plural/possessive fold: enough to match "troops" with "troop" without a stemmer's cost.
    if (w.endsWith('s')) {
      const before = w.charCodeAt(w.length - 2);
      w = before === 39 || before === 0x2019 ? w.slice(0, -2) : w.length > 4 ? w.slice(0, -1) : w;
    }
    if (w.length > 2 && !STOP.has(w)) out.push(w);
  }
  return out;
}

// Matched against the lowercased sentence, which is cheaper than a case-insensitive scan.
const DAY = '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const RECENT = new RegExp(
  `\\b(?:now|today|tonight|yesterday|last night|this (?:week|weekend|morning|afternoon|evening)|earlier this (?:week|month)|on ${DAY}|${DAY} (?:morning|afternoon|evening|night)|said in (?:a|an) (?:speech|statement|interview))\\b`,
  'g',
);
const RETRO =
  /^(?:One of the (?:(?:more|most) )?[\w-]+ (?:moments|episodes|chapters|scenes|days)\b|Back in |Years? ago|Previously,|In the past,|It was not the first|This is not the first|At the time,)/i;
const RETRO_ANYWHERE =
  /\b(?:back in|had (?:been|reported|said|previously|already)|at the time|years? ago|first (?:\w+ )?(?:presidency|term|administration))\b/;
const YEAR = /\b(19[5-9]\d|20[0-4]\d)\b/g;

/** The newest year the text mentions, used as "now" when the article gives no date. */
export function newestYear(texts: string[]): number | null {
  let best: number | null = null;
  for (const t of texts) for (const m of t.matchAll(YEAR)) best = Math.max(best ?? 0, Number(m[1]));
  return best;
}

/** Recency cues: "now", "this week", "on Friday", "yesterday", "said in a speech". Only a story that opens
 * with history needs them, so they are counted on demand rather than with the other features. */
export function recencyCues(text: string): number {
  return count(RECENT, text.toLowerCase());
}

/** Matches of a global regex, counted without building an array. */
function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    n++;
    if (!m[0]) re.lastIndex++;
  }
  return n;
}

const PROMO =
  /^(?:scroll down|click here|watch (?:the )?video|see (?:the )?video|read more|sorry,? we are not|video:)/i;
const TAGS = /(?:^|\s)[#@]\w/g;
const CONTINUATION = /^(?:and|but|or|so|yet)\b/i;
const FRAGMENT = /[.!?…]["”’')\]]*$/;
const QUESTION = /\?["”’')\]]*$/;

// The characters JavaScript's \s matches.
function isSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** `text.split(/\s+/).length` without building the array: one more than the runs of whitespace. */
function wordCount(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++)
    if (isSpace(text.charCodeAt(i)) && (i === 0 || !isSpace(text.charCodeAt(i - 1)))) n++;
  return n;
}

export function sentenceFeatures(sentences: Sentence[], currentYear: number | null): SentenceFeatures[] {
  return sentences.map((s) => {
    const text = s.text;
    let old = 0;
    if (currentYear !== null) {
      YEAR.lastIndex = 0;
      let any = false;
      let all = true;
      for (let m = YEAR.exec(text); m; m = YEAR.exec(text)) {
        any = true;
        if (Number(m[1]) > currentYear - 2) all = false;
      }
      old = any && all ? 1 : 0;
    }
    const retroOpener = RETRO.test(text);
    const lower = text.toLowerCase();
    return {
      words: wordCount(text),
      background: old + (retroOpener ? 1 : 0) + (RETRO_ANYWHERE.test(lower) ? 1 : 0),
      retroOpener,
      fragment: !FRAGMENT.test(text),
      question: QUESTION.test(text),
      promo: PROMO.test(text),
      tagged: (text.includes('#') || text.includes('@')) && count(TAGS, text) >= 2,
      continuation: CONTINUATION.test(text),
    };
  });
}
