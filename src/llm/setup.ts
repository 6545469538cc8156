// The model layer as the running bot uses it, from config: built only when LLM_BASE_URL and LLM_MODEL are set,
// with its calls, tokens and fallbacks counted in the metrics when they are given.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { LlmMetrics } from '../ops/metrics.js';
import { createChannelRate } from '../core/channel-rate.js';
import { createChatClient } from './client.js';
import { createGroundedWriter, type GroundedWriter } from './writer.js';

type LlmConfig = Pick<
  Config,
  | 'llm'
  | 'LLM_BASE_URL'
  | 'LLM_MODEL'
  | 'LLM_API_KEY'
  | 'LLM_TIMEOUT_MS'
  | 'LLM_MAX_TOKENS'
  | 'LLM_CONCURRENCY'
  | 'LLM_CHANNEL_RATE'
>;

export function createModelWriter(
  config: LlmConfig,
  log: Logger,
  metrics?: LlmMetrics,
  clock: () => number = Date.now,
): GroundedWriter | undefined {
  if (!config.llm.enabled || !config.LLM_BASE_URL || !config.LLM_MODEL) return undefined;
  const client = createChatClient({
    baseUrl: config.LLM_BASE_URL,
    model: config.LLM_MODEL,
    ...(config.LLM_API_KEY ? { apiKey: config.LLM_API_KEY } : {}),
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxTokens: config.LLM_MAX_TOKENS,
    concurrency: config.LLM_CONCURRENCY,
    ...(metrics
      ? {
          observe: (call) => {
            metrics.calls.inc({ outcome: call.outcome });
            if (call.promptTokens) metrics.tokens.inc({ kind: 'prompt' }, call.promptTokens);
            if (call.completionTokens) metrics.tokens.inc({ kind: 'completion' }, call.completionTokens);
          },
        }
      : {}),
  });
  log.info(
    { model: config.LLM_MODEL, host: new URL(config.LLM_BASE_URL).host },
    `model layer on: ${config.LLM_MODEL} at ${new URL(config.LLM_BASE_URL).host}`,
  );
  return createGroundedWriter({
    client,
    log,
    rate: createChannelRate(config.LLM_CHANNEL_RATE, clock),
    ...(metrics ? { metrics } : {}),
  });
}
