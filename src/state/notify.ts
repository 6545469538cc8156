// Postgres LISTEN/NOTIFY for events other replicas must hear about (e.g. "a new article was stored"), so nobody polls
// a table in a loop. One dedicated connection listens; it reconnects with back-off when the server goes away, and
// says so through `onReconnect` so the caller can catch up on anything sent while it was deaf (NOTIFY is not queued
// for a listener that is not connected).
import type { Client, Pool } from 'pg';

export interface NotifyOptions {
  url: string;
  channel: string;
  onMessage: (payload: string) => void;
  onReconnect?: () => void;
  onError?: (error: Error) => void;
  /** Longest wait between reconnection attempts (ms). */
  maxBackoffMs?: number;
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Sends one event to every listener of `channel`; the payload is text (Postgres caps it below 8000 bytes). */
export async function notify(pool: Pool, channel: string, payload: string): Promise<void> {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`not a notification channel name: ${channel}`);
  await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
}

export interface Listener {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function listen(options: NotifyOptions): Listener {
  if (!CHANNEL_NAME.test(options.channel)) throw new Error(`not a notification channel name: ${options.channel}`);
  let closed = false;
  let client: Client | null = null;
  let timer: NodeJS.Timeout | undefined;
  let backoff = 100;
  let connectedOnce = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const connect = async (): Promise<void> => {
    const { default: pg } = await import('pg');
    const next = new pg.Client({ connectionString: options.url });
    next.on('notification', (message) => {
      if (message.channel === options.channel) options.onMessage(message.payload ?? '');
    });
    next.on('error', (error) => {
      options.onError?.(error);
      retry(next);
    });
    next.on('end', () => retry(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${options.channel}`);
    } catch (error) {
      options.onError?.(error as Error);
      retry(next);
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    backoff = 100;
    if (connectedOnce) options.onReconnect?.();
    connectedOnce = true;
    markReady();
  };

  const retry = (dead: Client) => {
    if (closed || (client !== null && client !== dead)) return;
    client = null;
    void dead.end().catch(() => undefined);
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, backoff);
    timer.unref();
    backoff = Math.min(backoff * 2, options.maxBackoffMs ?? 5000);
  };

  void connect();
  return {
    ready,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      const open = client;
      client = null;
      await open?.end().catch(() => undefined);
    },
  };
}
