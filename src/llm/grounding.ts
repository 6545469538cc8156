// Grounding by construction: the model sees the article's sentences numbered, answers with claims that cite them,
// and each claim is checked against the article before anyone reads it. Pure: no I/O.
import { z } from 'zod';
import type { Quote } from '../briefing/types.js';

export const ClaimsSchema = z.object({
  claims: z
    .array(z.object({ text: z.string().trim().min(1).max(600), sentences: z.array(z.number().int()).max(20) }))
    .max(8),
});
export type Claim = z.infer<typeof ClaimsSchema>['claims'][number];

/** The same shape as JSON Schema, for servers with structured outputs. */
export const CLAIMS_JSON_SCHEMA = {
  name: 'grounded_claims',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['claims'],
    properties: {
      claims: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['text', 'sentences'],
          properties: { text: { type: 'string' }, sentences: { type: 'array', items: { type: 'integer' } } },
        },
      },
    },
  },
};

export interface GroundingSource {
  /** The sentences as numbered in the prompt: id 1 is sentences[0]. */
  sentences: readonly string[];
  /** Everything the article says, where a quoted span must appear verbatim (prose and embedded posts). */
  fullText: string;
  /** The extractive quotes, whose speakers a claim must agree with. */
  quotes: readonly Pick<Quote, 'text' | 'speaker'>[];
}

/** Which check a dropped claim failed: short enough for a reply, whose reason may quote what the model invented. */
export type FailedCheck = 'format' | 'no-citation' | 'bad-citation' | 'quote' | 'speaker' | 'number' | 'name';

export interface DroppedClaim {
  claim: string;
  reason: string;
  check: FailedCheck;
}

/** What a reader is told about a dropped claim: never the claim's own words, which may be invented. */
export const CHECK_WORDS: Record<FailedCheck, string> = {
  format: 'not in the claims format',
  'no-citation': 'it cited no sentence',
  'bad-citation': 'it cited a sentence that does not exist',
  quote: 'a quote the article does not contain',
  speaker: 'a quote given to the wrong speaker',
  number: 'a number its sentences do not contain',
  name: 'a name its sentences do not contain',
};

export interface Grounded {
  kept: Claim[];
  dropped: DroppedClaim[];
  /** Distinct sentence ids the kept claims rest on. */
  cited: number[];
}

/** Curly and straight quote marks and apostrophes alike, dashes alike, white space folded. */
export function normalize(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B\u2032`]/g, "'")
    .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Spans the claim puts inside double quotation marks (or single ones around two words or more). */
export function quotedSpans(claim: string): string[] {
  const text = normalize(claim);
  const spans = [...text.matchAll(/"([^"]{2,}?)"/g)].map((m) => m[1]!);
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])'([^']+?\s[^']+?)'(?![\p{L}\p{N}])/gu)) spans.push(m[1]!);
  return spans.map((s) => s.replace(/^[\s,.;:!?]+|[\s,.;:!?]+$/g, '')).filter((s) => s.length > 0);
}

const numberKey = (n: string) => n.replace(/,(?=\d{3}\b)/g, '').replace(/\.$/, '');

function numbersIn(text: string): string[] {
  return [...text.matchAll(/\d[\d,.]*/g)].map((m) => numberKey(m[0]));
}

// Words that open a sentence in capitals without being names.
const SENTENCE_OPENERS = new Set(
  'a an the this that these those it its he she they we i his her their our in on at by for from with after before as when while since during over under amid about according but and or so yet if there here then also however meanwhile some many most several no one two three'.split(
    ' ',
  ),
);

/** Capitalised words in the claim that name someone or something: each must appear in what it cites. */
export function properNames(claim: string): string[] {
  const names: string[] = [];
  const text = normalize(claim);
  for (const m of text.matchAll(/(^|[.!?]\s+|["(]\s*)?(\p{Lu}[\p{L}\p{M}'.-]*)/gu)) {
    const word = m[2]!.replace(/'s$/, '').replace(/[.'-]+$/, '');
    if (word.length < 2 && word !== 'I') continue;
    const opensSentence = m.index === 0 || m[1] !== undefined;
    if (opensSentence && SENTENCE_OPENERS.has(word.toLowerCase())) continue;
    if (word === 'I') continue;
    names.push(word);
  }
  return names;
}

function containsWord(haystack: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(haystack);
}

const surname = (speaker: string) => speaker.trim().split(/\s+/).pop() ?? speaker;

/** Why a claim fails its checks, or null when it passes. */
export function checkClaim(claim: Claim, source: GroundingSource): string | null {
  return claimProblem(claim, source)?.reason ?? null;
}

/** The check a claim fails and why, or null when it passes every one. */
export function claimProblem(claim: Claim, source: GroundingSource): Omit<DroppedClaim, 'claim'> | null {
  const fail = (check: FailedCheck, reason: string) => ({ check, reason });
  if (claim.sentences.length === 0) return fail('no-citation', 'it cites no sentence');
  const missing = claim.sentences.find((id) => id < 1 || id > source.sentences.length);
  if (missing !== undefined) return fail('bad-citation', `it cites sentence ${missing}, which does not exist`);
  const cited = normalize(claim.sentences.map((id) => source.sentences[id - 1]!).join(' '));
  const article = normalize(source.fullText);
  for (const span of quotedSpans(claim.text)) {
    if (!article.includes(span))
      return fail('quote', `it quotes "${span.slice(0, 60)}", which the article does not say`);
    const quote = source.quotes.find((q) => {
      const text = normalize(q.text);
      return text.includes(span) || span.includes(text);
    });
    if (quote?.speaker && !containsWord(normalize(claim.text), surname(quote.speaker))) {
      return fail('speaker', `it gives a quote the article gives to ${quote.speaker} to someone else`);
    }
  }
  const citedNumbers = new Set(numbersIn(cited));
  const number = numbersIn(claim.text).find((n) => !citedNumbers.has(n));
  if (number !== undefined) return fail('number', `the number ${number} is not in the sentences it cites`);
  const name = properNames(claim.text).find((n) => !containsWord(cited, n));
  if (name !== undefined) return fail('name', `"${name}" is not in the sentences it cites`);
  return null;
}

/** Checks every claim; the ones that fail are dropped with their reasons. Anything malformed is dropped whole. */
export function groundClaims(raw: unknown, source: GroundingSource): Grounded {
  const parsed = ClaimsSchema.safeParse(raw);
  if (!parsed.success)
    return {
      kept: [],
      dropped: [{ claim: '', reason: 'the model reply does not follow the claims format', check: 'format' }],
      cited: [],
    };
  const kept: Claim[] = [];
  const dropped: DroppedClaim[] = [];
  for (const claim of parsed.data.claims) {
    const problem = claimProblem(claim, source);
    if (problem) dropped.push({ claim: claim.text, ...problem });
    else kept.push(claim);
  }
  const cited = [...new Set(kept.flatMap((c) => c.sentences))].sort((a, b) => a - b);
  return { kept, dropped, cited };
}

/** Enough survived: at least one claim, and at least half of what the model wrote. */
export function enoughSurvived(g: Grounded): boolean {
  const total = g.kept.length + g.dropped.length;
  return g.kept.length > 0 && g.kept.length * 2 >= total;
}

export function numberedSentences(sentences: readonly string[]): string {
  return sentences.map((s, i) => `[${i + 1}] ${s}`).join('\n');
}
