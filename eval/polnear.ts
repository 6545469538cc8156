// PolNeAR records, the quote matcher and the stricter speaker reading, shared by the quotes eval and the ranker's training.
import { readFileSync } from 'node:fs';

export interface Segment {
  text: string;
  start: number;
  end: number;
}
export interface Attribution {
  source: Array<{ text: string; is_pronoun: boolean }> | null;
  type: 'direct' | 'mixed' | 'indirect';
  quoted_segments: Segment[];
}
export interface Article {
  id: string;
  article: string;
  attributions: Attribution[];
}
export interface Predicted {
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  rule?: string;
}

const DATA = '/work/shared/eval';
export const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[“”"]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
export const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[\s-]+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);

export function loadPolnear(split: 'train' | 'dev' | 'test'): Article[] {
  return readFileSync(`${DATA}/quotes-polnear-${split}.jsonl`, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Article);
}

/** Fold of an article for 5-fold cross-validation: by position in the file, so folds are fixed and by article. */
export const foldOf = (index: number, k = 5): number => index % k;

export type Extractor = (text: string) => Predicted[];
const NOT_NAME_WORDS = new Set(
  `he she they it we i you him her them his their its the a an this that who which mr mrs ms dr
  sen rep gov gen president senator`.split(/\s+/),
);

/** The capitalised words of an annotated source that could name someone (no pronouns, articles or titles). */
export function sourceNameWords(source: string): string[] {
  return source
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) =>
      w
        .replace(/[’']s?$/, '')
        .replace(/[^\p{L}\p{N}]/gu, '')
        .toLowerCase(),
    )
    .filter((w) => w && !NOT_NAME_WORDS.has(w));
}

/** The stricter reading: the shown speaker contains one of the source's capitalised words. */
export function strictMatch(source: string, speaker: string | null): boolean {
  if (!speaker) return false;
  const ours = new Set(words(speaker).map((w) => w.replace(/s$/, '')));
  return sourceNameWords(source).some((w) => ours.has(w) || ours.has(w.replace(/s$/, '')));
}

export function matchFor(g: Segment, preds: Predicted[], used: Set<Predicted>): Predicted | undefined {
  const key = norm(g.text);
  const free = preds.filter((p) => !used.has(p));
  return (
    free.find((p) => norm(p.text) === key) ??
    free.find((p) => {
      const overlap = Math.min(p.end, g.end - 1) - Math.max(p.start, g.start + 1);
      return overlap > 0 && overlap >= 0.5 * Math.max(p.end - p.start, g.end - g.start - 2);
    })
  );
}

const GROUP_NOUNS =
  /^(?:Officials|Protesters|Sources|Aides|Democrats|Republicans|Critics|Supporters|Analysts|Experts)$/;

/** Last capitalised word of the source's head, or null for descriptive sources. */
export function namedKey(source: string): string | null {
  const head = source
    .split(/[,(]/)[0]!
    .trim()
    .replace(/^(?:the|a|an)\s+/i, '');
  const last = head.split(/\s+/).pop() ?? '';
  // A name ends the head ("9/11 widow Terry Strada"); "The New York businessman" is a description.
  if (!/^[A-Z]/.test(last) || GROUP_NOUNS.test(last)) return null;
  return words(last.replace(/[’']s?$/, '')).pop() ?? null;
}
