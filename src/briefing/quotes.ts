// Direct and partial quotations, verbatim, with their speakers resolved to the fullest name given.
import { indexEntities, type EntityIndex } from './entities.js';
import { cueAfter, cueBefore, cueSignature, cueTail, type Cue } from './quote-attribution.js';
import { findQuoteSpans, proseBlocks, type Block, type QuoteSpan } from './quote-spans.js';
import { quoteCandidates, type Candidate, type QuoteView } from './quote-candidates.js';
import { defaultRanker, pickSpeaker, ranked, type RankerModel } from './quote-ranker.js';
import { speakerResolver, type SpeakerResolver } from './quote-speakers.js';
import { alternation, LEXICON, perLexicon, type Lexicon } from './lexicon/lexicon.js';
import { closeSentenceEnd, containing, inheritSpeakers, isTitle, notSpeech, type Found } from './quote-continuation.js';
import type { Quote, Sentence } from './types.js';

export { isTitle };

const TITLE_END = /\b(?:Mr|Mrs|Ms|Dr|Rep|Sen|Gov|Gen|Del|Lt|Col|Sgt|Rev|Prof|Atty|Sec|Adm|Maj|Capt)\.\s*$/;
const VENUE = /\b(?:on|in|at|to|from|for|of|with|by|titled|called|named|dubbed)\s*$/;
// A title quoted earlier in the sentence may also follow an article ("during a “Commander-in-Chief Forum”").
const EARLIER_VENUE = /\b(?:on|in|at|during|to|from|for|of|with|by|titled|called|named|dubbed)(?:\s+(?:the|a|an))?\s*$/;
const endsWithVerb = perLexicon(
  (lex) => new RegExp(String.raw`\b(?:${alternation(lex.speechVerbs)})(?:\s+that)?\s*[,:]?$`),
);

export interface QuoteOptions {
  /** The speaker ranker; the committed model by default, null for the rules alone. */
  ranker?: RankerModel | null;
  /** The entity index of these sentences, when the caller has built it (deriveBriefing does); else built here. */
  index?: EntityIndex;
  /** The word lists; the bundled lexicon by default. An index passed in must have been built with the same. */
  lexicon?: Lexicon;
}

/**
 * Quote detection runs on the original text, line by line, so quotes spanning sentences survive the splitter;
 * sentences only say which lines are prose and give the context for speakers.
 * Speakers need mention positions, so they read `options.index`, or an index built here when none is passed.
 */
export function extractQuotes(text: string, sentences: Sentence[], options: QuoteOptions = {}): Quote[] {
  const lex = options.lexicon ?? LEXICON;
  const ruled = byRules(lex, text, sentences, () => options.index ?? indexEntities(sentences, [], lex));
  if (!ruled) return [];
  const { found, resolver } = ruled;
  const model = options.ranker === undefined ? defaultRanker() : options.ranker;
  if (model) {
    // The rules' decision is one candidate among the generators'; a name met only inside quotes is none.
    const open = found.map((f) => rankable(text, f));
    if (open.some(Boolean)) {
      const candidates = quoteCandidates(text, sentences, found.map(view), resolver, (i) => open[i]!);
      found.forEach((f, i) => {
        if (open[i]) Object.assign(f, pickSpeaker(candidates[i]!, model));
      });
    }
  }
  return found
    .filter((f) => !notSpeech(text, f))
    .map((f) => ({
      text: text.slice(f.span.start, f.span.end),
      speaker: f.speaker,
      kind: f.kind,
      ...(f.via ? { via: f.via } : {}),
      start: f.span.start,
      end: f.span.end,
      sentence: f.sentence,
      rule: f.speaker ? f.rule : 'unattributed',
    }));
}

/** For `npm run train:quotes`: the offsets of every quote the ranker decides, with its candidates and their features. */
export function speakerCandidates(
  text: string,
  sentences: Sentence[],
  lex: Lexicon = LEXICON,
): Array<{ start: number; end: number; text: string; candidates: Candidate[] }> {
  const ruled = byRules(lex, text, sentences, () => indexEntities(sentences, [], lex));
  if (!ruled) return [];
  const open = ruled.found.map((f) => !notSpeech(text, f) && rankable(text, f));
  const candidates = quoteCandidates(text, sentences, ruled.found.map(view), ruled.resolver, (i) => open[i]!);
  return ruled.found.flatMap((f, i) =>
    !open[i]
      ? []
      : [
          {
            start: f.span.start,
            end: f.span.end,
            text: text.slice(f.span.start, f.span.end),
            candidates: candidates[i]!,
          },
        ],
  );
}

/** Titles ("“Fox and Friends”") are nobody's words, and a quote the rules declined on purpose stays unattributed. */
const rankable = (text: string, f: Found): boolean => ranked(f.rule, !!f.cue) && !f.declined && !isTitle(text, f.span);

const view = (f: Found): QuoteView => ({
  span: f.span,
  speaker: f.speaker,
  rule: f.rule,
  cueSubject: f.cue?.subject ?? null,
  kind: f.kind,
});

/** The rules' speakers: each quote's cue resolved, then quotes without one continuing their neighbours. */
function byRules(
  lex: Lexicon,
  text: string,
  sentences: Sentence[],
  index: () => EntityIndex,
): { found: Found[]; resolver: SpeakerResolver } | null {
  const blocks = proseBlocks(text, sentences);
  const spans = findQuoteSpans(text, blocks);
  if (!spans.length) return null;
  const resolver = speakerResolver(text, index(), spans, sentences, lex);
  const found: Found[] = spans.map((span, i) => analyse(lex, text, sentences, spans, i, blocks));
  joinLists(text, found);
  for (const f of found) {
    if (!f.cue) continue;
    ({ speaker: f.speaker, rule: f.rule } = resolver.resolveWithRule(f.cue.subject, f.cue.start, f.cue.pick));
    if (f.cue.signature && f.speaker) f.rule = 'post author';
    resolver.heard(f.span.start, f.speaker);
    const clause = text.slice(f.cue.clauseStart, f.cue.clauseEnd);
    const via = resolver.via(clause, f.cue.clauseStart) ?? resolver.via(f.sentence, sentenceStart(sentences, f.span));
    if (via && via !== f.speaker) f.via = via;
  }
  inheritSpeakers(lex, text, sentences, found, resolver);
  return { found, resolver };
}

const LABEL_BEFORE_NAME = /^\s*(?:named|called|dubbed|nicknamed|known as|identified as)\s+\p{Lu}/u;

function sentenceStart(sentences: Sentence[], span: QuoteSpan): number {
  return containing(sentences, span.open)?.start ?? span.block.start;
}

function analyse(
  lex: Lexicon,
  text: string,
  sentences: Sentence[],
  spans: QuoteSpan[],
  i: number,
  blocks: Block[],
): Found {
  const span = spans[i]!;
  // A title quoted earlier in the sentence ("said on “Good Day Show” that…") does not cut the head short.
  let k = i - 1;
  while (
    k >= 0 &&
    spans[k]!.block === span.block &&
    isTitle(text, spans[k]!) &&
    EARLIER_VENUE.test(text.slice(span.block.start, spans[k]!.open))
  )
    k--;
  const prev = spans[k]?.block === span.block ? spans[k] : undefined;
  const next = spans[i + 1]?.block === span.block ? spans[i + 1] : undefined;
  const first = containing(sentences, span.open);
  const last = containing(sentences, Math.max(span.open, span.close - 1));
  const from = Math.max(first?.start ?? span.block.start, prev ? prev.close + 1 : span.block.start);
  const lastEnd = last?.end ?? span.block.end;
  let to = Math.min(
    next ? next.open : span.block.end,
    lastEnd > span.close + 1 ? lastEnd : closeSentenceEnd(lex, text, span),
  );
  // A sentence split after a title ("…,” said Del. | Stacey Plaskett") leaves the name in the next sentence.
  if (TITLE_END.test(text.slice(span.close + 1, to))) {
    const following = sentences.find((x) => x.start >= to);
    to = Math.min(next ? next.open : span.block.end, following?.end ?? span.block.end);
  }
  const head = text.slice(from, span.open);
  const tail = span.closed ? text.slice(span.close + 1, to) : '';
  const inner = text.slice(span.start, span.end);
  const endsClause = /[,!?.…—–-]$/.test(inner) || /^,/.test(tail);
  // A title after a preposition ("said on “Good Day Show.”") names a venue or a work, not words spoken.
  const venue = isTitle(text, span) && VENUE.test(head);
  // A quoted label right before a name ("a diplomat and “elite defector” named Ri said") describes the speaker:
  // those are the reporter's words, so only a cue before the quote can claim them, never the named person.
  const label = LABEL_BEFORE_NAME.test(tail);
  const after = venue || label ? null : cueAfter(lex, tail, span.close + 1, endsClause);
  // "X is telling a group that the army is “depleted” and says…": a verb joined by "and" has the sentence's subject.
  const elided = after && /^(?:and|but|or|then)$/i.test(after.subject.trim());
  let cue = venue
    ? null
    : label
      ? cueBefore(lex, head, from)
      : ((elided ? null : after) ??
        cueBefore(lex, head, from) ??
        cueTail(lex, tail, span.close + 1) ??
        leadIn(lex, text, span, blocks) ??
        (head.trim() === '' && tail.trim() === '' && span.close + 1 >= span.block.end
          ? cueSignature(text, span.block.end)
          : null));
  if (cue?.how === 'before' && cue.pick === 'first' && first && from > first.start)
    cue = wholeSentenceCue(lex, text, spans.slice(0, i), first.start, span.open) ?? cue;
  const headTrim = head.trim();
  const opens =
    headTrim === '' || endsWithVerb(lex).test(headTrim) || (/[:,]$/.test(headTrim) && cue?.how === 'before');
  const tailTrim = tail.trim();
  const closes = tailTrim === '' || /^[.!?,;]/.test(tailTrim) || cue?.how === 'after' || cue?.how === 'dash';
  const sentence = text.slice(first?.start ?? span.block.start, Math.max(last?.end ?? span.block.end, span.end));
  return { span, cue, speaker: null, rule: 'unattributed', kind: opens && closes ? 'direct' : 'partial', sentence };
}

/**
 * "Gore insisted it was “premature” … while adding, “…”": a participle or a joined verb takes the subject of the
 * whole sentence, read past the phrases quoted earlier in it: the one who introduced the first of them, else the
 * sentence's first name (quoted words blanked, so they name nobody).
 */
function wholeSentenceCue(lex: Lexicon, text: string, earlier: QuoteSpan[], from: number, to: number): Cue | null {
  const inside = earlier.filter((q) => q.close >= from && q.open < to);
  if (!inside.length) return null;
  const intro = cueBefore(lex, text.slice(from, Math.max(from, inside[0]!.open)), from);
  if (intro?.pick === 'last' && /\p{Lu}|^\s*(?:he|she)\b/iu.test(intro.subject)) return intro;
  let wide = text.slice(from, to);
  for (const q of inside) {
    const a = Math.max(0, q.open - from);
    const b = Math.min(wide.length, q.close + 1 - from);
    wide = wide.slice(0, a) + ' '.repeat(b - a) + wide.slice(b);
  }
  return cueBefore(lex, wide, from);
}

/**
 * Quotes listed after a cue ("Trump went on about “A,” and “B” and “C,” Melanie said yes") all belong to
 * the cue before the first of them, not to whatever clause follows the last.
 */
function joinLists(text: string, found: Found[]): void {
  for (let i = 1; i < found.length; i++) {
    const f = found[i]!;
    const prev = found[i - 1]!;
    if (prev.span.block !== f.span.block || prev.cue?.how !== 'before' || !prev.span.closed) continue;
    if (!/^\s*(?:,\s*)?(?:and|or)?\s*$/.test(text.slice(prev.span.close + 1, f.span.open))) continue;
    if (prev.kind !== 'partial' || f.cue?.how === 'before') continue;
    f.cue = prev.cue;
  }
}

/** "He said:" as a paragraph of its own, with the quote opening the next one. */
function leadIn(lex: Lexicon, text: string, span: QuoteSpan, blocks: Block[]): Cue | null {
  const prev = blocks[span.block.index - 1];
  if (!prev || text.slice(span.block.start, span.open).trim() !== '') return null;
  const lead = text.slice(prev.start, prev.end);
  if (!/:\s*$/.test(lead) || lead.length > 200 || /[“”"]/.test(lead)) return null;
  const cue = cueBefore(lex, lead, prev.start);
  return cue?.how === 'before' ? cue : null;
}
