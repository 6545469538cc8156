// Politeness for the feed poller: when a feed may next be fetched (its slot in the interval, Cache-Control,
// Retry-After, backoff after failures) and one request at a time per host. Time comes from an injected clock.
import { createHash } from 'node:crypto';
import type { FetchErrorKind } from './fetch.js';

export interface Clock {
  now(): number;
  /** Resolves after `ms` of this clock's time (a fake clock resolves when it is advanced). */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const HOUR = 60 * 60 * 1000;

/** Where in each interval a feed is checked: a stable offset from a hash of its URL, so feeds do not all fire at once. */
export function checkOffsetMs(url: string, intervalMs: number): number {
  const hash = createHash('sha256').update(url).digest().readUInt32BE(0);
  return hash % Math.max(1, Math.floor(intervalMs));
}

/** The first check time after `now` on this feed's slot: offset + k·interval. */
export function nextSlot(url: string, intervalMs: number, now: number): number {
  const offset = checkOffsetMs(url, intervalMs);
  const k = Math.floor((now - offset) / intervalMs) + 1;
  return offset + k * intervalMs;
}

/** Until when a response stays fresh by Cache-Control max-age (capped at an hour); `now` when it says nothing. */
export function freshUntil(cacheControl: string | undefined, now: number): number {
  if (!cacheControl || /\bno-(cache|store)\b/i.test(cacheControl)) return now;
  const match = /\bmax-age\s*=\s*"?(\d+)/i.exec(cacheControl);
  return match ? now + Math.min(Number(match[1]) * 1000, HOUR) : now;
}

/** The time a Retry-After header (seconds or an HTTP date) asks us to wait until, or undefined when unreadable. */
export function retryAfterUntil(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return now + Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(now, date);
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/** Wait after `failures` consecutive failures: base · 2^(failures−1), capped. */
export function backoffMs(failures: number, options: BackoffOptions): number {
  if (failures <= 0) return 0;
  return Math.min(options.maxMs, options.baseMs * 2 ** Math.min(failures - 1, 30));
}

export type FailureKind = FetchErrorKind | 'not-a-feed' | 'parse-error';

export interface FailureState {
  /** Failures in a row since the last success. */
  consecutive: number;
  byKind: Partial<Record<FailureKind, number>>;
  lastKind: FailureKind | null;
  lastMessage: string | null;
}

export const NO_FAILURES: FailureState = { consecutive: 0, byKind: {}, lastKind: null, lastMessage: null };

export function recordFailure(state: FailureState, kind: FailureKind, message: string): FailureState {
  return {
    consecutive: state.consecutive + 1,
    byKind: { ...state.byKind, [kind]: (state.byKind[kind] ?? 0) + 1 },
    lastKind: kind,
    lastMessage: message,
  };
}

/** A success resets the run of failures; the per-kind totals are kept for /feed list. */
export function recordSuccess(state: FailureState): FailureState {
  return { ...state, consecutive: 0, lastKind: null, lastMessage: null };
}

export interface ScheduleInput {
  url: string;
  intervalMs: number;
  now: number;
  failures: number;
  backoff: BackoffOptions;
  cacheControl?: string;
  /** Retry-After from a 429 or 503, as received. */
  retryAfter?: string;
}

/** When to check a feed next: its slot, but never before Cache-Control freshness, Retry-After or the backoff. */
export function nextCheckAt(input: ScheduleInput): number {
  const slot = nextSlot(input.url, input.intervalMs, input.now);
  const fresh = freshUntil(input.cacheControl, input.now);
  const retry = retryAfterUntil(input.retryAfter, input.now) ?? input.now;
  const backoff = input.now + backoffMs(input.failures, input.backoff);
  return Math.max(slot, fresh, retry, backoff);
}

/** One request at a time per host, each starting at least `gapMs` after the previous one to that host ended. */
export class HostQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastEnd = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly gapMs: number,
  ) {}

  run<T>(url: string, task: () => Promise<T>): Promise<T> {
    const host = new URL(url).host.toLowerCase();
    const previous = this.tails.get(host) ?? Promise.resolve();
    const result = previous.then(async () => {
      const wait = (this.lastEnd.get(host) ?? -Infinity) + this.gapMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
      try {
        return await task();
      } finally {
        this.lastEnd.set(host, this.clock.now());
      }
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(host, tail);
    void tail.then(() => {
      if (this.tails.get(host) === tail) this.tails.delete(host);
    });
    return result;
  }
}
