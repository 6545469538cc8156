// Subscriptions, the delivery ledger and the per-channel record of stories sent, in SQLite. Every state change
// that must agree with another runs in one transaction; a slot is claimed by INSERT into UNIQUE(channel, slot)
// before anything is posted, so two processes on one file can never both own it.
import type { Statement } from 'better-sqlite3';
import type { Database } from '../state/database.js';
import type { DeliveredStory } from './compose.js';

export type SubscriptionStatus = 'active' | 'paused';
export type DeliveryStatus = 'sending' | 'sent' | 'failed' | 'unsent' | 'unknown' | 'skipped';

export interface Subscription {
  channel: string;
  cron: string;
  scheduleLabel: string;
  timezone: string;
  quiet: string | null;
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

type Row = Record<string, unknown>;

function toSubscription(r: Row): Subscription {
  return {
    channel: r.channel as string,
    cron: r.cron as string,
    scheduleLabel: r.schedule_label as string,
    timezone: r.timezone as string,
    quiet: (r.quiet as string | null) ?? null,
    origin: r.origin as 'chat' | 'env',
    createdBy: r.created_by as string,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
    checkedUntil: r.checked_until as number,
    status: r.status as SubscriptionStatus,
    pausedReason: (r.paused_reason as string | null) ?? null,
    failures: r.failures as number,
    lastError: (r.last_error as string | null) ?? null,
    creatorTold: r.creator_told === 1,
  };
}

function toDelivery(r: Row): Delivery {
  return {
    channel: r.channel as string,
    slot: r.slot as number,
    status: r.status as DeliveryStatus,
    claimedBy: r.claimed_by as string,
    claimedAt: r.claimed_at as number,
    finishedAt: (r.finished_at as number | null) ?? null,
    attempts: r.attempts as number,
    error: (r.error as string | null) ?? null,
  };
}

export class DigestStore {
  private readonly statements = new Map<string, Statement<unknown[]>>();

  constructor(readonly db: Database) {}

  /** Prepared once per connection: every wake-up runs the same few statements. */
  private sql(text: string): Statement<unknown[]> {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  subscription(channel: string): Subscription | undefined {
    const row = this.sql('SELECT * FROM subscriptions WHERE channel = ?').get(channel) as Row | undefined;
    return row ? toSubscription(row) : undefined;
  }

  subscriptions(status?: SubscriptionStatus): Subscription[] {
    const rows = status
      ? this.sql('SELECT * FROM subscriptions WHERE status = ? ORDER BY channel').all(status)
      : this.sql('SELECT * FROM subscriptions ORDER BY channel').all();
    return (rows as Row[]).map(toSubscription);
  }

  /**
   * Creates or replaces a channel's schedule. Either way, and on resuming a paused one, slots up to `now` count as
   * handled: a schedule set at 08:05 does not post the 08:00 slot, and a resumed one does not replay its pause.
   */
  upsert(input: SubscriptionInput, now: number): 'created' | 'updated' | 'resumed' {
    return this.db.transaction((): 'created' | 'updated' | 'resumed' => {
      const existing = this.subscription(input.channel);
      if (!existing) {
        this.sql(
            `INSERT INTO subscriptions (channel, cron, schedule_label, timezone, quiet, origin, created_by, created_at, updated_at, checked_until)
             VALUES (@channel, @cron, @scheduleLabel, @timezone, @quiet, @origin, @createdBy, @now, @now, @now)`,
          )
          .run({ ...input, now });
        return 'created';
      }
      this.sql(
          `UPDATE subscriptions SET cron = @cron, schedule_label = @scheduleLabel, timezone = @timezone, quiet = @quiet,
             origin = @origin, created_by = @createdBy, updated_at = @now, checked_until = MAX(checked_until, @now),
             status = 'active', paused_reason = NULL, failures = 0, last_error = NULL, creator_told = 0
           WHERE channel = @channel`,
        )
        .run({ ...input, now });
      return existing.status === 'paused' ? 'resumed' : 'updated';
    }).immediate();
  }

  remove(channel: string): boolean {
    return this.sql('DELETE FROM subscriptions WHERE channel = ?').run(channel).changes > 0;
  }

  /** What the channel was last sent, story file → content hash. */
  delivered(channel: string): Map<string, string> {
    const rows = this.sql('SELECT source, hash FROM delivered_stories WHERE channel = ?').all(channel) as Row[];
    return new Map(rows.map((r) => [r.source as string, r.hash as string]));
  }

  lastDigestAt(channel: string): number | null {
    const row = this.sql('SELECT MAX(delivered_at) AS at FROM delivered_stories WHERE channel = ?').get(channel) as Row;
    return (row.at as number | null) ?? null;
  }

  recordDelivered(channel: string, stories: readonly DeliveredStory[], now: number): void {
    const put = this.sql(
      `INSERT INTO delivered_stories (channel, source, hash, delivered_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (channel, source) DO UPDATE SET hash = excluded.hash, delivered_at = excluded.delivered_at`,
    );
    this.db.transaction(() => {
      for (const s of stories) put.run(channel, s.source, s.hash, now);
    })();
  }

  /**
   * In one write transaction: claims new slots (INSERT OR IGNORE: a slot already in the ledger belongs to whoever put
   * it there), takes over failed/unsent slots whose status is still what we saw, and advances watermarks.
   * Returns the claims this caller now owns.
   */
  claim(fresh: readonly Claim[], retries: readonly Reclaim[], watermarks: ReadonlyMap<string, number>, by: string, now: number): Claim[] {
    const insert = this.sql(
      `INSERT INTO deliveries (channel, slot, status, claimed_by, claimed_at) VALUES (?, ?, 'sending', ?, ?) ON CONFLICT (channel, slot) DO NOTHING`,
    );
    const retake = this.sql(
      `UPDATE deliveries SET status = 'sending', claimed_by = ?, claimed_at = ?, attempts = attempts + 1, finished_at = NULL
       WHERE channel = ? AND slot = ? AND status = ?`,
    );
    const mark = this.sql('UPDATE subscriptions SET checked_until = MAX(checked_until, ?) WHERE channel = ?');
    return this.db.transaction(() => {
      const owned: Claim[] = [];
      for (const c of fresh) if (insert.run(c.channel, c.slot, by, now).changes === 1) owned.push({ channel: c.channel, slot: c.slot });
      for (const r of retries) if (retake.run(by, now, r.channel, r.slot, r.from).changes === 1) owned.push({ channel: r.channel, slot: r.slot });
      for (const [channel, until] of watermarks) mark.run(until, channel);
      return owned;
    }).immediate();
  }

  /** Slots of active subscriptions waiting for another try: failed (after a back-off) or released unsent. */
  retryable(): Delivery[] {
    const rows = this.sql(
        `SELECT d.* FROM deliveries d JOIN subscriptions s ON s.channel = d.channel
         WHERE s.status = 'active' AND d.status IN ('failed', 'unsent') ORDER BY d.slot`,
      )
      .all() as Row[];
    return rows.map(toDelivery);
  }

  /** Posted: the ledger, the stories the channel has now seen, and the failure count agree in one transaction. */
  markSent(claim: Claim, by: string, stories: readonly DeliveredStory[], now: number): void {
    this.db.transaction(() => {
      this.sql(`UPDATE deliveries SET status = 'sent', finished_at = ?, error = NULL WHERE channel = ? AND slot = ? AND claimed_by = ?`)
        .run(now, claim.channel, claim.slot, by);
      this.recordDelivered(claim.channel, stories, now);
      this.sql('UPDATE subscriptions SET failures = 0, last_error = NULL WHERE channel = ?').run(claim.channel);
    }).immediate();
  }

  /** A failed post; pauses the subscription at `maxFailures` in a row. Returns the subscription afterwards. */
  markFailed(claim: Claim, by: string, status: 'failed' | 'unknown', error: string, maxFailures: number, now: number): Subscription | undefined {
    return this.db.transaction(() => {
      this.sql('UPDATE deliveries SET status = ?, finished_at = ?, error = ? WHERE channel = ? AND slot = ? AND claimed_by = ?')
        .run(status, now, error, claim.channel, claim.slot, by);
      this.sql(
          `UPDATE subscriptions SET failures = failures + 1, last_error = ?,
             status = CASE WHEN failures + 1 >= ? THEN 'paused' ELSE status END,
             paused_reason = CASE WHEN failures + 1 >= ? THEN ? ELSE paused_reason END
           WHERE channel = ?`,
        )
        .run(error, maxFailures, maxFailures, `${maxFailures} failed post${maxFailures === 1 ? '' : 's'} in a row; last: ${error}`, claim.channel);
      return this.subscription(claim.channel);
    }).immediate();
  }

  /** Gives a claim back without posting (graceful shutdown), so a later run posts it once. */
  release(claim: Claim, by: string, now: number): void {
    this.sql(`UPDATE deliveries SET status = 'unsent', finished_at = ? WHERE channel = ? AND slot = ? AND claimed_by = ? AND status = 'sending'`)
      .run(now, claim.channel, claim.slot, by);
  }

  skip(claim: Claim, reason: string, now: number): void {
    this.sql(`UPDATE deliveries SET status = 'skipped', finished_at = ?, error = ? WHERE channel = ? AND slot = ? AND status IN ('sending', 'failed', 'unsent')`)
      .run(now, reason, claim.channel, claim.slot);
  }

  /**
   * Claims still 'sending' long after they were taken belong to a process that died mid-post. Whether it posted is
   * unknowable, so they become 'unknown' and are not retried: a missed digest is better than a double one.
   */
  expireStale(olderThan: number, now: number): Delivery[] {
    return this.db.transaction(() => {
      const rows = (this.sql(`SELECT * FROM deliveries WHERE status = 'sending' AND claimed_at < ?`).all(olderThan) as Row[]).map(toDelivery);
      this.sql(`UPDATE deliveries SET status = 'unknown', finished_at = ?, error = 'the process posting it stopped without recording the outcome' WHERE status = 'sending' AND claimed_at < ?`)
        .run(now, olderThan);
      return rows;
    }).immediate();
  }

  setCreatorTold(channel: string): void {
    this.sql('UPDATE subscriptions SET creator_told = 1 WHERE channel = ?').run(channel);
  }

  deliveries(channel?: string): Delivery[] {
    const rows = channel
      ? this.sql('SELECT * FROM deliveries WHERE channel = ? ORDER BY slot').all(channel)
      : this.sql('SELECT * FROM deliveries ORDER BY channel, slot').all();
    return (rows as Row[]).map(toDelivery);
  }
}
