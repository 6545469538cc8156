// What kind of name a mention is (person, organisation, place, or unknown): first what the name alone says, by
// the lexicons and its shape (computed once per name), then the words around it. Also the place a demonym belongs
// to ("North Koreans" → North Korea).
import { BoundedMap } from '../core/bounded-map.js';
import { alternation, knownFirstName, perLexicon, type Lexicon } from './lexicon/lexicon.js';

export type MentionKind = 'person' | 'organization' | 'place' | 'unknown';

export const INITIALS = /^(?:[A-Z]\.)+$|^(?:Jr|Sr|St|Mt|Ft)\.$/;

export const ACRONYM = /^[A-Z][A-Z0-9&]{1,6}$/;

export type Kinded = { kind: MentionKind; place?: string; guessed?: true };

/** What the name alone says about its kind; names repeat, so this is computed once per name. */
interface NameFacts {
  /** Decided by the lexicons before any context is read. */
  fixed: Kinded | undefined;
  hasDigit: boolean;
  /** Two to four capitalised words, like a personal name. */
  personShape: boolean;
  single: boolean;
  /** Several words ending in a plural-looking word, with no known first name or initial before it. */
  pluralHead: boolean;
}

const PLURAL = /^[A-Z]\p{Ll}+[^sui’']s$/u;
/** Per lexicon: what names were found to be, and the words after a name that make it a person. */
const lexiconMemo = perLexicon((lex) => ({
  facts: new BoundedMap<string, NameFacts>(50_000),
  demonyms: new BoundedMap<string, string | undefined>(50_000),
  personAfter: new RegExp(
    String.raw`^(?:[’']s)?,\s+(?:a|an|the|who|whose|his|her)\s|^,?\s+(?:has\s+|had\s+|also\s+)?(?:${alternation(lex.speechVerbs)})\b`,
  ),
}));

function nameFacts(lex: Lexicon, name: string, tokens: string[]): NameFacts {
  const factsCache = lexiconMemo(lex).facts;
  let f = factsCache.get(name);
  if (f) return f;
  f = {
    fixed: lexiconKind(lex, name, tokens),
    hasDigit: tokens.some((t) => /\d/.test(t)),
    personShape:
      tokens.length >= 2 && tokens.length <= 4 && tokens.every((t) => /^[A-Z][\p{Ll}’'\-]|^[A-Z]\.$/u.test(t)),
    single: tokens.length === 1,
    pluralHead:
      tokens.length > 1 &&
      PLURAL.test(tokens[tokens.length - 1]!) &&
      !knownFirstName(lex, tokens[0]!) &&
      !tokens.some((t) => INITIALS.test(t)),
  };
  factsCache.set(name, f);
  return f;
}

function lexiconKind(lex: Lexicon, name: string, tokens: string[]): Kinded | undefined {
  const lastTok = tokens[tokens.length - 1]!;
  if (lex.placeLikeOrgs.has(name)) return { kind: 'organization' };
  const alias = lex.placeAliases[name];
  if (alias) return { kind: 'place', place: alias };
  if (lex.places.has(name)) return { kind: 'place', place: name };
  const demonym = demonymPlace(lex, name);
  if (demonym) return { kind: 'place', place: demonym };
  if (lex.orgAcronyms.has(name) || lex.orgSuffixes.has(lastTok.toLowerCase())) return { kind: 'organization' };
  const lastLow = lastTok.toLowerCase();
  if (tokens.length > 1 && lex.placeSuffixes.has(lastLow)) return { kind: 'place', place: name };
  // Venues ("Rugby Park", "Quicken Loans Arena"); a weak venue word after a first name is a surname ("Arsenio Hall").
  const firstKnown = knownFirstName(lex, tokens[0]!);
  const venue = lex.venueSuffixes;
  if (tokens.length > 1 && (venue.strong.has(lastLow) || (venue.weak.has(lastLow) && !firstKnown))) {
    return { kind: 'place', place: name };
  }

  if (ACRONYM.test(name)) return { kind: 'unknown' };
  // "New Year", "New Balance": no person's name starts with "New".
  if (tokens[0] === 'New' && tokens.length > 1) return { kind: 'unknown' };
  return undefined;
}

export function entityKind(
  lex: Lexicon,
  name: string,
  tokens: string[],
  before: string,
  after: string,
  titled: boolean,
): Kinded | null {
  const f = nameFacts(lex, name, tokens);
  if (f.fixed) return { ...f.fixed };
  if (titled) return { kind: 'person' };
  if (f.hasDigit) return null;
  if (tokens.length <= 3 && /\b(?:in|at|from|near|across|throughout)\s+(?:the\s+)?$/.test(before)) {
    const prep = /(\w+)\s+(?:the\s+)?$/.exec(before)?.[1]?.toLowerCase();
    // "met in Oslo": an unknown name after a place preposition is most often a place.
    if (prep && lex.placePrepositions.has(prep) && !/^\s*(?:said|says|told|added)\b/.test(after))
      return { kind: 'place', place: name, guessed: true };
  }
  // A plural head ("Lear Jets", "Chicago Bears", "Oklahoma Democrats") names a brand, team or group, not a person,
  // unless a first name or an initial opens it ("Tom Hanks", "M. Dane Waters") or the words after it describe a
  // person ("Hope Hicks, a spokeswoman").
  if (f.pluralHead && !lexiconMemo(lex).personAfter.test(after)) return { kind: 'organization' };
  if (f.personShape) return { kind: 'person' };
  if (f.single && /^,?\s*(?:\w+\s+)?(\w+)/.test(after)) {
    const verb = /^,?\s*(?:has\s+|had\s+|also\s+)?(\w+)/.exec(after)?.[1]?.toLowerCase();
    if (verb && lex.speechVerbs.has(verb)) return { kind: 'person' };
  }
  return { kind: 'unknown' };
}

/** "Korean", "North Koreans", "Russian" → the place they belong to, when that place is known. */
export function demonymPlace(lex: Lexicon, name: string): string | undefined {
  if (!/(?:ns?|ese|is|ish|ch|i)$/.test(name)) return lex.demonyms[name];
  const demonymCache = lexiconMemo(lex).demonyms;
  if (!demonymCache.has(name)) demonymCache.set(name, findDemonym(lex, name));
  return demonymCache.get(name);
}

function findDemonym(lex: Lexicon, name: string): string | undefined {
  const clean = name.replace(/^(?:ex|anti|pro|non)-/i, '');
  if (lex.demonyms[clean]) return lex.demonyms[clean];
  const words = clean.split(' ');
  const head = words.slice(0, -1).join(' ');
  const lastWord = words[words.length - 1]!;
  const stems = [
    lastWord.replace(/ns?$/, ''),
    lastWord.replace(/ans?$/, 'o'),
    lastWord.replace(/ians?$/, 'y'),
    lastWord.replace(/ians?$/, 'ia'),
    lastWord.replace(/ese$/, 'a'),
    lastWord.replace(/is$/, ''),
  ];
  for (const stem of stems) {
    if (stem === lastWord) continue;
    const candidate = head ? `${head} ${stem}` : stem;
    if (lex.places.has(candidate)) return candidate;
  }
  return undefined;
}
