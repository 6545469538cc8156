// Noun phrases of a sentence ("mathematical models of computation", "the formal language"), from wink-nlp's
// part-of-speech tags: the answer of a "what" or "which" question is usually one. The tagger is loaded on first
// use only (about 0.4 s once), and only the chosen sentence is tagged.
import { createRequire } from 'node:module';

export interface Chunk {
  text: string;
  start: number;
  end: number;
  /** Whether it holds a proper noun. */
  proper: boolean;
}

interface Tagger {
  readDoc(text: string): { tokens(): { out(what?: unknown): string[] } };
  its: { pos: unknown };
}

let tagger: Tagger | undefined;

function load(): Tagger {
  if (!tagger) {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as (model: unknown, pipe?: string[]) => Tagger;
    tagger = winkNLP(require('wink-eng-lite-web-model'), ['pos']);
  }
  return tagger;
}

const HEAD = new Set(['NOUN', 'PROPN', 'NUM']);
const MOD = new Set(['ADJ', 'NOUN', 'PROPN', 'NUM']);

/** The sentence's noun phrases: determiner and modifiers, nouns, and an "of" phrase after them. */
export function nounChunks(text: string): Chunk[] {
  const nlp = load();
  const tokens = nlp.readDoc(text).tokens();
  const words = tokens.out();
  const tags = tokens.out(nlp.its.pos);
  const at: number[] = [];
  let cursor = 0;
  for (const w of words) {
    const i = text.indexOf(w, cursor);
    at.push(i < 0 ? cursor : i);
    if (i >= 0) cursor = i + w.length;
  }
  const out: Chunk[] = [];
  let i = 0;
  while (i < words.length) {
    if (!MOD.has(tags[i]!) && !(tags[i] === 'DET' && i + 1 < words.length && MOD.has(tags[i + 1]!))) {
      i++;
      continue;
    }
    let j = i;
    let head = -1;
    const extend = () => {
      while (
        j < words.length &&
        (MOD.has(tags[j]!) || (tags[j] === 'DET' && j === i) || (tags[j] === 'PUNCT' && words[j] === '-'))
      ) {
        if (HEAD.has(tags[j]!)) head = j;
        j++;
      }
    };
    extend();
    // "models of computation": one "of" phrase joins the chunk.
    if (
      head >= 0 &&
      words[j]?.toLowerCase() === 'of' &&
      j + 1 < words.length &&
      (MOD.has(tags[j + 1]!) || tags[j + 1] === 'DET')
    ) {
      const save = [j, head];
      j++;
      const before = head;
      extend();
      if (head === before) [j, head] = save as [number, number];
    }
    if (head >= 0) {
      const start = at[i]!;
      const end = at[head]! + words[head]!.length;
      out.push({ text: text.slice(start, end), start, end, proper: tags.slice(i, head + 1).includes('PROPN') });
      i = head + 1;
    } else i = Math.max(j, i + 1);
  }
  return out;
}
