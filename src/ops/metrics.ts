// Prometheus metrics of one process, in its own registry (no global default registry), built in app.ts.
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

export interface Metrics {
  readonly registry: Registry;
  readonly digests: Counter<'outcome'>;
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
  return { registry, digests };
}
