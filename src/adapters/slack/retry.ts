// How the Web API client retries when Slack cannot be reached (no network, DNS, refused): counted, backing off,
// and for a bounded time (SLACK_RETRY_MS), each failure logged once as a line that names Slack. The client's own
// default retries for half an hour with an anonymous "http request failed" line per try.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.js';

export interface SlackRetries {
  retryConfig: webApi.RetryOptions;
  /** The last run of failures: how many tries, since when, and the last reason. */
  last(): { attempts: number; startedAt: number; reason: string } | null;
}

const MIN_DELAY_MS = 1000;
const MAX_DELAY_MS = 15_000;

/** The network-level reason of a failed request: "connect ECONNREFUSED 127.0.0.1:9" rather than "fetch failed". */
export function requestReason(error: unknown): string {
  let e: unknown = (error as { original?: unknown }).original ?? error;
  let reason = e instanceof Error ? e.message : String(e);
  for (let depth = 0; depth < 4 && e instanceof Error && e.cause instanceof Error; depth++) {
    e = e.cause;
    const inner = e as Error & { errors?: unknown[] };
    const first = inner.errors?.[0];
    const message = inner.message || (first instanceof Error ? first.message : '');
    if (message) reason = message;
  }
  return reason;
}

export function slackRetries(limitMs: number, log: Logger, now: () => number = Date.now): SlackRetries {
  let last: { attempts: number; startedAt: number; reason: string } | null = null;
  // The time limit ends the tries; the count only caps them.
  const retries = limitMs <= 0 ? 0 : 100;
  return {
    retryConfig: {
      retries,
      factor: 2,
      minTimeout: MIN_DELAY_MS,
      maxTimeout: MAX_DELAY_MS,
      randomize: false,
      // Throwing from here ends the tries (p-retry then rejects with that error): the limit is kept here, so the
      // line that says "giving up" is the last try's.
      onFailedAttempt: (error: Error & { attemptNumber: number; retriesLeft: number }) => {
        // A rate limit is Slack answering: the client has already waited its Retry-After, so try again untimed.
        if (error.message.startsWith('A rate limit was exceeded')) return;
        const reason = requestReason(error);
        if (error.attemptNumber === 1 || !last) last = { attempts: 0, startedAt: now(), reason };
        last.attempts = error.attemptNumber;
        last.reason = reason;
        const elapsed = now() - last.startedAt;
        const delay = Math.min(MIN_DELAY_MS * 2 ** (error.attemptNumber - 1), MAX_DELAY_MS);
        if (error.retriesLeft === 0 || elapsed + delay > limitMs) {
          log.warn(
            { attempt: error.attemptNumber, reason },
            `Slack Web API unreachable (attempt ${error.attemptNumber}): ${reason}; giving up`,
          );
          throw error;
        }
        log.warn(
          { attempt: error.attemptNumber, reason, retryInMs: delay },
          `Slack Web API unreachable (attempt ${error.attemptNumber}): ${reason}; retrying in ${Math.round(delay / 1000)} s, for up to ${Math.round(limitMs / 1000)} s in all`,
        );
      },
    } as webApi.RetryOptions,
    last: () => last,
  };
}
