// A role that exactly one process may hold at a time (the Discord gateway session), elected through a Postgres
// session advisory lock on a dedicated connection: `pg_try_advisory_lock` succeeds for one session only, and the
// server releases the lock when that session ends, so a holder that dies (SIGKILL, lost network, Postgres
// restart) frees it without anyone cleaning up. The others try again every `retryMs`; the holder checks its own
// connection as often, and gives the role up (`lost`) the moment that connection fails, since the lock went with it.
import type { Client } from 'pg';

/** The advisory lock keys of the roles replicas elect (distinct from the migration lock in postgres.ts). */
export const LEASE_KEYS = { discordGateway: 0x62726267 } as const;

export interface LeaseOptions {
  url: string;
  /** The lock's key: every process contending for one role uses the same number. */
  key: number;
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
  let client: Client | null = null;
  let held = false;
  let stopped = false;
  let busy = false;
  let timer: NodeJS.Timeout | undefined;
  let handlers: LeaseHandlers | null = null;
  // A check that does not answer within the interval counts as a dead connection (a silent network partition).
  const timeoutMs = Math.max(1000, options.retryMs);

  const report = (error: unknown) => options.onError?.(error as Error);

  const giveUp = () => {
    if (!held) return;
    held = false;
    try {
      void Promise.resolve(handlers?.lost()).catch(report);
    } catch (error) {
      report(error);
    }
  };

  const drop = (dead: Client, error?: Error) => {
    if (dead !== client) return;
    client = null;
    void dead.end().catch(() => undefined);
    if (error) report(error);
    if (!held) return;
    giveUp();
    // The one whose connection failed waits an extra interval, so a healthier replica takes the role first.
    clearTimeout(timer);
    timer = undefined;
    schedule(2 * options.retryMs);
  };

  const schedule = (delay = options.retryMs) => {
    if (stopped || timer) return;
    timer = setTimeout(() => void tick(), delay);
    timer.unref();
  };

  const tick = async () => {
    timer = undefined;
    if (stopped || busy) return;
    busy = true;
    try {
      if (!client) {
        const { default: pg } = await import('pg');
        const next = new pg.Client({
          connectionString: options.url,
          keepAlive: true,
          connectionTimeoutMillis: timeoutMs,
          query_timeout: timeoutMs,
        });
        next.on('error', (error) => drop(next, error));
        next.on('end', () => drop(next));
        try {
          await next.connect();
        } catch (error) {
          await next.end().catch(() => undefined);
          throw error;
        }
        if (stopped) {
          await next.end().catch(() => undefined);
          return;
        }
        client = next;
      }
      const on = client;
      if (held) {
        await on.query('SELECT 1');
      } else {
        const { rows } = await on.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [options.key]);
        if (rows[0]?.got === true && client === on && !stopped) {
          held = true;
          void Promise.resolve()
            .then(() => handlers?.acquired())
            .catch(report);
        }
      }
    } catch (error) {
      if (client) drop(client, error as Error);
      else report(error);
    } finally {
      busy = false;
      schedule();
    }
  };

  return {
    start(h) {
      handlers = h;
      void tick();
    },
    get held() {
      return held;
    },
    async release() {
      const open = client;
      client = null;
      held = false;
      await open?.end().catch(() => undefined);
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      // The role goes before the lock, so a graceful stop never overlaps with the next holder.
      if (held) {
        held = false;
        await Promise.resolve(handlers?.lost()).catch(report);
      }
      const open = client;
      client = null;
      await open?.end().catch(() => undefined);
    },
  };
}
