// Finds capitalised name mentions in sentences, strips titles and stray words, and guesses each one's kind.
import { LEXICON, type Lexicon } from './lexicon/lexicon.js';
import { ACRONYM, entityKind, INITIALS, type MentionKind } from './mention-kind.js';
import type { Sentence } from './types.js';

export type { MentionKind };

export interface Mention {
  /** The name as written, without title, article or possessive. */
  name: string;
  kind: MentionKind;
  /** Offset of `name` in the original document. */
  start: number;
  end: number;
  sentence: number;
  /** Title words written before the name ("White House Press Secretary"). */
  title?: string;
  /** Canonical place when the mention is a demonym or an alias ("Koreans" → "Korea"). */
  place?: string;
  /** The kind was guessed from the words around the name ("from Kim" → a place), not from the name or a lexicon. */
  guessed?: true;
}

// Runs of capitalised tokens; "of"/"for"/particles may join them ("Bank of America"), commas and possessives end them.
// Arabic name particles joined by a hyphen start lowercase ("Faisal al-Mekdad", "Abu Bakr al-Baghdadi").
const TOKEN = String.raw`(?:[A-Z][\p{L}\p{M}’'.\-]*|[A-Z]\.|(?:al|el|ad|ash|as|at|az|ul|bin|ibn)-[A-Z][\p{L}\p{M}’'\-]*)`;
const JOIN = String.raw`(?:\s+(?:(?:of|for|de|del|la|le|van|von|der|bin|al|da|dos)\s+)?)`;
const RUN = new RegExp(String.raw`(?<![\p{L}\p{N}’'])${TOKEN}(?:${JOIN}${TOKEN})*`, 'gu');

/** Lowercase words seen anywhere in the prose: a sentence-initial word that also appears lowercase is no name. */
export function lowercaseVocabulary(sentences: Sentence[]): Set<string> {
  const vocab = new Set<string>();
  for (const s of sentences) for (const w of s.text.match(/\b[a-z][a-z’'-]+/g) ?? []) vocab.add(w);
  return vocab;
}

export interface Vocabulary {
  has(word: string): boolean;
}

/**
 * The same answers as `lowercaseVocabulary`, found on demand: only sentence-initial words are ever asked
 * about, so searching for those few beats collecting every word of the article.
 */
export function lazyVocabulary(sentences: Sentence[]): Vocabulary {
  const text = sentences.map((s) => s.text).join('\n');
  const memo = new Map<string, boolean>();
  return {
    has(word) {
      let hit = memo.get(word);
      if (hit === undefined) memo.set(word, (hit = VOCAB_WORD.test(word) && occursAsWord(text, word)));
      return hit;
    },
  };
}

const VOCAB_WORD = /^[a-z][a-z’'-]+$/;
const inWord = (c: string | undefined) =>
  c === '’' || c === "'" || c === '-' || (c !== undefined && c >= 'a' && c <= 'z');
const isWordChar = (c: string) => /\w/.test(c);

/** Whether /\b[a-z][a-z’'-]+/g, scanning `text`, matches exactly `word` somewhere. */
function occursAsWord(text: string, word: string): boolean {
  for (let p = text.indexOf(word); p >= 0; p = text.indexOf(word, p + 1)) {
    const end = p + word.length;
    if (inWord(text[end])) continue;
    let r = p;
    while (r > 0 && inWord(text[r - 1])) r--;
    // The scan takes the first place in this run where a match can start, and then the rest of the run.
    let q = r;
    while (q < p && !((q === 0 || !isWordChar(text[q - 1]!)) && text[q]! >= 'a' && text[q]! <= 'z' && q + 1 < end)) q++;
    if (q === p && (p === 0 || !isWordChar(text[p - 1]!))) return true;
  }
  return false;
}

export function findMentions(
  sentences: Sentence[],
  vocab: Vocabulary = lazyVocabulary(sentences),
  lex: Lexicon = LEXICON,
): Mention[] {
  const out: Mention[] = [];
  for (const s of sentences) {
    RUN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = RUN.exec(s.text))) splitRun(lex, s, m[0], m.index, vocab, out);
  }
  return out;
}

const isQuoteMark = (c: string) => c === '’' || c === "'";
const isUpper = (c: string | undefined) => c !== undefined && c >= 'A' && c <= 'Z';
const SPACE = /\s/;
const isSpace = (c: string) => c === ' ' || SPACE.test(c);

/**
 * Splits a run at possessives ("North Korea’s Kim Jong-un") and trims sentence punctuation from tokens,
 * handing each piece to `toMention`. Character checks, not regexes: this runs for every capitalised word.
 */
function splitRun(lex: Lexicon, s: Sentence, run: string, at: number, vocab: Vocabulary, out: Mention[]): void {
  let from = -1;
  let last = -1;
  let i = 0;
  const n = run.length;
  while (i < n) {
    while (i < n && isSpace(run[i]!)) i++;
    if (i >= n) break;
    const begin = i;
    while (i < n && !isSpace(run[i]!)) i++;
    const raw = run.slice(begin, i);
    let len = raw.length;
    // A possessive ends in ’ or ’s, except for a lone initial with a mark ("O’").
    const end1 = raw[len - 1]!;
    const possessive =
      (isQuoteMark(end1) || (end1 === 's' && len >= 2 && isQuoteMark(raw[len - 2]!))) &&
      !((len === 2 || (len === 3 && raw[1] === '.')) && isUpper(raw[0]) && isQuoteMark(end1));
    if (possessive) len -= end1 === 's' ? 2 : 1;
    // "Gov." and "Sen." end no name: the title belongs to the name after it ("Former Pennsylvania Gov. Ed Rendell").
    const titleDot =
      i < n && len > 1 && raw[len - 1] === '.' && lex.honorifics.has(raw.slice(0, len - 1).toLowerCase());
    if (!titleDot && len > 0 && raw[len - 1] === '.' && !INITIALS.test(raw.slice(0, len)))
      while (len > 0 && raw[len - 1] === '.') len--;
    while (len > 0 && raw[len - 1] === '-') len--;
    if (from < 0) from = begin;
    last = begin + len;
    if (possessive || len !== raw.length) {
      if (last > from) emit(lex, s, run.slice(from, last), at + from, vocab, out);
      from = -1;
    }
  }
  if (from >= 0 && last > from) emit(lex, s, run.slice(from, last), at + from, vocab, out);
}

function emit(lex: Lexicon, s: Sentence, text: string, at: number, vocab: Vocabulary, out: Mention[]): void {
  const mention = toMention(lex, s, text, at, vocab);
  if (mention) out.push(mention);
}

const OPENERS = new Set(['“', '"', '‘', "'", '(', '[', '—', '–', '-']);

/** The name starts its sentence, or a quotation or clause after a colon: only openers and spaces precede it. */
function startsClause(text: string, at: number): boolean {
  if (at === 0) return true;
  let i = 0;
  while (i < at && OPENERS.has(text[i]!)) i++;
  while (i < at && isSpace(text[i]!)) i++;
  if (i === at) return true;
  let j = at - 1;
  if (j >= 0 && (text[j] === '“' || text[j] === '"' || text[j] === '‘' || text[j] === "'")) j--;
  while (j >= 0 && isSpace(text[j]!)) j--;
  return j >= 0 && (text[j] === ':' || text[j] === ';');
}

const CONTRACTION = /^\p{L}+(?:[’'](?:ve|re|ll|d|m)|n[’']t)$/iu;
const isContraction = (t: string) => CONTRACTION.test(t);

const bare = (t: string) => {
  const low = t.toLowerCase();
  return low.endsWith('.') ? low.slice(0, -1) : low;
};
const ADHERENT = /^[a-z]{4,}ists?$/;
const TRAILING_PARTICLES = new Set(['of', 'for', 'de', 'la', 'al', 'the']);
// Letters after a name ("Tristram Hunt MP", "Jonathan Rees QC") are not part of it.
const POST_NOMINALS = new Set(['MP', 'QC', 'KC', 'MEP', 'MSP', 'OBE', 'MBE', 'CBE', 'KBE', 'PhD']);

function toMention(lex: Lexicon, s: Sentence, raw: string, at: number, vocab: Vocabulary): Mention | null {
  const tokens = raw.split(/\s+/);
  const offsets: number[] = [];
  let pos = 0;
  for (const t of tokens) {
    pos = raw.indexOf(t, pos);
    offsets.push(pos);
    pos += t.length;
  }
  // "I’ve", "Don’t", "We’re": a contraction is never part of a name.
  if (tokens.some(isContraction)) return null;
  const lows = tokens.map(bare);
  let i = 0;
  const initial = startsClause(s.text, at);
  // Leading function words ("The", "According", "Per") and sentence-initial common words are not part of names.
  while (i < tokens.length) {
    const low = lows[i]!;
    // Abbreviated titles ("Sen.", "Gov.") are function words alone but titles before a name.
    // …and "New" starts place and paper names ("New York Times") more often than it is the adjective.
    const titled = (lex.honorifics.has(low) || low === 'new') && i < tokens.length - 1;
    if (lex.notNames.has(low) && !titled && !(low === 'us' && tokens[i] === 'US')) {
      i++;
      continue;
    }
    if (i === 0 && initial && vocab.has(low) && !lex.places.has(tokens[i]!) && !lex.honorifics.has(low)) {
      i++;
      continue;
    }
    break;
  }
  // Titles: everything up to the last honorific is description, unless what follows is an organisation.
  let title: string | undefined;
  let j = i;
  for (let k = i; k < tokens.length - 1; k++) if (lex.honorifics.has(lows[k]!)) j = k + 1;
  // A follower's or trade's label before a full name ("Scientologist John Travolta", "Columnist Ann Coulter").
  if (
    j === i &&
    tokens.length - i >= 3 &&
    (ADHERENT.test(lows[i]!) || lex.trades.has(lows[i]!) || lex.roleNouns.has(lows[i]!))
  )
    j = i + 1;
  while (j < tokens.length - 1 && (tokens[j] === 'of' || tokens[j] === 'for')) j += 2;
  if (j > i && j < tokens.length && !lex.orgSuffixes.has(tokens[tokens.length - 1]!.toLowerCase())) {
    title = tokens.slice(i, j).join(' ');
    i = j;
  }
  while (tokens.length > i && TRAILING_PARTICLES.has(tokens[tokens.length - 1]!.toLowerCase())) tokens.pop();
  while (tokens.length > i + 1 && POST_NOMINALS.has(tokens[tokens.length - 1]!)) tokens.pop();
  if (i >= tokens.length) return null;
  const startRel = offsets[i]!;
  const last = tokens.length - 1;
  const name = raw.slice(startRel, offsets[last]! + tokens[last]!.length);
  if (name.length < 2 || (name.length <= 2 && isUpper(name[0]) && (name.length === 1 || name[1] === '.'))) return null;
  const start = s.start + at + startRel;
  const before = s.text.slice(Math.max(0, at + startRel - 40), at + startRel);
  const after = s.text.slice(at + startRel + name.length, at + startRel + name.length + 40);
  const kind = entityKind(lex, name, tokens.slice(i), before, after, !!title);
  if (!kind) return null;
  // "Officials said", "Witnesses said": a group noun opening a sentence is nobody's name.
  if (kind.kind === 'person' && i === last && lex.groups.has(name.toLowerCase())) return null;
  const mention: Mention = { name, kind: kind.kind, start, end: start + name.length, sentence: s.index };
  if (title) mention.title = title;
  if (kind.place) mention.place = kind.place;
  if (kind.guessed) mention.guessed = true;
  return mention;
}
