// What makes a sentence an answer to a shape: a date for "when", a number for "how many", a reason for "why",
// a role noun for "who is". Plain patterns over the sentence text.
import { LEXICON } from '../briefing/lexicon/lexicon.js';
import type { Token } from './terms.js';

export interface Span {
  text: string;
  start: number;
  end: number;
}

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const MAY = 'May';
const DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const UNIT =
  '(?:day|week|weekend|month|year|decade|century|morning|afternoon|evening|night|season|term|summer|winter|spring|autumn|fall)s?';
const NUM = '(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several|many)';

const DATE_PATTERNS = [
  `(?:${MONTH}|${MAY})\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+(?:19|20)\\d{2})?`,
  `\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH}|${MAY})(?:,?\\s+(?:19|20)\\d{2})?`,
  `(?:(?:early|late|mid|last|next|this|in|since|until|by)[\\s-]+)?${MONTH}(?:,?\\s+(?:19|20)\\d{2})?`,
  `(?:(?:last|next|this|on|early on|late on)\\s+)?${DAY}(?:\\s+(?:morning|afternoon|evening|night))?`,
  `(?:19|20)\\d{2}s?`,
  `(?:yesterday|today|tonight|tomorrow)`,
  `(?:(?:earlier|later)\\s+)?(?:last|next|this|that)\\s+${UNIT}`,
  `${NUM}\\s+${UNIT}\\s+(?:ago|earlier|later)`,
  `(?:in\\s+)?the\\s+(?:last|past|next|coming)\\s+(?:${NUM}\\s+)?${UNIT}`,
  `\\d{1,2}[:.]\\d{2}\\s*(?:am|pm|GMT|BST|UTC|ET|EST)?`,
  `\\d{1,2}\\s*(?:am|pm)`,
];
const DATE_RE = new RegExp(`\\b(?:${DATE_PATTERNS.join('|')})\\b`, 'g');
// "May" is a month only beside a number; "March" beside a verb is rare enough in news to keep.
const BARE_MAY = /^May$/;

/** Date and time phrases in a sentence, longest first at each place. */
export function findDates(text: string): Span[] {
  const out: Span[] = [];
  for (const m of text.matchAll(DATE_RE)) {
    const phrase = m[0].trim();
    if (BARE_MAY.test(phrase)) continue;
    out.push({ text: phrase, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function isNumber(token: Token, next?: Token): boolean {
  if (/^\d/.test(token.raw)) return true;
  const word = token.raw.toLowerCase();
  // "one of the…" counts nothing.
  if (word === 'one') return next?.raw.toLowerCase() !== 'of';
  return LEXICON.numberWords.has(word);
}

const AGE_RE = /\b\d{1,3}[- ]years?[- ]old\b|\baged? \d{1,3}\b|,\s\d{1,3},|\(\d{1,3}\)/i;

export function carriesAge(text: string): boolean {
  return AGE_RE.test(text);
}

const REASON_RE =
  /\b(?:because|due to|owing to|as a result|so that|in order to|so (?:high|many|much|bad|great|large) that|which (?:makes|made|meant|means)|after|since|for fear|thanks to|the reason|caused|led to|prompted|blamed|amid|to (?:avoid|prevent|remove|protect|stop|ensure|enable|allow|help))\b/i;

export function carriesReason(text: string): boolean {
  return REASON_RE.test(text);
}

/** Nouns that say what someone is; "who is X" prefers the sentence that puts one beside X. */
export const ROLE_WORDS: ReadonlySet<string> = LEXICON.roleWords;
