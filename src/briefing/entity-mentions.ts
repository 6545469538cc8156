// Finds capitalised name mentions in sentences, strips titles and stray words, and guesses each one's kind.
import {
  DEMONYMS, HONORIFICS, NOT_NAMES, ORG_ACRONYMS, ORG_SUFFIXES, PLACE_ALIASES, PLACE_LIKE_ORGS, PLACE_PREPOSITIONS,
  PLACES, SPEECH_VERBS,
} from './names-lexicon.js';
import type { Sentence } from './types.js';

export type MentionKind = 'person' | 'organization' | 'place' | 'unknown';

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
}

// Runs of capitalised tokens; "of"/"for"/particles may join them ("Bank of America"), commas and possessives end them.
const TOKEN = String.raw`(?:[A-Z][\p{L}\p{M}’'.\-]*|[A-Z]\.)`;
const JOIN = String.raw`(?:\s+(?:(?:of|for|de|del|la|le|van|von|der|bin|al|da|dos)\s+)?)`;
const RUN = new RegExp(String.raw`(?<![\p{L}\p{N}’'])${TOKEN}(?:${JOIN}${TOKEN})*`, 'gu');
const INITIALS = /^(?:[A-Z]\.)+$|^(?:Jr|Sr|St|Mt|Ft)\.$/;
const ACRONYM = /^[A-Z][A-Z0-9&]{1,6}$/;

/** Lowercase words seen anywhere in the prose: a sentence-initial word that also appears lowercase is no name. */
export function lowercaseVocabulary(sentences: Sentence[]): Set<string> {
  const vocab = new Set<string>();
  for (const s of sentences) for (const w of s.text.match(/\b[a-z][a-z’'-]+/g) ?? []) vocab.add(w);
  return vocab;
}

export function findMentions(sentences: Sentence[], vocab = lowercaseVocabulary(sentences)): Mention[] {
  const out: Mention[] = [];
  for (const s of sentences) {
    for (const m of s.text.matchAll(RUN)) {
      for (const piece of splitRun(m[0], m.index!)) {
        const mention = toMention(s, piece.text, piece.at, vocab);
        if (mention) out.push(mention);
      }
    }
  }
  return out;
}

/** Splits a run at possessives ("North Korea’s Kim Jong-un") and trims sentence punctuation from tokens. */
function splitRun(run: string, at: number): Array<{ text: string; at: number }> {
  const pieces: Array<{ text: string; at: number }> = [];
  const re = /\S+/g;
  let from = -1;
  let last = -1;
  let m: RegExpExecArray | null;
  const flush = () => {
    if (from >= 0) pieces.push({ text: run.slice(from, last), at: at + from });
    from = -1;
  };
  while ((m = re.exec(run))) {
    let tok = m[0];
    const possessive = /[’']s?$/.test(tok) && !/^[A-Z]\.?[’']$/.test(tok);
    if (possessive) tok = tok.replace(/[’']s?$/, '');
    if (tok.endsWith('.') && !INITIALS.test(tok)) tok = tok.replace(/\.+$/, '');
    tok = tok.replace(/-+$/, '');
    if (from < 0) from = m.index;
    last = m.index + tok.length;
    if (possessive || tok.length !== m[0].length) flush();
  }
  flush();
  return pieces.filter((p) => p.text.length > 0);
}

function toMention(s: Sentence, raw: string, at: number, vocab: Set<string>): Mention | null {
  const tokens = raw.split(/\s+/);
  const offsets: number[] = [];
  let pos = 0;
  for (const t of tokens) {
    pos = raw.indexOf(t, pos);
    offsets.push(pos);
    pos += t.length;
  }
  let i = 0;
  const initial = at === 0 || /^[“"‘'(\[—–-]*\s*$/.test(s.text.slice(0, at)) || /[:;]\s*[“"‘']?$/.test(s.text.slice(0, at));
  // Leading function words ("The", "According", "Per") and sentence-initial common words are not part of names.
  while (i < tokens.length) {
    const low = tokens[i]!.toLowerCase().replace(/\.$/, '');
    if (NOT_NAMES.has(low) && !(low === 'us' && tokens[i] === 'US')) { i++; continue; }
    if (i === 0 && initial && vocab.has(low) && !PLACES.has(tokens[i]!) && !HONORIFICS.has(low)) { i++; continue; }
    break;
  }
  // Titles: everything up to the last honorific is description, unless what follows is an organisation.
  let title: string | undefined;
  let j = i;
  for (let k = i; k < tokens.length - 1; k++) if (HONORIFICS.has(tokens[k]!.toLowerCase().replace(/\.$/, ''))) j = k + 1;
  while (j < tokens.length - 1 && /^(?:of|for)$/.test(tokens[j]!)) j += 2;
  if (j > i && j < tokens.length && !ORG_SUFFIXES.has(tokens[tokens.length - 1]!.toLowerCase())) {
    title = tokens.slice(i, j).join(' ');
    i = j;
  }
  while (tokens.length > i && /^(?:of|for|de|la|al|the)$/i.test(tokens[tokens.length - 1]!)) tokens.pop();
  if (i >= tokens.length) return null;
  const startRel = offsets[i]!;
  const last = tokens.length - 1;
  const name = raw.slice(startRel, offsets[last]! + tokens[last]!.length);
  if (name.length < 2 || /^[A-Z]\.?$/.test(name)) return null;
  const start = s.start + at + startRel;
  const before = s.text.slice(Math.max(0, at + startRel - 40), at + startRel);
  const after = s.text.slice(at + startRel + name.length, at + startRel + name.length + 40);
  const kind = classify(name, tokens.slice(i), before, after, !!title);
  if (!kind) return null;
  const mention: Mention = { name, kind: kind.kind, start, end: start + name.length, sentence: s.index };
  if (title) mention.title = title;
  if (kind.place) mention.place = kind.place;
  return mention;
}

function classify(
  name: string, tokens: string[], before: string, after: string, titled: boolean,
): { kind: MentionKind; place?: string } | null {
  const lastTok = tokens[tokens.length - 1]!;
  if (PLACE_LIKE_ORGS.has(name)) return { kind: 'organization' };
  if (PLACE_ALIASES[name]) return { kind: 'place', place: PLACE_ALIASES[name] };
  if (PLACES.has(name)) return { kind: 'place', place: name };
  const demonym = demonymPlace(name);
  if (demonym) return { kind: 'place', place: demonym };
  if (ORG_ACRONYMS.has(name) || ORG_SUFFIXES.has(lastTok.toLowerCase())) return { kind: 'organization' };
  if (ACRONYM.test(name)) return { kind: 'unknown' };
  if (titled) return { kind: 'person' };
  if (tokens.some((t) => /\d/.test(t))) return null;
  if (/\b(?:in|at|from|near|across|throughout)\s+(?:the\s+)?$/.test(before) && tokens.length <= 3) {
    const prep = /(\w+)\s+(?:the\s+)?$/.exec(before)?.[1]?.toLowerCase();
    // "met in Oslo": an unknown name after a place preposition is most often a place.
    if (prep && PLACE_PREPOSITIONS.has(prep) && !/^\s*(?:said|says|told|added)\b/.test(after)) return { kind: 'place', place: name };
  }
  if (tokens.length >= 2 && tokens.length <= 4 && tokens.every((t) => /^[A-Z][\p{Ll}’'\-]|^[A-Z]\.$/u.test(t))) {
    return { kind: 'person' };
  }
  if (tokens.length === 1 && /^,?\s*(?:\w+\s+)?(\w+)/.test(after)) {
    const verb = /^,?\s*(?:has\s+|had\s+|also\s+)?(\w+)/.exec(after)?.[1]?.toLowerCase();
    if (verb && SPEECH_VERBS.has(verb)) return { kind: 'person' };
  }
  return { kind: 'unknown' };
}

/** "Korean", "North Koreans", "Russian" → the place they belong to, when that place is known. */
const demonymCache = new Map<string, string | undefined>();

export function demonymPlace(name: string): string | undefined {
  if (!/(?:ns?|ese|is|ish|ch|i)$/.test(name)) return DEMONYMS[name];
  if (!demonymCache.has(name)) demonymCache.set(name, findDemonym(name));
  return demonymCache.get(name);
}

function findDemonym(name: string): string | undefined {
  const clean = name.replace(/^(?:ex|anti|pro|non)-/i, '');
  if (DEMONYMS[clean]) return DEMONYMS[clean];
  const words = clean.split(' ');
  const head = words.slice(0, -1).join(' ');
  const lastWord = words[words.length - 1]!;
  const stems = [
    lastWord.replace(/ns?$/, ''), lastWord.replace(/ans?$/, 'o'), lastWord.replace(/ians?$/, 'y'),
    lastWord.replace(/ians?$/, 'ia'), lastWord.replace(/ese$/, 'a'), lastWord.replace(/is$/, ''),
  ];
  for (const stem of stems) {
    if (stem === lastWord) continue;
    const candidate = head ? `${head} ${stem}` : stem;
    if (PLACES.has(candidate)) return candidate;
  }
  return undefined;
}
