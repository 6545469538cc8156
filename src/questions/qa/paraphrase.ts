// Other wordings of a question: every phrase of paraphrases.json found in the question (matched by word stems)
// is swapped for each other phrase of its group, so "When did Trump step into North Korea?" is also asked as
// "When did Trump set foot in North Korea?". One data file serves every phrase; no phrase has its own rule.
import { readFileSync } from 'node:fs';
import { stem } from '../stem.js';

interface Phrase {
  text: string;
  stems: string[];
}

const GROUPS: Phrase[][] = (
  JSON.parse(readFileSync(new URL('./paraphrases.json', import.meta.url), 'utf8')) as { groups: string[][] }
).groups.map((group) => group.map((text) => ({ text, stems: text.split(' ').map((w) => stem(w)) })));

const WORD = /[\p{L}\p{N}'’-]+/gu;

/** The question's other wordings (at most `limit`), not counting the question itself. */
export function paraphrases(question: string, limit = 8): string[] {
  const words = [...question.matchAll(WORD)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
    stem: stem(m[0].toLowerCase()),
  }));
  const out: string[] = [];
  for (const group of GROUPS) {
    for (const phrase of group) {
      for (let i = 0; i + phrase.stems.length <= words.length; i++) {
        if (!phrase.stems.every((s, k) => words[i + k]!.stem === s)) continue;
        const start = words[i]!.start;
        const end = words[i + phrase.stems.length - 1]!.end;
        for (const other of group) {
          if (other === phrase) continue;
          out.push(question.slice(0, start) + other.text + question.slice(end));
          if (out.length >= limit) return out;
        }
      }
    }
  }
  return out;
}
