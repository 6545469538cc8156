// A compact inverted index of stories by term, scoring exactly as MiniSearch 7 does for one field searched with OR
// (BM25+, k 1.2, b 0.7, d 0.5; prefix matches weighted 0.375·len/(len + 0.3·extra)), which it replaced: MiniSearch
// keeps a Map per term and a radix tree, which at ten thousand stories cost seconds to build and most of the memory.
// Postings are plain number arrays (document id, term frequency, …) in the order documents were added.

const K = 1.2;
const B = 0.7;
const D = 0.5;
const PREFIX_WEIGHT = 0.375;

export interface Scored {
  id: number;
  score: number;
}

export class Postings {
  /** term → [id, tf, id, tf, …], ids in the order their documents were added. */
  private readonly postings = new Map<string, number[]>();
  /** id → [its distinct terms, their number as MiniSearch counts it]. */
  private readonly docs = new Map<number, { terms: string[]; length: number }>();
  private avgLength = 0;
  /** Terms in sorted order for prefix ranges; rebuilt when a new term arrives. */
  private sorted: string[] | null = null;

  get size(): number {
    return this.docs.size;
  }

  /** `terms` and `freqs` are parallel: each distinct term of the document and how often it occurs. */
  add(id: number, terms: readonly string[], freqs: readonly number[]): void {
    if (this.docs.has(id)) throw new Error(`document ${id} is already indexed`);
    // MiniSearch counts an empty document as one (empty) token; the average follows its arithmetic to the bit.
    const length = terms.length || 1;
    const count = this.docs.size;
    this.avgLength = (this.avgLength * count + length) / (count + 1);
    this.docs.set(id, { terms: terms as string[], length });
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      let list = this.postings.get(term);
      if (!list) {
        list = [];
        this.postings.set(term, list);
        this.sorted = null;
      }
      list.push(id, freqs[i]!);
    }
  }

  /** The distinct terms a document was added with. */
  termsOf(id: number): string[] {
    return this.docs.get(id)?.terms ?? [];
  }

  remove(id: number): void {
    const doc = this.docs.get(id);
    if (!doc) return;
    const count = this.docs.size;
    this.avgLength = count === 1 ? 0 : (this.avgLength * count - doc.length) / (count - 1);
    this.docs.delete(id);
    for (const term of doc.terms) {
      const list = this.postings.get(term);
      if (!list) continue;
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] !== id) continue;
        list.splice(i, 2);
        break;
      }
      if (list.length === 0) {
        this.postings.delete(term);
        this.sorted = null;
      }
    }
  }

  /** Documents holding any of `terms` (or, where `prefix` says so, a longer term starting with it), best first. */
  search(terms: readonly string[], prefix: (term: string) => boolean): Scored[] {
    // Summed per query term first, then across terms, in MiniSearch's order, so the sums agree to the last bit.
    const total = new Map<number, { score: number; matched: number }>();
    for (const term of terms) {
      const own = new Map<number, number>();
      this.score(term, 1, own);
      if (prefix(term)) {
        for (const longer of this.withPrefix(term)) {
          if (longer.length === term.length) continue;
          this.score(longer, (PREFIX_WEIGHT * longer.length) / (longer.length + 0.3 * (longer.length - term.length)), own);
        }
      }
      for (const [id, score] of own) {
        const known = total.get(id);
        if (known) {
          known.score += score;
          known.matched++;
        } else total.set(id, { score, matched: 1 });
      }
    }
    const out: Scored[] = [];
    // MiniSearch multiplies by the number of query terms a document matched.
    for (const [id, { score, matched }] of total) out.push({ id, score: score * matched });
    return out.sort((a, b) => b.score - a.score);
  }

  private score(term: string, weight: number, scores: Map<number, number>): void {
    const list = this.postings.get(term);
    if (!list) return;
    const n = list.length / 2;
    const idf = Math.log(1 + (this.docs.size - n + 0.5) / (n + 0.5));
    for (let i = 0; i < list.length; i += 2) {
      const id = list[i]!;
      const tf = list[i + 1]!;
      const length = this.docs.get(id)!.length;
      const s = weight * (idf * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * length) / this.avgLength))));
      scores.set(id, (scores.get(id) ?? 0) + s);
    }
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
