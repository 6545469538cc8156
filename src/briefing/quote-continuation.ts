// What is decided about quotes after each is read: which quoted stretches are no speech (titles, names of works,
// a word quoted as a word), where a quote's sentence really ends, and which speaker a quote with no cue of its own
// continues (the quote before it in the paragraph, a cue ending its sentence, the reported speech just before).
import { cueTail, type Cue } from './quote-attribution.js';
import type { QuoteSpan } from './quote-spans.js';
import type { SpeakerResolver } from './quote-speakers.js';
import { alternation, perLexicon, type Lexicon } from './lexicon/lexicon.js';
import type { Quote, QuoteRule, Sentence } from './types.js';

/** A quote as the rules read it, before ranking. */
export interface Found {
  span: QuoteSpan;
  cue: Cue | null;
  speaker: string | null;
  rule: QuoteRule;
  /** The rules chose "unattributed" on purpose: the cue, or the quote this one continues, names nobody known. */
  declined?: boolean;
  via?: string;
  kind: Quote['kind'];
  sentence: string;
}

// Only nouns of works that are named, not read from: "the report “…”" may well be quoting the report.
const WORK_BEFORE = /\b(?:documentary|film|movie|book|memoir|novel|song|album|sitcom|podcast|titled|entitled)\s*,?\s*$/;

export function containing(sentences: Sentence[], pos: number): Sentence | undefined {
  return sentences.find((s) => s.start <= pos && pos < s.end);
}

// A sentence that is nothing but an attribution ("Trump said on Tuesday.").
const bareAttribution = perLexicon(
  (lex) =>
    new RegExp(
      String.raw`^\s+(?:\p{Lu}[\p{L}.’'-]*\s+){1,4}(?:${alternation(lex.speechVerbs)})(?:\s+[\p{L}\d]+){0,3}[.!?]`,
      'u',
    ),
);

/**
 * The close mark may sit after the splitter's sentence end ("…now.” he said" split oddly): read to the next stop.
 * A full stop inside the marks followed by a capital starts a new sentence ("…“fanatic recklessness.” South Korean
 * President Park said…"): news writes "…,” X said" rather than "….” X said", so what follows is another sentence,
 * unless it is a bare attribution, which can only be this quote's.
 */
export function closeSentenceEnd(lex: Lexicon, text: string, span: QuoteSpan): number {
  const rest = text.slice(span.close + 1, span.block.end);
  if (/\.$/.test(text.slice(span.start, span.end)) && /^\s+[\p{Lu}“"]/u.test(rest) && !bareAttribution(lex).test(rest))
    return span.close + 1;
  const stop = /[.!?](?=\s+[“"A-Z]|$)/.exec(rest);
  return stop ? span.close + 2 + stop.index : span.block.end;
}

/**
 * Quotes without their own cue continue the nearest attributed quote: earlier in the paragraph, later in it,
 * or — for a paragraph that opens with a quote — the last quote of the previous paragraph.
 */
export function inheritSpeakers(
  lex: Lexicon,
  text: string,
  sentences: Sentence[],
  found: Found[],
  resolver: SpeakerResolver,
): void {
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    if (f.cue || isTitle(text, f.span)) continue;
    // A phrase quoted inside a sentence about someone ("Reid has gone after Trump as a “spoiled brat.”") is theirs.
    const subject = f.kind === 'partial' ? resolver.subjectBefore(f.span.open) : null;
    if (subject) {
      f.speaker = subject;
      f.rule = 'sentence subject';
      continue;
    }
    const block = f.span.block;
    const prev = found[i - 1];
    // A title quoted in between ("…,” X said on “Fox and Friends.” “…”) does not break the speaker's run.
    let sameBlockPrev: Found | undefined;
    for (let k = i - 1; k >= 0 && found[k]!.span.block === block; k--) {
      if (!isTitle(text, found[k]!.span)) {
        sameBlockPrev = found[k];
        break;
      }
    }
    // "…will carry “A” and bring “B” they need, X said.": a cue ending the sentence is every quote's in it.
    const nextCued = found
      .slice(i + 1)
      .find((g) => g.span.block === block && g.cue && (g.cue.how !== 'tail' || g.sentence === f.sentence));
    const opensBlock = text.slice(block.start, f.span.open).trim() === '';
    const prevBlock = prev && prev.span.block.index === block.index - 1 ? prev : undefined;
    // A phrase quoted mid-sentence is somebody's words within that sentence: it takes a speaker from a quote in the
    // same sentence, not from the paragraph ("…, Jordan said. The “black box” of the jet was opened…").
    const opens = opensSentence(text, sentences, f.span);
    const continues = f.kind === 'direct' || opens;
    const near = (g: Found | undefined) => (g && (continues || g.sentence === f.sentence) ? g : undefined);
    const source = near(sameBlockPrev) ?? near(nextCued) ?? (opensBlock && f.kind === 'direct' ? prevBlock : undefined);
    if (source?.speaker) {
      f.speaker = source.speaker;
      f.rule = 'continued quote';
      if (source.via) f.via = source.via;
    } else if (source && (source.cue || source.declined)) {
      f.declined = true;
    } else if (!source && f.kind === 'direct' && (opensBlock || opens)) {
      // "Reed said the deal was bad.¶“It is a disaster.”", "The deal was bad, Reed said. “It is a disaster.”":
      // a quote opening a sentence after someone's reported speech.
      f.speaker = reportedJustBefore(lex, text, sentences, f.span, resolver) ?? resolver.reporterBefore(f.span.open);
      f.rule = 'previous sentence subject';
    }
  }
}

function opensSentence(text: string, sentences: Sentence[], span: QuoteSpan): boolean {
  const s = containing(sentences, span.open);
  return !!s && text.slice(s.start, span.open).trim() === '';
}

/** "…while Kerry negotiates with Russia, Schiff said.": the attribution ending the sentence right before `span`. */
function reportedJustBefore(
  lex: Lexicon,
  text: string,
  sentences: Sentence[],
  span: QuoteSpan,
  resolver: SpeakerResolver,
): string | null {
  const here = containing(sentences, span.open);
  const prev = here && sentences[here.index - 1];
  if (!prev || /[“”"]/.test(prev.text)) return null;
  const cue = cueTail(lex, prev.text, prev.start);
  return cue ? resolver.resolve(cue.subject, cue.start) : null;
}

/**
 * Quoted stretches that are clearly not words anyone said: a show or book named in Title Case with no speech cue
 * of its own ("on “Fox News Sunday,”"), a nickname inside a name (Marcia “Cia” Price), a word quoted as a word
 * (“she”). Exclamations stay: “Lock Her Up!” is chanted.
 */
export function notSpeech(text: string, f: Found): boolean {
  const inner = text.slice(f.span.start, f.span.end);
  if (/^(?:he|she|they|it|him|her|them|we|you|i)[.,]?$/i.test(inner)) return true;
  // Named right after the kind of work it is ("HBO's new documentary “Going Clear: Scientology and …”").
  if (
    WORK_BEFORE.test(text.slice(Math.max(f.span.block.start, f.span.open - 20), f.span.open)) &&
    /^\p{Lu}/u.test(inner)
  )
    return true;
  if (!isTitle(text, f.span) || /[!?]/.test(inner)) return false;
  const head = text.slice(Math.max(f.span.block.start, f.span.open - 40), f.span.open);
  // Named as the programme someone spoke on.
  if (/\b(?:on|in)\s+(?:the\s+)?$/i.test(head) && !/\s(?:of|for|by)\s/.test(inner)) return true;
  const before = text.slice(Math.max(0, f.span.open - 30), f.span.open);
  const after = text.slice(f.span.close + 1, f.span.close + 30);
  return !/\s/.test(inner.trim()) && /[A-Z][\p{L}.]*\s*$/u.test(before) && /^\s*[A-Z]/.test(after);
}

/** "Fox and Friends", “The Apprentice”: short Title Case names of shows and books, not utterances. */
export function isTitle(text: string, span: QuoteSpan): boolean {
  const words = text
    .slice(span.start, span.end)
    .replace(/[.,!?]+$/, '')
    .split(/\s+/);
  if (words.length > 6) return false;
  return words.every((w) => /^[A-Z0-9(]/.test(w) || /^(?:a|an|the|and|of|in|on|to|for|at|by|with|or)$/.test(w));
}
