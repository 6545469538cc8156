// A client for any OpenAI-compatible chat-completions server (OpenAI, Ollama, vLLM, llama.cpp, LM Studio), over
// Node's own fetch: the official `openai` package needs Node 22. It asks for JSON that follows a schema, and falls
// back to JSON mode on servers without structured outputs. It never sends anything but the messages it is given.

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface JsonSchema {
  name: string;
  schema: Record<string, unknown>;
}

export type LlmErrorKind = 'timeout' | 'rate-limited' | 'http' | 'network' | 'malformed';

export class LlmError extends Error {
  /** Already told to `observe` (so a failure is counted once). */
  counted = false;
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}

export interface ChatClientOptions {
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  maxTokens?: number;
  /** Requests in flight at once; the rest wait their turn. */
  concurrency?: number;
  /** The longest Retry-After honoured once on 429 or 503; a longer wait fails at once. */
  maxRetryAfterMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Told of each HTTP request's outcome and the tokens it used, for the metrics. */
  observe?: (call: { outcome: 'ok' | LlmErrorKind; promptTokens: number; completionTokens: number }) => void;
}

export interface ChatUsage {
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

export interface ChatClient {
  readonly model: string;
  /** Calls and tokens so far, for the metrics. */
  readonly usage: Readonly<ChatUsage>;
  completeJson(messages: ChatMessage[], schema: JsonSchema): Promise<unknown>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After is seconds or an HTTP date. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+(?:\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function semaphore(limit: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (job) => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await job();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** One POST of a JSON body; a timeout or a network failure is an LlmError saying which. */
async function postJson(
  doFetch: typeof fetch,
  endpoint: string,
  body: Record<string, unknown>,
  timeoutMs: number,
  apiKey: string | undefined,
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  try {
    return await doFetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new LlmError('timeout', `no answer from the model within ${timeoutMs} ms`);
    throw new LlmError('network', `could not reach the model server (${(err as Error).message})`);
  }
}

/**
 * The JSON a completion carries, its tokens added to `usage` and its outcome told to `observe`; a body that is not
 * JSON, or a reply with no content or content that is not JSON, is an LlmError of kind `malformed`.
 */
async function readCompletion(
  res: Response,
  usage: ChatUsage,
  observe: ChatClientOptions['observe'],
): Promise<unknown> {
  let payload: {
    choices?: Array<{ message?: { content?: string | null } }>;
    usage?: { prompt_tokens?: number; completion_tokens?: number };
  };
  try {
    payload = (await res.json()) as typeof payload;
  } catch {
    throw new LlmError('malformed', 'the model server sent a body that is not JSON');
  }
  const promptTokens = payload.usage?.prompt_tokens ?? 0;
  const completionTokens = payload.usage?.completion_tokens ?? 0;
  usage.promptTokens += promptTokens;
  usage.completionTokens += completionTokens;
  // The tokens were spent whatever the content is: counted with the call's outcome.
  const malformed = (message: string) => {
    observe?.({ outcome: 'malformed', promptTokens, completionTokens });
    const err = new LlmError('malformed', message);
    err.counted = true;
    return err;
  };
  const content = payload.choices?.[0]?.message?.content;
  if (typeof content !== 'string') throw malformed('the model reply has no message content');
  let parsed: unknown;
  try {
    // Some servers wrap JSON mode output in a code fence.
    parsed = JSON.parse(content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, ''));
  } catch {
    throw malformed('the model reply is not valid JSON');
  }
  observe?.({ outcome: 'ok', promptTokens, completionTokens });
  return parsed;
}

export function createChatClient(options: ChatClientOptions): ChatClient {
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? sleepFor;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
  const limit = semaphore(Math.max(1, options.concurrency ?? 2));
  const usage: ChatUsage = { calls: 0, promptTokens: 0, completionTokens: 0 };
  // Learned per client: once a server refuses json_schema, ask it for plain JSON mode.
  let structured = true;

  const post = (body: Record<string, unknown>): Promise<Response> => {
    usage.calls++;
    return postJson(doFetch, endpoint, body, timeoutMs, options.apiKey);
  };

  const observed = async (messages: ChatMessage[], schema: JsonSchema, retried: boolean): Promise<unknown> => {
    try {
      return await once(messages, schema, retried);
    } catch (err) {
      if (err instanceof LlmError && !err.counted) {
        err.counted = true;
        options.observe?.({ outcome: err.kind, promptTokens: 0, completionTokens: 0 });
      }
      throw err;
    }
  };

  async function once(messages: ChatMessage[], schema: JsonSchema, retried: boolean): Promise<unknown> {
    const body: Record<string, unknown> = {
      model: options.model,
      messages,
      temperature: 0,
      max_tokens: options.maxTokens ?? 600,
      response_format: structured
        ? { type: 'json_schema', json_schema: { name: schema.name, schema: schema.schema, strict: true } }
        : { type: 'json_object' },
    };
    const res = await post(body);
    if (res.status === 400 && structured) {
      const text = await res.text().catch(() => '');
      if (/response_format|json_schema/i.test(text)) {
        structured = false;
        options.observe?.({ outcome: 'http', promptTokens: 0, completionTokens: 0 });
        return once(messages, schema, retried);
      }
      throw new LlmError('http', 'the model server answered 400');
    }
    if (res.status === 429 || res.status === 503) {
      await res.body?.cancel().catch(() => undefined);
      const wait = retryAfterMs(res.headers.get('retry-after'));
      if (!retried && wait !== null && wait <= maxRetryAfterMs) {
        options.observe?.({ outcome: 'rate-limited', promptTokens: 0, completionTokens: 0 });
        await sleep(wait);
        return once(messages, schema, true);
      }
      throw new LlmError(
        'rate-limited',
        `the model server answered ${res.status}${wait !== null ? ` (retry after ${Math.ceil(wait / 1000)} s)` : ''}`,
      );
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new LlmError('http', `the model server answered ${res.status}`);
    }
    return readCompletion(res, usage, options.observe);
  }

  return {
    model: options.model,
    usage,
    completeJson: (messages, schema) => limit(() => observed(messages, schema, false)),
  };
}
