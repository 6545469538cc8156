// A role that exactly one process may hold at a time (the Discord gateway session), elected through a Postgres
// session advisory lock on a dedicated connection: `pg_try_advisory_lock` succeeds for one session only, and the
// server releases the lock when that session ends, so a holder that dies (SIGKILL, lost network, Postgres
// restart) frees it without anyone cleaning up. The others try again every `retryMs`; the holder checks its own
// connection as often, and gives the role up (`lost`) the moment that connection fails, since the lock went with it.
import type { Client } from 'pg';

/**
 * The advisory lock keys of the roles replicas elect (distinct from the migration lock in postgres.ts). A sharded
 * gateway locks (discordShard, shard id) in Postgres's two-int form, which never meets a one-bigint key.
 */
export const LEASE_KEYS = { discordGateway: 0x62726267, discordShard: 0x62726273 } as const;

/**
 * The lock of the Discord gateway: one key when unsharded; sharded, one lock per shard id the replica opens, so
 * each shard is open on one replica at most, and replicas owning disjoint shard sets each hold their own.
 */
export function gatewayLock(shards: { readonly ids: readonly number[] } | null): Pick<LeaseOptions, 'key' | 'subkeys'> {
  return shards ? { key: LEASE_KEYS.discordShard, subkeys: shards.ids } : { key: LEASE_KEYS.discordGateway };
}

export interface LeaseOptions {
  url: string;
  /** The lock's key: every process contending for one role uses the same number. */
  key: number;
  /**
   * Set: the role is one lock per entry, (key, entry) in the two-int form (both must fit int4), held all together
   * or not at all, so two processes whose sets overlap never both hold the shared entries. An empty list is refused.
   */
  subkeys?: readonly number[];
  /** How often a process without the lock tries again, and how often the holder checks its connection (ms). */
  retryMs: number;
  onError?: (error: Error) => void;
}

export interface LeaseHandlers {
  /** The lock is ours: take up the role. Called once per acquisition. */
  acquired(): void | Promise<void>;
  /** The lock is gone (its connection failed, or stop): give the role up at once. */
  lost(): void | Promise<void>;
}

export interface Lease {
  start(handlers: LeaseHandlers): void;
  readonly held: boolean;
  /** Gives the lock up now (the holder could not take up the role) and tries again after `retryMs`. */
  release(): Promise<void>;
  /** Gives the role up (`lost` first, then the lock) and stops trying. */
  stop(): Promise<void>;
}

export function advisoryLease(options: LeaseOptions): Lease {
  return new AdvisoryLease(options);
}

class AdvisoryLease implements Lease {
  private client: Client | null = null;
  private holding = false;
  private stopped = false;
  private busy = false;
  private timer: NodeJS.Timeout | undefined;
  private handlers: LeaseHandlers | null = null;
  /** A check that does not answer within the interval counts as a dead connection (a silent network partition). */
  private readonly timeoutMs: number;

  constructor(private readonly options: LeaseOptions) {
    if (options.subkeys?.length === 0) throw new Error('a lease over subkeys needs at least one');
    this.timeoutMs = Math.max(1000, options.retryMs);
  }

  get held(): boolean {
    return this.holding;
  }

  start(handlers: LeaseHandlers): void {
    this.handlers = handlers;
    void this.tick();
  }

  async release(): Promise<void> {
    const open = this.client;
    this.client = null;
    this.holding = false;
    await open?.end().catch(() => undefined);
    // Like a failed connection: the one giving up waits an extra interval, so another replica tries first.
    clearTimeout(this.timer);
    this.timer = undefined;
    this.schedule(2 * this.options.retryMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    // The role goes before the lock, so a graceful stop never overlaps with the next holder.
    if (this.holding) {
      this.holding = false;
      await Promise.resolve(this.handlers?.lost()).catch((error: unknown) => this.report(error));
    }
    const open = this.client;
    this.client = null;
    await open?.end().catch(() => undefined);
  }

  private report(error: unknown): void {
    this.options.onError?.(error as Error);
  }

  /** The lock's connection failed: the lock went with it, so the role goes at once. */
  private drop(dead: Client, error?: Error): void {
    if (dead !== this.client) return;
    this.client = null;
    void dead.end().catch(() => undefined);
    if (error) this.report(error);
    if (!this.holding) return;
    this.holding = false;
    try {
      void Promise.resolve(this.handlers?.lost()).catch((e: unknown) => this.report(e));
    } catch (e) {
      this.report(e);
    }
    // The one whose connection failed waits an extra interval, so a healthier replica takes the role first.
    clearTimeout(this.timer);
    this.timer = undefined;
    this.schedule(2 * this.options.retryMs);
  }

  private schedule(delay = this.options.retryMs): void {
    if (this.stopped || this.timer) return;
    // Spread over 0.75–1.25 of the interval, so two replicas contending for one set do not stay in step and
    // collide on every try (each taking half and giving it back).
    this.timer = setTimeout(() => void this.tick(), delay * (0.75 + Math.random() / 2));
    this.timer.unref();
  }

  private async connect(): Promise<Client | null> {
    const { default: pg } = await import('pg');
    const next = new pg.Client({
      connectionString: this.options.url,
      keepAlive: true,
      connectionTimeoutMillis: this.timeoutMs,
      query_timeout: this.timeoutMs,
    });
    next.on('error', (error) => this.drop(next, error));
    next.on('end', () => this.drop(next));
    try {
      await next.connect();
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await next.end().catch(() => undefined);
      return null;
    }
    return next;
  }

  /** Takes the lock (every subkey's, or none: the ones taken are given back) on the lease's own connection. */
  private async tryLock(on: Client): Promise<boolean> {
    const { key, subkeys } = this.options;
    if (!subkeys) {
      const { rows } = await on.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [key]);
      return rows[0]?.got === true;
    }
    // A set another session holds part of is not tried at all: taking the free entries for a moment and giving
    // them back would, on every retry, block a replica that wants only those (a standby waiting on 0,1 while a
    // replica owning 0-3 keeps grabbing them), and under load the moments add up.
    const { rows: taken } = await on.query(
      `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $1::int::oid
         AND objid = ANY($2::int[]::oid[]) AND pid <> pg_backend_pid() LIMIT 1`,
      [key, [...subkeys]],
    );
    if (taken.length) return false;
    const { rows } = await on.query<{ got: boolean }>(
      'SELECT pg_try_advisory_lock($1::int, s) AS got FROM unnest($2::int[]) AS s',
      [key, [...subkeys]],
    );
    if (rows.length === subkeys.length && rows.every((r) => r.got)) return true;
    // This connection holds no other advisory lock, so giving back all of its own is exact.
    await on.query('SELECT pg_advisory_unlock_all()');
    return false;
  }

  /** One try: the holder checks its connection; the others try for the lock. */
  private async tick(): Promise<void> {
    this.timer = undefined;
    if (this.stopped || this.busy) return;
    this.busy = true;
    try {
      this.client ??= await this.connect();
      const on = this.client;
      if (!on) return;
      if (this.holding) {
        await on.query('SELECT 1');
        return;
      }
      const got = await this.tryLock(on);
      if (got && this.client === on && !this.stopped) {
        this.holding = true;
        void Promise.resolve()
          .then(() => this.handlers?.acquired())
          .catch((error: unknown) => this.report(error));
      }
    } catch (error) {
      if (this.client) this.drop(this.client, error as Error);
      else this.report(error);
    } finally {
      this.busy = false;
      this.schedule();
    }
  }
}
