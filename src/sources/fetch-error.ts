// What a fetch can fail with, by kind (DNS, refused, timeout, HTTP status, too large, blocked address …), and
// the reading of undici's and Node's errors into those kinds.

export type FetchErrorKind =
  | 'dns'
  | 'refused'
  | 'timeout'
  | 'http-status'
  | 'too-large'
  | 'not-allowed-type'
  | 'blocked-address'
  | 'bad-url'
  | 'too-many-redirects'
  | 'network';

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly url: string,
    /** For 'http-status': the status and the response's Retry-After header, when given. */
    readonly status?: number,
    readonly retryAfter?: string,
  ) {
    super(message);
  }
}

export function asFetchError(error: unknown, url: string, timeoutMs: number): FetchError {
  if (error instanceof FetchError) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof FetchError) return cause;
  const e = error as NodeJS.ErrnoException & { name?: string };
  const code = e.code ?? (cause as NodeJS.ErrnoException | undefined)?.code;
  const host = safeHost(url);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return new FetchError('dns', `${host} could not be found (DNS: ${code})`, url);
  }
  if (code === 'ECONNREFUSED') return new FetchError('refused', `${host} refused the connection`, url);
  if (
    e.name === 'TimeoutError' ||
    e.name === 'AbortError' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'ABORT_ERR'
  ) {
    return new FetchError('timeout', `${host} did not answer within ${(timeoutMs / 1000).toFixed(1)} s`, url);
  }
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR__ERROR_FORMAT_PADDING_1') {
    return new FetchError('network', `${host} sent a body that does not decompress (${code})`, url);
  }
  return new FetchError('network', `${host} could not be fetched: ${e.message ?? String(error)}`, url);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
