// The digest store in SQLite (the default). better-sqlite3 is synchronous, so each method runs whole before the
// next starts; the write transactions are BEGIN IMMEDIATE, so two processes on one file never interleave a claim.
import type { Statement } from 'better-sqlite3';
import type { Database } from '../state/database.js';
import type { DeliveredStory } from './compose.js';
import {
  DEFAULT_NOTHING_NEW,
  pausedReason,
  STALE_CLAIM_ERROR,
  toDelivery,
  toSubscription,
  type Claim,
  type Delivery,
  type DigestStore,
  type Reclaim,
  type Row,
  type Subscription,
  type SubscriptionInput,
  type SubscriptionStatus,
} from './store.js';

export class SqliteDigestStore implements DigestStore {
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

  async subscription(channel: string): Promise<Subscription | undefined> {
    return this.subscriptionNow(channel);
  }

  private subscriptionNow(channel: string): Subscription | undefined {
    const row = this.sql('SELECT * FROM subscriptions WHERE channel = ?').get(channel) as Row | undefined;
    return row ? toSubscription(row) : undefined;
  }

  async subscriptions(status?: SubscriptionStatus): Promise<Subscription[]> {
    const rows = status
      ? this.sql('SELECT * FROM subscriptions WHERE status = ? ORDER BY channel').all(status)
      : this.sql('SELECT * FROM subscriptions ORDER BY channel').all();
    return (rows as Row[]).map(toSubscription);
  }

  async upsert(input: SubscriptionInput, now: number): Promise<'created' | 'updated' | 'resumed'> {
    return this.db
      .transaction((): 'created' | 'updated' | 'resumed' => {
        const existing = this.subscriptionNow(input.channel);
        if (!existing) {
          this.sql(
            `INSERT INTO subscriptions (channel, cron, schedule_label, timezone, quiet, nothing_new, origin, created_by, created_at, updated_at, checked_until)
             VALUES (@channel, @cron, @scheduleLabel, @timezone, @quiet, @nothingNew, @origin, @createdBy, @now, @now, @now)`,
          ).run({ ...input, nothingNew: input.nothingNew ?? DEFAULT_NOTHING_NEW, now });
          return 'created';
        }
        this.sql(
          `UPDATE subscriptions SET cron = @cron, schedule_label = @scheduleLabel, timezone = @timezone, quiet = @quiet, nothing_new = @nothingNew,
             origin = @origin, created_by = @createdBy, updated_at = @now, checked_until = MAX(checked_until, @now),
             status = 'active', paused_reason = NULL, failures = 0, last_error = NULL, creator_told = 0
           WHERE channel = @channel`,
        ).run({ ...input, nothingNew: input.nothingNew ?? DEFAULT_NOTHING_NEW, now });
        return existing.status === 'paused' ? 'resumed' : 'updated';
      })
      .immediate();
  }

  async remove(channel: string): Promise<boolean> {
    return this.sql('DELETE FROM subscriptions WHERE channel = ?').run(channel).changes > 0;
  }

  async delivered(channel: string): Promise<Map<string, string>> {
    const rows = this.sql('SELECT source, hash FROM delivered_stories WHERE channel = ?').all(channel) as Row[];
    return new Map(rows.map((r) => [r.source as string, r.hash as string]));
  }

  async lastDigestAt(channel: string): Promise<number | null> {
    const row = this.sql('SELECT MAX(delivered_at) AS at FROM delivered_stories WHERE channel = ?').get(channel) as Row;
    return (row.at as number | null) ?? null;
  }

  async recordDelivered(channel: string, stories: readonly DeliveredStory[], now: number): Promise<void> {
    this.recordDeliveredNow(channel, stories, now);
  }

  private recordDeliveredNow(channel: string, stories: readonly DeliveredStory[], now: number): void {
    const put = this.sql(
      `INSERT INTO delivered_stories (channel, source, hash, delivered_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (channel, source) DO UPDATE SET hash = excluded.hash, delivered_at = excluded.delivered_at`,
    );
    this.db.transaction(() => {
      for (const s of stories) put.run(channel, s.source, s.hash, now);
    })();
  }

  async claim(
    fresh: readonly Claim[],
    retries: readonly Reclaim[],
    watermarks: ReadonlyMap<string, number>,
    by: string,
    now: number,
  ): Promise<Claim[]> {
    const insert = this.sql(
      `INSERT INTO deliveries (channel, slot, status, claimed_by, claimed_at) VALUES (?, ?, 'sending', ?, ?) ON CONFLICT (channel, slot) DO NOTHING`,
    );
    const retake = this.sql(
      `UPDATE deliveries SET status = 'sending', claimed_by = ?, claimed_at = ?, attempts = attempts + 1, finished_at = NULL
       WHERE channel = ? AND slot = ? AND status = ?`,
    );
    const mark = this.sql('UPDATE subscriptions SET checked_until = MAX(checked_until, ?) WHERE channel = ?');
    return this.db
      .transaction(() => {
        const owned: Claim[] = [];
        for (const c of fresh)
          if (insert.run(c.channel, c.slot, by, now).changes === 1) owned.push({ channel: c.channel, slot: c.slot });
        for (const r of retries)
          if (retake.run(by, now, r.channel, r.slot, r.from).changes === 1)
            owned.push({ channel: r.channel, slot: r.slot });
        for (const [channel, until] of watermarks) mark.run(until, channel);
        return owned;
      })
      .immediate();
  }

  async retryable(): Promise<Delivery[]> {
    const rows = this.sql(
      `SELECT d.* FROM deliveries d JOIN subscriptions s ON s.channel = d.channel
         WHERE s.status = 'active' AND d.status IN ('failed', 'unsent') ORDER BY d.slot, d.channel`,
    ).all() as Row[];
    return rows.map(toDelivery);
  }

  async markSent(claim: Claim, by: string, stories: readonly DeliveredStory[], now: number): Promise<void> {
    this.db
      .transaction(() => {
        this.sql(
          `UPDATE deliveries SET status = 'sent', finished_at = ?, error = NULL WHERE channel = ? AND slot = ? AND claimed_by = ?`,
        ).run(now, claim.channel, claim.slot, by);
        this.recordDeliveredNow(claim.channel, stories, now);
        this.sql('UPDATE subscriptions SET failures = 0, last_error = NULL WHERE channel = ?').run(claim.channel);
      })
      .immediate();
  }

  async markFailed(
    claim: Claim,
    by: string,
    status: 'failed' | 'unknown',
    error: string,
    maxFailures: number,
    now: number,
  ): Promise<Subscription | undefined> {
    return this.db
      .transaction(() => {
        this.sql(
          'UPDATE deliveries SET status = ?, finished_at = ?, error = ? WHERE channel = ? AND slot = ? AND claimed_by = ?',
        ).run(status, now, error, claim.channel, claim.slot, by);
        this.sql(
          `UPDATE subscriptions SET failures = failures + 1, last_error = ?,
             status = CASE WHEN failures + 1 >= ? THEN 'paused' ELSE status END,
             paused_reason = CASE WHEN failures + 1 >= ? THEN ? ELSE paused_reason END
           WHERE channel = ?`,
        ).run(error, maxFailures, maxFailures, pausedReason(maxFailures, error), claim.channel);
        return this.subscriptionNow(claim.channel);
      })
      .immediate();
  }

  async release(claim: Claim, by: string, now: number): Promise<void> {
    this.sql(
      `UPDATE deliveries SET status = 'unsent', finished_at = ? WHERE channel = ? AND slot = ? AND claimed_by = ? AND status = 'sending'`,
    ).run(now, claim.channel, claim.slot, by);
  }

  async skip(claim: Claim, reason: string, now: number): Promise<void> {
    this.sql(
      `UPDATE deliveries SET status = 'skipped', finished_at = ?, error = ? WHERE channel = ? AND slot = ? AND status IN ('sending', 'failed', 'unsent')`,
    ).run(now, reason, claim.channel, claim.slot);
  }

  async expireStale(olderThan: number, now: number): Promise<Delivery[]> {
    return this.db
      .transaction(() => {
        const rows = (
          this.sql(`SELECT * FROM deliveries WHERE status = 'sending' AND claimed_at < ?`).all(olderThan) as Row[]
        ).map(toDelivery);
        this.sql(
          `UPDATE deliveries SET status = 'unknown', finished_at = ?, error = ? WHERE status = 'sending' AND claimed_at < ?`,
        ).run(now, STALE_CLAIM_ERROR, olderThan);
        return rows;
      })
      .immediate();
  }

  async setCreatorTold(channel: string): Promise<void> {
    this.sql('UPDATE subscriptions SET creator_told = 1 WHERE channel = ?').run(channel);
  }

  async deliveries(channel?: string): Promise<Delivery[]> {
    const rows = channel
      ? this.sql('SELECT * FROM deliveries WHERE channel = ? ORDER BY slot').all(channel)
      : this.sql('SELECT * FROM deliveries ORDER BY channel, slot').all();
    return (rows as Row[]).map(toDelivery);
  }
}
