// Document frequencies over the articles seen so far, so TF-IDF follows the library as it grows.
export class DocFreq<K = string> {
  private readonly df = new Map<K, number>();
  docs = 0;

  add(keys: Iterable<K>): void {
    this.docs += 1;
    for (const k of keys) this.df.set(k, (this.df.get(k) ?? 0) + 1);
  }

  /** Smoothed inverse document frequency; a key never seen counts as seen once. */
  idf(key: K): number {
    return Math.log((this.docs + 1) / ((this.df.get(key) ?? 0) + 1)) + 1;
  }
}
