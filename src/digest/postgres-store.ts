// The digest store in Postgres (DATABASE_URL), for several replicas on one database. The same semantics as
// sqlite-store.ts: a slot is claimed with INSERT … ON CONFLICT DO NOTHING RETURNING before anything is sent, so of
// all replicas waking for one slot exactly one gets the row back and posts. Claims are batched into one statement
// per kind (unnest of arrays), in channel order so concurrent claimers lock rows in the same order.
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../state/postgres.js';
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

type Queryable = Pool | PoolClient;

const byChannel = <T extends { channel: string; slot?: number }>(a: T, b: T) =>
  a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : (a.slot ?? 0) - (b.slot ?? 0);

export class PostgresDigestStore implements DigestStore {
  constructor(readonly pool: Pool) {}

  private async rows(sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<Row[]> {
    return (await on.query(sql, params)).rows as Row[];
  }

  async subscription(channel: string, on: Queryable = this.pool): Promise<Subscription | undefined> {
    const [row] = await this.rows('SELECT * FROM subscriptions WHERE channel = $1', [channel], on);
    return row ? toSubscription(row) : undefined;
  }

  async subscriptions(status?: SubscriptionStatus): Promise<Subscription[]> {
    const rows = status
      ? await this.rows('SELECT * FROM subscriptions WHERE status = $1 ORDER BY channel', [status])
      : await this.rows('SELECT * FROM subscriptions ORDER BY channel');
    return rows.map(toSubscription);
  }

  async upsert(input: SubscriptionInput, now: number): Promise<'created' | 'updated' | 'resumed'> {
    const nothingNew = input.nothingNew ?? DEFAULT_NOTHING_NEW;
    // The same values for the insert and for the update of an existing schedule.
    const values = [
      input.channel,
      input.cron,
      input.scheduleLabel,
      input.timezone,
      input.quiet,
      input.origin,
      input.createdBy,
      now,
      nothingNew,
    ];
    return inTransaction(this.pool, async (c) => {
      const inserted = await this.rows(
        `INSERT INTO subscriptions (channel, cron, schedule_label, timezone, quiet, origin, created_by, created_at, updated_at, checked_until, nothing_new)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $8, $9) ON CONFLICT (channel) DO NOTHING RETURNING channel`,
        values,
        c,
      );
      if (inserted.length === 1) return 'created';
      const [before] = await this.rows(
        'SELECT status FROM subscriptions WHERE channel = $1 FOR UPDATE',
        [input.channel],
        c,
      );
      await c.query(
        `UPDATE subscriptions SET cron = $2, schedule_label = $3, timezone = $4, quiet = $5, origin = $6, created_by = $7,
           updated_at = $8, checked_until = GREATEST(checked_until, $8), status = 'active', paused_reason = NULL,
           failures = 0, last_error = NULL, creator_told = FALSE, nothing_new = $9
         WHERE channel = $1`,
        values,
      );
      return before?.status === 'paused' ? 'resumed' : 'updated';
    });
  }

  async remove(channel: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM subscriptions WHERE channel = $1', [channel])).rowCount ?? 0) > 0;
  }

  async delivered(channel: string): Promise<Map<string, string>> {
    const rows = await this.rows('SELECT source, hash FROM delivered_stories WHERE channel = $1', [channel]);
    return new Map(rows.map((r) => [r.source as string, r.hash as string]));
  }

  async lastDigestAt(channel: string): Promise<number | null> {
    const [row] = await this.rows('SELECT MAX(delivered_at) AS at FROM delivered_stories WHERE channel = $1', [
      channel,
    ]);
    return row?.at === null || row?.at === undefined ? null : Number(row.at);
  }

  async recordDelivered(
    channel: string,
    stories: readonly DeliveredStory[],
    now: number,
    on: Queryable = this.pool,
  ): Promise<void> {
    if (stories.length === 0) return;
    // One statement for all stories; a story listed twice keeps its last hash, as the SQLite loop does.
    const last = new Map(stories.map((s) => [s.source, s.hash]));
    const sources = [...last.keys()].sort();
    await on.query(
      `INSERT INTO delivered_stories (channel, source, hash, delivered_at)
       SELECT $1, s.source, s.hash, $4 FROM unnest($2::text[], $3::text[]) AS s(source, hash)
       ON CONFLICT (channel, source) DO UPDATE SET hash = excluded.hash, delivered_at = excluded.delivered_at`,
      [channel, sources, sources.map((s) => last.get(s)!), now],
    );
  }

  async claim(
    fresh: readonly Claim[],
    retries: readonly Reclaim[],
    watermarks: ReadonlyMap<string, number>,
    by: string,
    now: number,
  ): Promise<Claim[]> {
    const newSlots = [...fresh].sort(byChannel);
    const retakes = [...retries].sort(byChannel);
    const marks = [...watermarks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (!newSlots.length && !retakes.length && !marks.length) return [];
    // One statement (so one round trip, atomic without BEGIN/COMMIT): new slots inserted, retries retaken only if
    // their status is still the one this replica saw (a second taker finds 'sending'), watermarks moved.
    const sql = `WITH ins AS (
        INSERT INTO deliveries (channel, slot, status, claimed_by, claimed_at)
        SELECT f.channel, f.slot, 'sending', $3, $4 FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS f(channel, slot, n) ORDER BY f.n
        ON CONFLICT (channel, slot) DO NOTHING RETURNING channel, slot
      ), ret AS (
        UPDATE deliveries d SET status = 'sending', claimed_by = $3, claimed_at = $4, attempts = d.attempts + 1, finished_at = NULL
        FROM unnest($5::text[], $6::bigint[], $7::text[]) AS r(channel, slot, was)
        WHERE d.channel = r.channel AND d.slot = r.slot AND d.status = r.was RETURNING d.channel, d.slot
      ), marks AS (
        UPDATE subscriptions s SET checked_until = GREATEST(s.checked_until, m.until)
        FROM unnest($8::text[], $9::bigint[]) AS m(channel, until) WHERE s.channel = m.channel RETURNING 1
      )
      SELECT channel, slot FROM ins UNION ALL SELECT channel, slot FROM ret`;
    const params = [
      newSlots.map((f) => f.channel),
      newSlots.map((f) => f.slot),
      by,
      now,
      retakes.map((r) => r.channel),
      retakes.map((r) => r.slot),
      retakes.map((r) => r.from),
      marks.map(([channel]) => channel),
      marks.map(([, until]) => until),
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        const got = await this.rows(sql, params);
        return got.map((r) => ({ channel: r.channel as string, slot: Number(r.slot) })).sort(byChannel);
      } catch (error) {
        // A deadlock or serialization failure rolled the whole statement back: nothing was claimed, so try again.
        if (attempt >= 5 || !['40001', '40P01'].includes((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }

  async retryable(): Promise<Delivery[]> {
    const rows = await this.rows(
      `SELECT d.* FROM deliveries d JOIN subscriptions s ON s.channel = d.channel
       WHERE s.status = 'active' AND d.status IN ('failed', 'unsent') ORDER BY d.slot, d.channel`,
    );
    return rows.map(toDelivery);
  }

  async markSent(claim: Claim, by: string, stories: readonly DeliveredStory[], now: number): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await c.query(
        `UPDATE deliveries SET status = 'sent', finished_at = $1, error = NULL WHERE channel = $2 AND slot = $3 AND claimed_by = $4`,
        [now, claim.channel, claim.slot, by],
      );
      await this.recordDelivered(claim.channel, stories, now, c);
      await c.query('UPDATE subscriptions SET failures = 0, last_error = NULL WHERE channel = $1', [claim.channel]);
    });
  }

  async markFailed(
    claim: Claim,
    by: string,
    status: 'failed' | 'unknown',
    error: string,
    maxFailures: number,
    now: number,
  ): Promise<Subscription | undefined> {
    return inTransaction(this.pool, async (c) => {
      await c.query(
        'UPDATE deliveries SET status = $1, finished_at = $2, error = $3 WHERE channel = $4 AND slot = $5 AND claimed_by = $6',
        [status, now, error, claim.channel, claim.slot, by],
      );
      await c.query(
        `UPDATE subscriptions SET failures = failures + 1, last_error = $1,
           status = CASE WHEN failures + 1 >= $2 THEN 'paused' ELSE status END,
           paused_reason = CASE WHEN failures + 1 >= $2 THEN $3 ELSE paused_reason END
         WHERE channel = $4`,
        [error, maxFailures, pausedReason(maxFailures, error), claim.channel],
      );
      return this.subscription(claim.channel, c);
    });
  }

  async release(claim: Claim, by: string, now: number): Promise<void> {
    await this.pool.query(
      `UPDATE deliveries SET status = 'unsent', finished_at = $1 WHERE channel = $2 AND slot = $3 AND claimed_by = $4 AND status = 'sending'`,
      [now, claim.channel, claim.slot, by],
    );
  }

  async skip(claim: Claim, reason: string, now: number): Promise<void> {
    await this.pool.query(
      `UPDATE deliveries SET status = 'skipped', finished_at = $1, error = $2 WHERE channel = $3 AND slot = $4 AND status IN ('sending', 'failed', 'unsent')`,
      [now, reason, claim.channel, claim.slot],
    );
  }

  async expireStale(olderThan: number, now: number): Promise<Delivery[]> {
    // UPDATE … RETURNING gives each expired row to exactly one replica, so each is logged once.
    const rows = await this.rows(
      `UPDATE deliveries SET status = 'unknown', finished_at = $1, error = $2 WHERE status = 'sending' AND claimed_at < $3
       RETURNING channel, slot, 'sending' AS status, claimed_by, claimed_at, finished_at, attempts, error`,
      [now, STALE_CLAIM_ERROR, olderThan],
    );
    return rows.map((r) => ({ ...toDelivery(r), finishedAt: null, error: null })).sort((a, b) => byChannel(a, b));
  }

  async setCreatorTold(channel: string): Promise<void> {
    await this.pool.query('UPDATE subscriptions SET creator_told = TRUE WHERE channel = $1', [channel]);
  }

  async deliveries(channel?: string): Promise<Delivery[]> {
    const rows = channel
      ? await this.rows('SELECT * FROM deliveries WHERE channel = $1 ORDER BY slot', [channel])
      : await this.rows('SELECT * FROM deliveries ORDER BY channel, slot');
    return rows.map(toDelivery);
  }
}
