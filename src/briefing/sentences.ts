// Splits cleaned paragraphs into sentences, keeping offsets into the original text.
import type { CleanDocument } from './clean.js';
import { LEXICON, type Lexicon } from './lexicon/lexicon.js';
import { runInEnds, sentenceEnds } from './text-boundaries.js';
import type { Sentence } from './types.js';

// Links are not prose; they also glue onto punctuation ("send?!https://t.co/…"), so they are cut out first.
const LINK = /(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S+/g;

export interface SplitOptions {
  /** Also cut where an image caption runs into the prose without a full stop (Daily Mail). Default true. */
  runIns?: boolean;
  /** The word lists (role nouns tell a run-in caption's end); the bundled lexicon by default. */
  lexicon?: Lexicon;
}

export function splitSentences(doc: CleanDocument, options: SplitOptions = {}): Sentence[] {
  const runIns = options.runIns ?? true;
  const lex = options.lexicon ?? LEXICON;
  const out: Sentence[] = [];
  for (const p of doc.paragraphs) {
    let from = 0;
    const pieces: Array<[number, number]> = [];
    for (const m of p.text.matchAll(LINK)) {
      pieces.push([from, m.index]);
      from = m.index + m[0].length;
    }
    pieces.push([from, p.text.length]);
    for (const [a, b] of pieces) {
      const run = p.text.slice(a, b);
      const cuts = runIns ? [...sentenceEnds(run), ...runInEnds(run, lex)] : sentenceEnds(run);
      const ends = [...new Set(cuts)].sort((x, y) => x - y);
      let start = 0;
      for (const end of [...ends, run.length]) {
        push(out, p, a + start, run.slice(start, end));
        start = end;
      }
    }
  }
  return out;
}

function push(out: Sentence[], p: CleanDocument['paragraphs'][number], rel: number, slice: string): void {
  const text = slice.trim();
  // Leftovers such as "?!" or "—" carry no words.
  if (!/[\p{L}\p{N}]/u.test(text)) return;
  const start = p.start + rel + (slice.length - slice.trimStart().length);
  out.push({ text, start, end: start + text.length, paragraph: p.index, index: out.length });
}
