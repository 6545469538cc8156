// Candidate speakers for a quote, each with the interpretable features the ranker (quote-ranker.ts) scores.
// Generators: the rules' own decision (cue subject, resolved pronoun or role noun, sentence subject, previous
// sentence subject, continued quote), the subject of the quote's sentence, the topic of the sentences before it,
// the person the paragraph names most, the speaker of the quote before, and the names nearest before and after.
// A name met only inside quotation marks is never a candidate: text inside a quote never names its speaker.
// Besides the rules' own answer, only people are candidates.
import type { Named, SpeakerResolver } from './quote-speakers.js';
import type { QuoteSpan } from './quote-spans.js';
import type { Entity, QuoteRule, Sentence } from './types.js';

export const CANDIDATE_FEATURES = [
  'rule cue subject',
  'rule resolved pronoun',
  'rule resolved role noun',
  'rule sentence subject',
  'rule previous sentence subject',
  'rule continued quote',
  'overrides a cue',
  'sentence subject',
  'previous sentence subject',
  'paragraph topic',
  'previous quote speaker',
  'nearest name before',
  'nearest name after',
  'log distance',
  'named before in paragraph',
  'named after in sentence',
  'log mentions',
  'person',
  'opens paragraph and previous speaker',
  'pronoun agrees',
  'partial and sentence subject',
  'partial and rule',
  'only candidate',
  'partial',
  'partial and previous quote speaker',
  'short quote',
  'mid-sentence',
] as const;

export interface QuoteView {
  span: QuoteSpan;
  /** The rules' decision and the words of the cue, when there is one. */
  speaker: string | null;
  rule: QuoteRule;
  cueSubject: string | null;
  kind: 'direct' | 'partial';
}

export interface Candidate {
  name: string;
  /** The generator that proposed it first, in the order of CANDIDATE_FEATURES. */
  rule: QuoteRule;
  x: number[];
}

const RULE_FEATURE: Partial<Record<QuoteRule, number>> = {
  'cue subject': 0,
  'resolved pronoun': 1,
  'resolved role noun': 2,
  'sentence subject': 3,
  'previous sentence subject': 4,
  'continued quote': 5,
};

/** Candidates for each quote that `wanted` accepts (the others get none, and cost nothing). */
export function quoteCandidates(
  text: string,
  sentences: Sentence[],
  quotes: QuoteView[],
  resolver: SpeakerResolver,
  wanted: (i: number) => boolean = () => true,
): Candidate[][] {
  const mentions = resolver.mentions;
  const byName = new Map<string, Named[]>();
  for (const m of mentions) {
    const list = byName.get(m.entity.name);
    if (list) list.push(m);
    else byName.set(m.entity.name, [m]);
  }
  return quotes.map((q, qi) => {
    if (!wanted(qi)) return [];
    const { span } = q;
    const si = resolver.sentenceIndex(span.open);
    const sentence = sentences[si];
    const sStart = sentence && sentence.start <= span.open ? sentence.start : span.block.start;
    const sEnd = Math.max(sentence?.end ?? span.block.end, span.close + 1);
    const inBlock = (m: Named) => m.start >= span.block.start && m.start < span.block.end;
    const before = [...mentions].reverse().find((m) => inBlock(m) && m.start < span.open);
    const after = mentions.find((m) => m.start > span.close && m.start < sEnd);
    const subject = resolver.sentenceSubject(si, Infinity);
    const topic = resolver.topicBefore(sStart);
    const counts = new Map<string, number>();
    for (const m of mentions)
      if (inBlock(m) && m.person) counts.set(m.entity.name, (counts.get(m.entity.name) ?? 0) + 1);
    const paragraphTopic = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    let prevSpeaker: string | null = null;
    for (let k = qi - 1; k >= 0; k--) {
      const p = quotes[k]!;
      if (p.span.block.index < span.block.index - 1) break;
      if (p.speaker) {
        prevSpeaker = p.speaker;
        break;
      }
    }
    const proposals: Array<[string | null | undefined, QuoteRule]> = [
      [q.speaker, q.rule],
      [subject?.name, 'sentence subject'],
      [topic?.name, 'previous sentence subject'],
      [paragraphTopic, 'paragraph topic'],
      [prevSpeaker, 'continued quote'],
      [before?.entity.name, 'nearest name'],
      [after?.entity.name, 'nearest name'],
    ];
    // Besides the rules' own answer, only people are proposed: a party or a group ("GOP", "super-PAC") named near a
    // quote is what it is about, far more often than who said it.
    const isPerson = (n: string) => byName.get(n)?.[0]?.person === true;
    const names = [
      ...new Set(proposals.map((p) => p[0]).filter((n): n is string => !!n && (n === q.speaker || isPerson(n)))),
    ];
    const pronoun = /^\s*(?:(?:and|but)\s+)?(he|she)\b/i.exec(q.cueSubject ?? '')?.[1]?.toLowerCase();
    const opensBlock = text.slice(span.block.start, span.open).trim() === '';
    return names.map((name) => {
      const own = byName.get(name) ?? [];
      const entity: Entity | undefined = own[0]?.entity;
      let dist = Infinity;
      for (const m of own) {
        const d = m.start < span.open ? span.open - m.end : m.start > span.close ? m.start - span.close : 0;
        if (m.start >= sStart && m.start < sEnd) dist = Math.min(dist, 0);
        dist = Math.min(dist, Math.max(0, d));
      }
      const agree = q.speaker === name;
      const x = new Array<number>(CANDIDATE_FEATURES.length).fill(0);
      const ruleAt = RULE_FEATURE[q.rule];
      if (agree && ruleAt !== undefined) x[ruleAt] = 1;
      x[6] = q.cueSubject !== null && q.speaker !== null && !agree ? 1 : 0;
      x[7] = subject?.name === name ? 1 : 0;
      x[8] = topic?.name === name ? 1 : 0;
      x[9] = paragraphTopic === name ? 1 : 0;
      x[10] = prevSpeaker === name ? 1 : 0;
      x[11] = before?.entity.name === name ? 1 : 0;
      x[12] = after?.entity.name === name ? 1 : 0;
      x[13] = Math.log1p((Number.isFinite(dist) ? dist : 2000) / 50);
      x[14] = own.some((m) => inBlock(m) && m.start < span.open) ? 1 : 0;
      x[15] = own.some((m) => m.start > span.close && m.start < sEnd) ? 1 : 0;
      x[16] = Math.log1p(own.length);
      x[17] = entity ? (own[0]!.person ? 1 : 0) : 0.5;
      x[18] = opensBlock && prevSpeaker === name ? 1 : 0;
      const sex = entity ? resolver.sexOf(entity) : null;
      x[19] = pronoun && sex ? (sex === (pronoun === 'she' ? 'f' : 'm') ? 1 : -1) : 0;
      x[20] = q.kind === 'partial' && x[7] ? 1 : 0;
      x[21] = q.kind === 'partial' && agree ? 1 : 0;
      x[22] = names.length === 1 ? 1 : 0;
      x[23] = q.kind === 'partial' ? 1 : 0;
      x[24] = q.kind === 'partial' && x[10] ? 1 : 0;
      x[25] = text.slice(span.start, span.end).split(/\s+/).length < 4 ? 1 : 0;
      x[26] = text.slice(sStart, span.open).trim() !== '' ? 1 : 0;
      const rule = agree ? q.rule : proposals.find((p) => p[0] === name)![1];
      return { name, rule, x };
    });
  });
}
