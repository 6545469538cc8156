// Delivery through the adapters: a channel key `platform:id` picks the adapter, which gets the bare id.
import { splitChannel, type Platform } from '../core/caller.js';
import type { Reply } from '../core/reply.js';

/** What a digest needs of a platform adapter: which platform it is, and posting into one of its channels by its own id. */
export interface Outlet {
  readonly platform: Platform;
  send(channelId: string, reply: Reply): Promise<void>;
}

export interface Deliver {
  /** Whether this process can post there; slots of other platforms are left for a process that can. */
  handles(channel: string): boolean;
  send(channel: string, reply: Reply): Promise<void>;
}

export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

export function deliverThrough(adapters: Iterable<Outlet>): Deliver {
  const byPlatform = new Map<string, Outlet>();
  for (const a of adapters) byPlatform.set(a.platform, a);
  return {
    handles: (channel) => byPlatform.has(splitChannel(channel)?.platform ?? ''),
    send: async (channel, reply) => {
      const parts = splitChannel(channel);
      if (!parts) throw new DeliveryError(`"${channel}" is not a platform:id channel`);
      const adapter = byPlatform.get(parts.platform);
      if (!adapter) throw new DeliveryError(`${parts.platform} is not running in this process`);
      await adapter.send(parts.id, reply);
    },
  };
}

/** Errors after which the platform may or may not have posted: never retried, so nothing is posted twice. */
export function outcomeUnknown(error: unknown): boolean {
  const e = error as { name?: string; code?: string };
  return (
    /abort|timeout/i.test(e?.name ?? '') ||
    ['ETIMEDOUT', 'ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT'].includes(e?.code ?? '')
  );
}

export function errorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = message.replace(/\s+/g, ' ').trim() || 'unknown error';
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
