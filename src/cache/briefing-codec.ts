// How a briefing is stored in the cache: its JSON, with every string that repeats one of its sentences (key points,
// background, quote and timeline sentences, often the TL;DR) written as that sentence's number. Stored rows are about
// a third smaller, and reading one back makes those fields the very same string as the sentence, not copies —
// at ten thousand stories that is tens of megabytes less. The Briefing itself is unchanged (deep-equal).
import type { Briefing } from '../briefing/types.js';

/** A string, or the index of the sentence whose text it is. */
type Ref = string | number;

interface Packed extends Omit<Briefing, 'summary' | 'background' | 'quotes' | 'timeline'> {
  summary: Omit<Briefing['summary'], 'tldr' | 'keyPoints'> & { tldr: Ref; keyPoints: Ref[] };
  background: Ref[];
  quotes: Array<Omit<Briefing['quotes'][number], 'sentence'> & { sentence: Ref }>;
  timeline: Array<Omit<Briefing['timeline'][number], 'text'> & { text: Ref }>;
}

export function encodeBriefing(briefing: Briefing): string {
  const at = new Map<string, number>();
  briefing.sentences.forEach((s, i) => {
    if (!at.has(s.text)) at.set(s.text, i);
  });
  const ref = (text: string): Ref => at.get(text) ?? text;
  const packed: Packed = {
    ...briefing,
    summary: { ...briefing.summary, tldr: ref(briefing.summary.tldr), keyPoints: briefing.summary.keyPoints.map(ref) },
    background: briefing.background.map(ref),
    quotes: briefing.quotes.map((q) => ({ ...q, sentence: ref(q.sentence) })),
    timeline: briefing.timeline.map((t) => ({ ...t, text: ref(t.text) })),
  };
  return JSON.stringify(packed);
}

/** The briefing `encodeBriefing` wrote; throws when the text is not one (the caller derives again). */
export function decodeBriefing(json: string): Briefing {
  const packed = JSON.parse(json) as Packed;
  const sentences = packed.sentences;
  if (
    !Array.isArray(sentences) ||
    !packed.summary ||
    !Array.isArray(packed.background) ||
    !Array.isArray(packed.quotes) ||
    !Array.isArray(packed.timeline)
  ) {
    throw new Error('not a stored briefing');
  }
  const text = (value: Ref): string => {
    if (typeof value === 'string') return value;
    const sentence = sentences[value];
    if (!sentence) throw new Error(`stored briefing names sentence ${value}, which it does not have`);
    return sentence.text;
  };
  // Rewritten in place, so every object keeps its keys in the order they were derived in.
  const out = packed as unknown as Briefing;
  out.summary.tldr = text(packed.summary.tldr);
  out.summary.keyPoints = packed.summary.keyPoints.map(text);
  out.background = packed.background.map(text);
  for (const q of packed.quotes) (q as unknown as Briefing['quotes'][number]).sentence = text(q.sentence);
  for (const t of packed.timeline) (t as unknown as Briefing['timeline'][number]).text = text(t.text);
  return out;
}
