// The one bounded memo: a Map that holds at most `limit` entries and, when full, forgets the one set longest ago
// (a limit of 0 keeps nothing: a cache turned off).
// Reading does not refresh an entry, so a hot key set once early is forgotten in its turn (first in, first out):
// cheap, and enough for the caches here, whose misses only cost recomputing. Setting a key again makes it the
// newest, so a cache that sets what it reads is kept most recently used.
export class BoundedMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly limit: number) {
    if (!(limit >= 0)) throw new RangeError(`BoundedMap needs a limit of 0 or more, not ${limit}`);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.limit) this.map.delete(this.map.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }
}
