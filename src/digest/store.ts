// The digest state behind one interface: subscriptions, the delivery ledger and the per-channel record of stories
// sent. SQLite (sqlite-store.ts) is the default; Postgres (postgres-store.ts) when DATABASE_URL is set. Both pass
// tests/state/digest-store.contract.test.ts. Every state change that must agree with another runs in one
// transaction; a slot is claimed by INSERT into UNIQUE(channel, slot) before anything is posted, so two processes
// (or replicas) can never both own it.
import type { DeliveredStory } from './compose.js';

export type SubscriptionStatus = 'active' | 'paused';
export type DeliveryStatus = 'sending' | 'sent' | 'failed' | 'unsent' | 'unknown' | 'skipped';
/** What a channel gets when nothing is new since its last digest: one short line (the default), or no post at all. */
export const NOTHING_NEW = ['line', 'skip'] as const;
export type NothingNew = (typeof NOTHING_NEW)[number];
export const DEFAULT_NOTHING_NEW: NothingNew = 'line';

export interface Subscription {
  channel: string;
  cron: string;
  scheduleLabel: string;
  timezone: string;
  quiet: string | null;
  nothingNew: NothingNew;
  origin: 'chat' | 'env';
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  checkedUntil: number;
  status: SubscriptionStatus;
  pausedReason: string | null;
  failures: number;
  lastError: string | null;
  creatorTold: boolean;
}

export interface Delivery {
  channel: string;
  slot: number;
  status: DeliveryStatus;
  claimedBy: string;
  claimedAt: number;
  finishedAt: number | null;
  attempts: number;
  error: string | null;
}

export interface SubscriptionInput {
  channel: string;
  cron: string;
  scheduleLabel: string;
  timezone: string;
  quiet: string | null;
  /** Default 'line'. Like the other fields, a new subscribe replaces it. */
  nothingNew?: NothingNew;
  origin: 'chat' | 'env';
  createdBy: string;
}

export interface Claim {
  channel: string;
  slot: number;
}

/** A claim to take over: a slot left 'failed' or 'unsent' earlier. */
export interface Reclaim extends Claim {
  from: 'failed' | 'unsent';
}

export type Row = Record<string, unknown>;

/** A row of either backend: Postgres returns BIGINT as a string and BOOLEAN as true, SQLite numbers and 1. */
export function toSubscription(r: Row): Subscription {
  return {
    channel: r.channel as string,
    cron: r.cron as string,
    scheduleLabel: r.schedule_label as string,
    timezone: r.timezone as string,
    quiet: (r.quiet as string | null) ?? null,
    nothingNew: r.nothing_new === 'skip' ? 'skip' : 'line',
    origin: r.origin as 'chat' | 'env',
    createdBy: r.created_by as string,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
    checkedUntil: Number(r.checked_until),
    status: r.status as SubscriptionStatus,
    pausedReason: (r.paused_reason as string | null) ?? null,
    failures: Number(r.failures),
    lastError: (r.last_error as string | null) ?? null,
    creatorTold: r.creator_told === 1 || r.creator_told === true,
  };
}

export function toDelivery(r: Row): Delivery {
  return {
    channel: r.channel as string,
    slot: Number(r.slot),
    status: r.status as DeliveryStatus,
    claimedBy: r.claimed_by as string,
    claimedAt: Number(r.claimed_at),
    finishedAt: r.finished_at === null || r.finished_at === undefined ? null : Number(r.finished_at),
    attempts: Number(r.attempts),
    error: (r.error as string | null) ?? null,
  };
}

export interface DigestStore {
  subscription(channel: string): Promise<Subscription | undefined>;
  subscriptions(status?: SubscriptionStatus): Promise<Subscription[]>;
  /**
   * Creates or replaces a channel's schedule. Either way, and on resuming a paused one, slots up to `now` count as
   * handled: a schedule set at 08:05 does not post the 08:00 slot, and a resumed one does not replay its pause.
   */
  upsert(input: SubscriptionInput, now: number): Promise<'created' | 'updated' | 'resumed'>;
  remove(channel: string): Promise<boolean>;
  /** What the channel was last sent, story file → content hash. */
  delivered(channel: string): Promise<Map<string, string>>;
  lastDigestAt(channel: string): Promise<number | null>;
  recordDelivered(channel: string, stories: readonly DeliveredStory[], now: number): Promise<void>;
  /**
   * In one write transaction: claims new slots (INSERT … ON CONFLICT DO NOTHING: a slot already in the ledger belongs
   * to whoever put it there), takes over failed/unsent slots whose status is still what we saw, and advances
   * watermarks. Returns the claims this caller now owns.
   */
  claim(
    fresh: readonly Claim[],
    retries: readonly Reclaim[],
    watermarks: ReadonlyMap<string, number>,
    by: string,
    now: number,
  ): Promise<Claim[]>;
  /** Slots of active subscriptions waiting for another try: failed (after a back-off) or released unsent. */
  retryable(): Promise<Delivery[]>;
  /** Posted: the ledger, the stories the channel has now seen, and the failure count agree in one transaction. */
  markSent(claim: Claim, by: string, stories: readonly DeliveredStory[], now: number): Promise<void>;
  /** A failed post; pauses the subscription at `maxFailures` in a row. Returns the subscription afterwards. */
  markFailed(
    claim: Claim,
    by: string,
    status: 'failed' | 'unknown',
    error: string,
    maxFailures: number,
    now: number,
  ): Promise<Subscription | undefined>;
  /** Gives a claim back without posting (graceful shutdown), so a later run posts it once. */
  release(claim: Claim, by: string, now: number): Promise<void>;
  skip(claim: Claim, reason: string, now: number): Promise<void>;
  /**
   * Claims still 'sending' long after they were taken belong to a process that died mid-post. Whether it posted is
   * unknowable, so they become 'unknown' and are not retried: a missed digest is better than a double one.
   */
  expireStale(olderThan: number, now: number): Promise<Delivery[]>;
  setCreatorTold(channel: string): Promise<void>;
  deliveries(channel?: string): Promise<Delivery[]>;
}

export const pausedReason = (maxFailures: number, error: string) =>
  `${maxFailures} failed post${maxFailures === 1 ? '' : 's'} in a row; last: ${error}`;
export const STALE_CLAIM_ERROR = 'the process posting it stopped without recording the outcome';
