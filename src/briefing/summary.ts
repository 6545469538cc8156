// tldr, key points (most important first) and background, kept apart so they never repeat each other.
import type { Sentence, Summary } from './types.js';

export interface SummaryResult {
  summary: Summary;
  background: string[];
}

export function summarize(sentences: Sentence[]): SummaryResult {
  const keyPoints = sentences.slice(0, 5).map((s) => s.text);
  return {
    summary: { tldr: keyPoints.slice(0, 1).join(' '), keyPoints },
    background: sentences.slice(5, 8).map((s) => s.text),
  };
}
