// What may be logged about a failure: its kind, code and a message with anything token-shaped removed.
// DiscordAPIError carries the request URL, which holds the interaction token, so whole errors are never logged.

export interface ErrorSummary {
  name: string;
  message: string;
  code?: string | number;
  status?: number;
}

const TOKEN_SHAPED = /[A-Za-z0-9_.-]{60,}/g;

export function summariseError(error: unknown): ErrorSummary {
  if (!(error instanceof Error))
    return { name: 'Error', message: String(error).replace(TOKEN_SHAPED, '[redacted]').slice(0, 300) };
  const e = error as Error & { code?: unknown; status?: unknown };
  return {
    name: e.name,
    message: e.message.replace(TOKEN_SHAPED, '[redacted]').slice(0, 300),
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.status === 'number' ? { status: e.status } : {}),
  };
}
