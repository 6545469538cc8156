/**
 * A list that tests can wait on: emulators push what they receive, tests await the item they expect.
 *
 *   const seen = new Recorder<Call>();
 *   seen.push(call);                         // emulator side
 *   await seen.waitFor((c) => c.method === 'chat.postMessage');   // resolves at once if already there
 *   await seen.waitForCount(3);              // resolves when three items have arrived
 *
 * Items that carry `at: arrival()` can be ordered across emulators (a refused response_url post before the
 * chat.postMessage that replaced it). Waiting is event-driven (no polling, no sleeps); vitest's test timeout bounds a wait that never ends.
 */
let arrivals = 0;

/** A number that grows with every item any emulator records, so tests can assert order across emulators. */
export function arrival(): number {
  return ++arrivals;
}

export class Recorder<T> {
  readonly items: T[] = [];
  private waiters: Array<() => boolean> = [];

  push(item: T): void {
    this.items.push(item);
    this.waiters = this.waiters.filter((check) => !check());
  }

  waitFor(match: (item: T) => boolean = () => true): Promise<T> {
    return new Promise((resolve) => {
      const check = () => {
        const hit = this.items.find(match);
        if (hit === undefined) return false;
        resolve(hit);
        return true;
      };
      if (!check()) this.waiters.push(check);
    });
  }

  waitForCount(count: number, match: (item: T) => boolean = () => true): Promise<T[]> {
    return new Promise((resolve) => {
      const check = () => {
        const hits = this.items.filter(match);
        if (hits.length < count) return false;
        resolve(hits.slice(0, count));
        return true;
      };
      if (!check()) this.waiters.push(check);
    });
  }

  filter(match: (item: T) => boolean): T[] {
    return this.items.filter(match);
  }
}
