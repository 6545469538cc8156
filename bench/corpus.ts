// The benchmark corpus: every article in ../shared/eval, and larger corpora made from them with stated variations.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const EVAL_DIR = resolve(import.meta.dirname, '../../shared/eval');

export interface Article {
  id: string;
  text: string;
}

export function evalArticles(dir = EVAL_DIR): Article[] {
  const files = ['cnndm-sample.jsonl', 'xsum-sample.jsonl', 'quotes-polnear-dev.jsonl', 'quotes-polnear-test.jsonl'];
  const out: Article[] = [];
  for (const file of files) {
    const path = join(dir, file);
    if (!existsSync(path))
      throw new Error(`benchmark data missing: ${path} (the shared/ folder must sit beside the project)`);
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as { id?: string; article?: string; text?: string };
      const text = record.article ?? record.text;
      if (text) out.push({ id: `${file.split('.')[0]}:${record.id ?? out.length}`, text });
    }
  }
  return out;
}

/** Deterministic shuffle so every run builds the same corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Writes `count` documents into `dir`. Variation k of an article (k ≥ 1) keeps its first paragraph (the lead),
 * shuffles the order of the other paragraphs with seed k, and gets a headline naming the variant, so every
 * document has distinct content (a distinct hash) while reading like real news of the same length.
 */
export function writeScaledCorpus(articles: Article[], count: number, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let n = 0; n < count; n++) {
    const article = articles[n % articles.length]!;
    const variant = Math.floor(n / articles.length);
    const paragraphs = article.text.split(/\n+/).filter((p) => p.trim());
    if (variant > 0) {
      const random = rng(variant * 7919 + n);
      const rest = paragraphs.slice(1);
      for (let i = rest.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [rest[i], rest[j]] = [rest[j]!, rest[i]!];
      }
      paragraphs.splice(1, rest.length, ...rest);
    }
    const headline = `${paragraphs[0]!
      .split(/\s+/)
      .slice(0, 8)
      .join(' ')
      .replace(/[.,;:]+$/, '')} (edition ${variant + 1})`;
    const file = join(dir, `${String(n).padStart(5, '0')}.txt`);
    writeFileSync(file, `${headline}\n${paragraphs.join('\n')}\n`);
    files.push(file);
  }
  return files;
}
