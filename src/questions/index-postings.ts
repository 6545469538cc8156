// A compact inverted index of stories by term, scoring exactly as MiniSearch 7 does for one field searched with OR
// (BM25+, k 1.2, b 0.7, d 0.5; prefix matches weighted 0.375·len/(len + 0.3·extra)), which it replaced: MiniSearch
// keeps a Map per term and a radix tree, which at ten thousand stories cost seconds to build and most of the memory.
// Postings are plain number arrays, one number per document holding the term; restored ones stay in the saved block as
// (document, frequency) pairs of 32-bit integers, read in place, and become an array only when that term changes
// (at a hundred thousand stories the arrays were some 300 MB, and a second to make).

const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;

export interface Scored {
  id: number;
  score: number;
}

/**
 * The postings as plain data, documents numbered by their position in the order given to `snapshot`: the terms in
 * the index's order; for each, how many documents hold it, then that many (position, frequency) pairs; and each
 * document's length.
 */
export interface PostingsSnapshot {
  terms: string[];
  data: Int32Array;
  lengths: Int32Array;
}

/** A posting is one number: the document id times this, plus the term's frequency (always far below it). */
const SPAN = 2 ** 21;

/** Per document id: its score for the current query term and whether it has one, its total, its matched terms. */
interface Sums {
  own: Float64Array;
  owned: Uint8Array;
  total: Float64Array;
  matched: Int32Array;
}

/** A term's postings: numbers as above, or, as restored, (id, frequency) pairs in a view of the saved block. */
type List = number[] | Int32Array;

export class Postings {
  /** term → postings in increasing id order (the order documents were added). */
  private readonly postings = new Map<string, List>();
  /** id → the document's number of distinct terms, as MiniSearch counts it. */
  private readonly lengths = new Map<number, number>();
  private avgLength = 0;
  private lastId = -1;
  /** Terms in sorted order for prefix ranges; rebuilt when a new term arrives. */
  private sorted: string[] | null = null;
  /** The arrays searches sum scores in (see `sums`). */
  private scratch: Sums | null = null;
  /** Each document's length term of BM25 at the current average length, by id; worked out again after a change. */
  private norms: Float64Array | null = null;

  get size(): number {
    return this.lengths.size;
  }

  /**
   * `terms` and `freqs` are parallel: each distinct term of the document and how often it occurs. Ids must grow:
   * postings stay sorted by id, which keeps removal a binary search.
   */
  add(id: number, terms: readonly string[], freqs: readonly number[]): void {
    if (id <= this.lastId) throw new Error(`document ids must grow: ${id} after ${this.lastId}`);
    this.lastId = id;
    // MiniSearch counts an empty document as one (empty) token; the average follows its arithmetic to the bit.
    const length = terms.length || 1;
    const count = this.lengths.size;
    this.avgLength = (this.avgLength * count + length) / (count + 1);
    this.norms = null;
    this.lengths.set(id, length);
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      let list = this.postings.get(term);
      if (!list) {
        this.postings.set(term, (list = []));
        this.sorted = null;
      } else if (!Array.isArray(list)) this.postings.set(term, (list = unpacked(list)));
      (list as number[]).push(id * SPAN + Math.min(freqs[i]!, SPAN - 1));
    }
  }

  /** `order`: the ids of every document, in the order they were added. */
  snapshot(order: readonly number[]): PostingsSnapshot {
    const position = new Map<number, number>();
    order.forEach((id, i) => position.set(id, i));
    let size = 0;
    for (const list of this.postings.values()) size += 1 + 2 * lengthOf(list);
    const data = new Int32Array(size);
    const terms: string[] = [];
    let at = 0;
    for (const [term, list] of this.postings) {
      terms.push(term);
      data[at++] = lengthOf(list);
      if (Array.isArray(list))
        for (const posting of list) {
          const id = Math.floor(posting / SPAN);
          data[at++] = position.get(id)!;
          data[at++] = posting - id * SPAN;
        }
      else
        for (let j = 0; j < list.length; j += 2) {
          data[at++] = position.get(list[j]!)!;
          data[at++] = list[j + 1]!;
        }
    }
    return { terms, data, lengths: Int32Array.from(order, (id) => this.lengths.get(id)!) };
  }

  /** Postings as `snapshot` gave them, documents numbered 0, 1, …; throws when the data does not hold together. */
  static restore(snapshot: PostingsSnapshot): Postings {
    const out = new Postings();
    const { terms, data, lengths } = snapshot;
    // The average is accumulated as adding one by one does, so scores agree to the last bit.
    for (let i = 0; i < lengths.length; i++) {
      out.avgLength = (out.avgLength * i + lengths[i]!) / (i + 1);
      out.lengths.set(i, lengths[i]!);
    }
    out.lastId = lengths.length - 1;
    let at = 0;
    for (const term of terms) {
      const count = data[at++];
      if (count === undefined || count < 0 || at + 2 * count > data.length)
        throw new Error('postings data is cut short');
      const from = at;
      for (let j = 0, last = -1; j < count; j++, at += 2) {
        const doc = data[at]!;
        const freq = data[at + 1]!;
        if (doc < 0 || doc >= lengths.length || doc <= last) throw new Error('postings name documents out of order');
        if (freq < 0 || freq >= SPAN) throw new Error('postings hold a frequency out of range');
        last = doc;
      }
      out.postings.set(term, data.subarray(from, at));
    }
    if (at !== data.length) throw new Error('postings data runs on');
    return out;
  }

  /** The documents' ids, in the order they were added (as `snapshot` wants them). */
  ids(): IterableIterator<number> {
    return this.lengths.keys();
  }

  /** How many documents hold `term`. */
  count(term: string): number {
    const list = this.postings.get(term);
    return list ? lengthOf(list) : 0;
  }

  /** Whether `id`, the document added last, holds `term` (its posting is then the term's last). */
  lastAdded(term: string, id: number): boolean {
    const list = this.postings.get(term);
    if (list === undefined || list.length === 0) return false;
    return Array.isArray(list) ? Math.floor(list[list.length - 1]! / SPAN) === id : list[list.length - 2] === id;
  }

  /** Forgets a document; `terms` are the ones it was added with (the index does not keep them twice). */
  remove(id: number, terms: readonly string[]): void {
    const length = this.lengths.get(id);
    if (length === undefined) return;
    const count = this.lengths.size;
    this.avgLength = count === 1 ? 0 : (this.avgLength * count - length) / (count - 1);
    this.norms = null;
    this.lengths.delete(id);
    for (const term of terms) {
      let list = this.postings.get(term);
      if (!list) continue;
      if (!Array.isArray(list)) this.postings.set(term, (list = unpacked(list)));
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (Math.floor(list[mid]! / SPAN) < id) lo = mid + 1;
        else hi = mid;
      }
      if (lo < list.length && Math.floor(list[lo]! / SPAN) === id) list.splice(lo, 1);
      if (list.length === 0) {
        this.postings.delete(term);
        this.sorted = null;
      }
    }
  }

  /** Documents holding any of `terms` (or, where `prefix` says so, a longer term starting with it), best first. */
  search(terms: readonly string[], prefix: (term: string) => boolean): Scored[] {
    // Summed per query term first, then across terms, in MiniSearch's order, so the sums agree to the last bit. The
    // sums live in arrays by document id, with the ids in the order first scored (the order ties keep): a name in
    // thousands of stories made maps of thousands of entries per question.
    const sums = this.sums();
    const order: number[] = [];
    for (const term of terms) {
      const own: number[] = [];
      this.score(term, 1, own, sums);
      if (prefix(term)) {
        for (const longer of this.withPrefix(term)) {
          if (longer.length === term.length) continue;
          this.score(
            longer,
            (PREFIX_WEIGHT * longer.length) / (longer.length + 0.3 * (longer.length - term.length)),
            own,
            sums,
          );
        }
      }
      for (const id of own) {
        const score = sums.own[id]!;
        sums.own[id] = 0;
        sums.owned[id] = 0;
        if (sums.matched[id]) {
          sums.total[id] = sums.total[id]! + score;
          sums.matched[id]++;
        } else {
          sums.total[id] = score;
          sums.matched[id] = 1;
          order.push(id);
        }
      }
    }
    const out: Scored[] = [];
    // MiniSearch multiplies by the number of query terms a document matched.
    for (const id of order) {
      out.push({ id, score: sums.total[id]! * sums.matched[id]! });
      sums.total[id] = 0;
      sums.matched[id] = 0;
    }
    return out.sort((a, b) => b.score - a.score);
  }

  /** `K * (1 - B + (B * length) / avgLength)` of every document, the same arithmetic as working it out per posting. */
  private lengthNorms(): Float64Array {
    if (!this.norms) {
      const norms = new Float64Array(this.lastId + 1);
      for (const [id, length] of this.lengths) norms[id] = K * (1 - B + (B * length) / this.avgLength);
      this.norms = norms;
    }
    return this.norms;
  }

  /** Zeroed arrays for one search's sums, one slot per document id, grown as ids grow and reused. */
  private sums(): Sums {
    const size = this.lastId + 1;
    if (!this.scratch || this.scratch.own.length < size) {
      const n = Math.max(size, 1024, 2 * (this.scratch?.own.length ?? 0));
      this.scratch = {
        own: new Float64Array(n),
        owned: new Uint8Array(n),
        total: new Float64Array(n),
        matched: new Int32Array(n),
      };
    }
    return this.scratch;
  }

  private score(term: string, weight: number, own: number[], sums: Sums): void {
    const list = this.postings.get(term);
    if (!list) return;
    const n = lengthOf(list);
    const idf = Math.log(1 + (this.lengths.size - n + 0.5) / (n + 0.5));
    const norms = this.lengthNorms();
    const add = (id: number, tf: number) => {
      const s = weight * (idf * (D + (tf * (K + 1)) / (tf + norms[id]!)));
      if (!sums.owned[id]) {
        sums.owned[id] = 1;
        own.push(id);
      }
      sums.own[id] = sums.own[id]! + s;
    };
    if (Array.isArray(list))
      for (const posting of list) {
        const id = Math.floor(posting / SPAN);
        add(id, posting - id * SPAN);
      }
    else for (let j = 0; j < list.length; j += 2) add(list[j]!, list[j + 1]!);
  }

  private withPrefix(prefix: string): string[] {
    this.sorted ??= [...this.postings.keys()].sort();
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) out.push(sorted[i]!);
    return out;
  }
}

function lengthOf(list: List): number {
  return Array.isArray(list) ? list.length : list.length / 2;
}

/** Restored pairs as numbers, for a term that changes. */
function unpacked(pairs: Int32Array): number[] {
  const out = new Array<number>(pairs.length / 2);
  for (let j = 0; j < pairs.length; j += 2) out[j / 2] = pairs[j]! * SPAN + pairs[j + 1]!;
  return out;
}
