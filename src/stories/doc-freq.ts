// Document frequencies over the articles seen so far, so TF-IDF follows the library as it grows.
export class DocFreq<K = string> {
  private df = new Map<K, number>();
  docs = 0;

  /** As plain data, for a saved story book. */
  snapshot(): { docs: number; df: Array<[K, number]> } {
    return { docs: this.docs, df: [...this.df] };
  }

  static restore<K>(snap: { docs: number; df: Array<[K, number]> }): DocFreq<K> {
    const out = new DocFreq<K>();
    out.docs = snap.docs;
    out.df = new Map(snap.df);
    return out;
  }

  add(keys: Iterable<K>): void {
    this.docs += 1;
    for (const k of keys) this.df.set(k, (this.df.get(k) ?? 0) + 1);
  }

  /** Smoothed inverse document frequency; a key never seen counts as seen once. */
  idf(key: K): number {
    return Math.log((this.docs + 1) / ((this.df.get(key) ?? 0) + 1)) + 1;
  }
}

/**
 * Document frequencies of dense integer keys (vocabulary ids), in typed arrays, with each idf kept until the next
 * document arrives: the clusterer asks for the same term's idf many times per article.
 */
export class DenseDocFreq {
  private df = new Int32Array(1024);
  private memo = new Float64Array(1024);
  private memoAt = new Int32Array(1024).fill(-1);
  docs = 0;

  snapshot(): { docs: number; df: number[] } {
    let n = this.df.length;
    while (n > 0 && this.df[n - 1] === 0) n--;
    return { docs: this.docs, df: Array.from(this.df.subarray(0, n)) };
  }

  static restore(snap: { docs: number; df: number[] }): DenseDocFreq {
    const out = new DenseDocFreq();
    if (snap.df.length) out.grow(snap.df.length - 1);
    out.df.set(snap.df);
    out.docs = snap.docs;
    return out;
  }

  add(keys: Iterable<number>): void {
    this.docs += 1;
    for (const k of keys) {
      if (k >= this.df.length) this.grow(k);
      this.df[k]! += 1;
    }
  }

  idf(key: number): number {
    if (key >= this.df.length) return Math.log(this.docs + 1) + 1;
    if (this.memoAt[key] === this.docs) return this.memo[key]!;
    const v = Math.log((this.docs + 1) / (this.df[key]! + 1)) + 1;
    this.memo[key] = v;
    this.memoAt[key] = this.docs;
    return v;
  }

  private grow(key: number): void {
    let n = this.df.length;
    while (n <= key) n *= 2;
    const df = new Int32Array(n);
    df.set(this.df);
    const memo = new Float64Array(n);
    memo.set(this.memo);
    const memoAt = new Int32Array(n).fill(-1);
    memoAt.set(this.memoAt);
    [this.df, this.memo, this.memoAt] = [df, memo, memoAt];
  }
}

/** The document frequencies a pair of article and story is scored with. */
export interface Idf {
  terms: DenseDocFreq | DocFreq<number>;
  names: DocFreq;
  places: DocFreq;
}
