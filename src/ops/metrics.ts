// Prometheus metrics of one process, in its own registry (no global default registry), built in app.ts.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The optional model layer: HTTP calls, tokens, and what became of each text it was asked for. */
export interface LlmMetrics {
  /** One per HTTP request to the model server, by outcome: ok, timeout, rate-limited, http, network, malformed. */
  readonly calls: Counter<'outcome'>;
  /** Tokens the server reported, by kind: prompt or completion. */
  readonly tokens: Counter<'kind'>;
  /** Texts asked for (tldr, answer, synthesis) by result: model (checked and shown) or fallback (extractive shown). */
  readonly texts: Counter<'task' | 'result'>;
  /** Fallbacks by task and cause: timeout, rate-limited, http, network, malformed, checks, no-claims, channel-rate. */
  readonly fallbacks: Counter<'task' | 'cause'>;
  /** Model claims by result of the grounding checks: kept, or the check that dropped it. */
  readonly claims: Counter<'result'>;
}

export interface Metrics {
  readonly registry: Registry;
  readonly digests: Counter<'outcome'>;
  /** Commands by name and outcome: ok, refused (the user's input, a clear error reply), invalid (options), failed. */
  readonly commands: Counter<'command' | 'outcome'>;
  /** How long each command took to reply, in seconds (the model layer's wait included). */
  readonly commandSeconds: Histogram<'command'>;
  /** Feed checks by result: new, unchanged, not-modified, or the failure kind (timeout, http, not-a-feed …). */
  readonly feedChecks: Counter<'result'>;
  readonly llm: LlmMetrics;
  /**
   * Names a queue whose depth is read at each scrape (briefbot_queue_depth{queue}); a read that fails leaves the
   * queue out of that scrape rather than failing it.
   */
  queueDepth(queue: string, read: () => number | Promise<number>): void;
  /** Reports whether this process holds the Discord gateway (briefbot_gateway_held, 0 or 1), read at each scrape. */
  gatewayHeld(read: () => boolean): void;
}

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'briefbot_' });
  const digests = new Counter({
    name: 'briefbot_digests_total',
    help: 'Scheduled digests by outcome: sent, failed, skipped, released (given back at shutdown)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const commands = new Counter({
    name: 'briefbot_commands_total',
    help: 'Commands by name and outcome: ok, refused, invalid, failed',
    labelNames: ['command', 'outcome'] as const,
    registers: [registry],
  });
  const commandSeconds = new Histogram({
    name: 'briefbot_command_seconds',
    help: 'Time from a command arriving at the bot to its reply, in seconds',
    labelNames: ['command'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const feedChecks = new Counter({
    name: 'briefbot_feed_checks_total',
    help: 'Feed checks by result: new, unchanged, not-modified, or the failure kind',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const llm: LlmMetrics = {
    calls: new Counter({
      name: 'briefbot_llm_calls_total',
      help: 'Requests to the model server by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    tokens: new Counter({
      name: 'briefbot_llm_tokens_total',
      help: 'Tokens the model server reported, by kind (prompt, completion)',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    texts: new Counter({
      name: 'briefbot_llm_texts_total',
      help: 'Model texts asked for, by task and result (model, fallback)',
      labelNames: ['task', 'result'] as const,
      registers: [registry],
    }),
    fallbacks: new Counter({
      name: 'briefbot_llm_fallbacks_total',
      help: 'Extractive fallbacks by task and cause',
      labelNames: ['task', 'cause'] as const,
      registers: [registry],
    }),
    claims: new Counter({
      name: 'briefbot_llm_claims_total',
      help: 'Model claims by result: kept, or the check that dropped it',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
  };
  const gauges = stateGauges(registry);
  return {
    registry,
    digests,
    commands,
    commandSeconds,
    feedChecks,
    llm,
    ...gauges,
  };
}

/** Gauges read at each scrape: queue depths, and whether this process holds the Discord gateway. */
function stateGauges(registry: Registry): Pick<Metrics, 'queueDepth' | 'gatewayHeld'> {
  const queues = new Map<string, () => number | Promise<number>>();
  new Gauge({
    name: 'briefbot_queue_depth',
    help: 'Work waiting, by queue: feeds_due (feeds due for a check now), article_changes (heard from other replicas, not yet applied)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      for (const [queue, read] of queues) {
        try {
          this.set({ queue }, await read());
        } catch {
          this.remove({ queue });
        }
      }
    },
  });
  let held: (() => boolean) | null = null;
  new Gauge({
    name: 'briefbot_gateway_held',
    help: 'Whether this process holds the Discord gateway: 1 for the elected replica (or any, with election off), else 0',
    registers: [registry],
    collect() {
      this.set(held?.() ? 1 : 0);
    },
  });
  return {
    queueDepth: (queue, read) => void queues.set(queue, read),
    gatewayHeld: (read) => void (held = read),
  };
}
