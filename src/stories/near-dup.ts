// Near-duplicate articles (wire reprints, updated versions): MinHash over 5-word shingles, found through
// LSH bands (an inverted index, never all pairs), confirmed by the estimated overlap of the shorter text.
import { fold } from '../questions/terms.js';

const HASHES = 64;
const BANDS = 16;
const ROWS = HASHES / BANDS;
const SHINGLE = 5;

export interface Signature {
  hashes: Uint32Array;
  /** Distinct shingles, to turn the Jaccard estimate into containment. */
  shingles: number;
}

/** FNV-1a over the word's UTF-16 code units. */
function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** murmur3's finaliser: every input bit reaches every output bit, which MinHash's linear hashes need. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Fixed odd multipliers and offsets: the same text always gives the same signature.
const MULTIPLIERS = Uint32Array.from({ length: HASHES }, (_, i) => (Math.imul(i + 1, 0x9e3779b1) | 1) >>> 0);
const OFFSETS = Uint32Array.from({ length: HASHES }, (_, i) => Math.imul(i + 7, 0x85ebca6b) >>> 0);

/**
 * The text's MinHash signature. Each word is hashed once and a shingle's hash combines its five words' hashes in
 * order, so no shingle string is built (hashing shingle strings with MD5 took most of a 10,000-article start-up).
 */
export function signature(text: string): Signature {
  const words = fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const wh = words.map(wordHash);
  const shingles = new Set<number>();
  const last = Math.max(words.length, SHINGLE) - SHINGLE;
  for (let i = 0; i <= last; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < Math.min(i + SHINGLE, wh.length); k++) h = Math.imul(h ^ wh[k]!, 0x01000193);
    shingles.add(mix(h));
  }
  const hashes = new Uint32Array(HASHES).fill(0xffffffff);
  for (const s of shingles) {
    for (let k = 0; k < HASHES; k++) {
      const h = (Math.imul(s, MULTIPLIERS[k]!) + OFFSETS[k]!) >>> 0;
      if (h < hashes[k]!) hashes[k] = h;
    }
  }
  return { hashes, shingles: shingles.size };
}

export function jaccard(a: Signature, b: Signature): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a.hashes[k] === b.hashes[k]) same++;
  return same / HASHES;
}

/** Estimated share of the shorter text's shingles found in the other: an updated version with added paragraphs still counts. */
export function containment(a: Signature, b: Signature): number {
  const j = jaccard(a, b);
  const shared = (j / (1 + j)) * (a.shingles + b.shingles);
  return Math.min(1, shared / Math.max(1, Math.min(a.shingles, b.shingles)));
}

export class NearDupIndex<T> {
  private readonly bands = new Map<string, number[]>();
  private readonly items: Array<{ value: T; sig: Signature }> = [];

  constructor(private readonly minContainment = 0.8) {}

  /** The earliest stored item this signature nearly duplicates, or undefined. */
  find(sig: Signature): T | undefined {
    const seen = new Set<number>();
    for (const key of this.keys(sig)) {
      for (const i of this.bands.get(key) ?? []) {
        if (seen.has(i)) continue;
        seen.add(i);
      }
    }
    for (const i of [...seen].sort((a, b) => a - b)) {
      const item = this.items[i]!;
      if (containment(sig, item.sig) >= this.minContainment) return item.value;
    }
    return undefined;
  }

  /** What was added, in order: adding them again to an empty index rebuilds this one. */
  entries(): ReadonlyArray<{ value: T; sig: Signature }> {
    return this.items;
  }

  add(sig: Signature, value: T): void {
    const i = this.items.push({ value, sig }) - 1;
    for (const key of this.keys(sig)) {
      let list = this.bands.get(key);
      if (!list) this.bands.set(key, (list = []));
      list.push(i);
    }
  }

  private keys(sig: Signature): string[] {
    return Array.from(
      { length: BANDS },
      (_, b) => `${b}:${Array.from(sig.hashes.subarray(b * ROWS, (b + 1) * ROWS)).join(',')}`,
    );
  }
}
