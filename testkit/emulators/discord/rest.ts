// The emulator's REST API under /api/v10: the routes briefbot calls, each recorded, each able to be made to fail.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { messageProblems } from './limits.js';
import { guildOfChannel, type Guild } from './guilds.js';
import { channel, sentMessage, snowflake, type World } from './payloads.js';

export interface RecordedCall {
  /** Order of arrival, from 0. */
  seq: number;
  /** performance.now() when the request arrived. */
  at: number;
  method: string;
  /** Path after /api/v10, without the query. */
  path: string;
  /** The route pattern that matched, e.g. 'POST /channels/:id/messages'; 'unknown' when none did. */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  /** The status the emulator answered with (set once answered). */
  status: number;
  /** Whether an Authorization header was sent (its value is never kept). */
  authorized: boolean;
}

export type Failure = { status: 429; retryAfter: number; global?: boolean } | { status: number; body?: unknown };

export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  commandName: string;
  dispatchedAt: number | null;
  callbackAt: number | null;
  callbackType: number | null;
  ephemeral: boolean;
}

export interface RestState {
  world: World;
  token: string;
  gatewayUrl: () => string;
  calls: RecordedCall[];
  interactions: Map<string, InteractionRecord>;
  commands: Map<string, unknown[]>;
  failures: Array<{ route: string; remaining: number; failure: Failure }>;
  onCall: (call: RecordedCall) => void;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Handler = (state: RestState, call: RecordedCall) => Reply;

const json = (body: unknown, status = 200): Reply => ({ status, body });
const error = (status: number, code: number, message: string): Reply => ({ status, body: { code, message } });

function storeCommands(state: RestState, key: string, body: unknown): Reply {
  if (!Array.isArray(body)) return error(400, 50035, 'Invalid Form Body: expected an array of commands');
  // Discord echoes commands back with ids and defaults, and omits `required: false`, as the real API does.
  const stored = body.map((c: Record<string, unknown>) => ({
    id: snowflake(),
    application_id: state.world.applicationId,
    version: snowflake(),
    type: 1,
    default_member_permissions: null,
    nsfw: false,
    name_localizations: null,
    description_localizations: null,
    ...c,
    options: ((c.options as Array<Record<string, unknown>> | undefined) ?? []).map(({ required, ...o }) =>
      required ? { ...o, required } : o,
    ),
    ...(key.startsWith('guild:') ? { guild_id: key.slice(6) } : {}),
  }));
  state.commands.set(key, stored);
  return json(stored);
}

function interactionFor(state: RestState, token: string): InteractionRecord | undefined {
  return state.interactions.get(token);
}

function messageReply(
  state: RestState,
  call: RecordedCall,
  channelId: string,
  extra: Record<string, unknown> = {},
): Reply {
  const problems = messageProblems(call.body);
  if (problems.length) return error(400, 50035, `Invalid Form Body: ${problems.join('; ')}`);
  return json(sentMessage(state.world, channelId, call.body as Record<string, unknown>, extra));
}

/** A channel route: answered for the channel of any of the bot's guilds, 404 otherwise. */
function inChannel(state: RestState, call: RecordedCall, answer: (guild: Guild) => Reply): Reply {
  const guild = guildOfChannel(state.world, call.params.channel!);
  return guild ? answer(guild) : error(404, 10003, 'Unknown Channel');
}

const ROUTES: Array<[string, Handler]> = [
  [
    'GET /gateway/bot',
    (s) =>
      json({
        url: s.gatewayUrl(),
        shards: s.world.shardCount,
        // As for large bots: up to 16 shards identify at once, so a client opening several is not held 5 s each.
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 16 },
      }),
  ],
  ['GET /users/@me', (s) => json(s.world.botUser)],
  [
    'GET /applications/@me',
    (s) =>
      json({
        id: s.world.applicationId,
        name: s.world.botUser.username,
        flags: 0,
        bot_public: true,
        bot: s.world.botUser,
      }),
  ],
  [
    'GET /oauth2/applications/@me',
    (s) => json({ id: s.world.applicationId, name: s.world.botUser.username, flags: 0, bot_public: true }),
  ],
  ['GET /applications/:app/commands', (s) => json(s.commands.get('global') ?? [])],
  ['PUT /applications/:app/commands', (s, c) => storeCommands(s, 'global', c.body)],
  ['GET /applications/:app/guilds/:guild/commands', (s, c) => json(s.commands.get(`guild:${c.params.guild}`) ?? [])],
  ['PUT /applications/:app/guilds/:guild/commands', (s, c) => storeCommands(s, `guild:${c.params.guild}`, c.body)],
  [
    'POST /interactions/:id/:token/callback',
    (s, c) => {
      const record = interactionFor(s, c.params.token!);
      if (!record || record.id !== c.params.id) return error(404, 10062, 'Unknown interaction');
      if (record.callbackAt !== null) return error(400, 40060, 'Interaction has already been acknowledged.');
      const body = c.body as { type: number; data?: { flags?: number } };
      if (body.type === 4) {
        const problems = messageProblems(body.data);
        if (problems.length) return error(400, 50035, `Invalid Form Body: ${problems.join('; ')}`);
      }
      record.callbackAt = c.at;
      record.callbackType = body.type;
      record.ephemeral = Boolean((body.data?.flags ?? 0) & 64);
      return { status: 204 };
    },
  ],
  [
    'PATCH /webhooks/:app/:token/messages/@original',
    (s, c) => {
      const record = interactionFor(s, c.params.token!);
      if (!record || record.callbackAt === null) return error(404, 10008, 'Unknown Message');
      return messageReply(s, c, s.world.channelId, {
        webhook_id: s.world.applicationId,
        application_id: s.world.applicationId,
      });
    },
  ],
  [
    'DELETE /webhooks/:app/:token/messages/@original',
    (s, c) =>
      interactionFor(s, c.params.token!)?.callbackAt != null ? { status: 204 } : error(404, 10008, 'Unknown Message'),
  ],
  [
    'POST /webhooks/:app/:token',
    (s, c) => {
      const record = interactionFor(s, c.params.token!);
      if (!record || record.callbackAt === null) return error(404, 10015, 'Unknown Webhook');
      return messageReply(s, c, s.world.channelId, {
        webhook_id: s.world.applicationId,
        application_id: s.world.applicationId,
      });
    },
  ],
  ['GET /channels/:channel', (s, c) => inChannel(s, c, (guild) => json(channel(s.world, guild)))],
  [
    'POST /channels/:channel/messages',
    (s, c) =>
      s.world.otherChannels.has(c.params.channel!)
        ? messageReply(s, c, c.params.channel!, { guild_id: s.world.guildId })
        : inChannel(s, c, (guild) => messageReply(s, c, guild.channelId, { guild_id: guild.id })),
  ],
];

const COMPILED = ROUTES.map(([route, handler]) => {
  const [method, pattern] = route.split(' ') as [string, string];
  const names: string[] = [];
  const source = pattern
    .replace(/[.@]/g, (m) => `\\${m}`)
    .replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'));
  return { route, method, regex: new RegExp(`^${source}$`), names, handler };
});

const BOT_ROUTES = /^\/(interactions|webhooks)\//;

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function handleRest(
  state: RestState,
  req: IncomingMessage,
  res: ServerResponse,
  prefix: string,
): Promise<void> {
  const at = performance.now();
  const url = new URL(req.url ?? '/', 'http://x');
  // discord.js percent-encodes '@original'; Discord routes on the decoded path.
  const decoded = decodeURIComponent(url.pathname);
  const path = decoded.startsWith(prefix) ? decoded.slice(prefix.length) : decoded;
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  const auth = req.headers.authorization;
  const match = COMPILED.map((r) => ({ r, m: r.method === method ? r.regex.exec(path) : null })).find((x) => x.m);
  const params = match ? Object.fromEntries(match.r.names.map((n, i) => [n, match.m![i + 1]!])) : {};
  const call: RecordedCall = {
    seq: state.calls.length,
    at,
    method,
    path,
    route: match?.r.route ?? 'unknown',
    params,
    query: Object.fromEntries(url.searchParams),
    body,
    status: 0,
    authorized: Boolean(auth),
  };
  state.calls.push(call);

  let reply: Reply;
  const failure = state.failures.find((f) => f.route === call.route && f.remaining > 0);
  if (failure) {
    failure.remaining -= 1;
    reply = failureReply(failure.failure);
  } else if (!match) {
    reply = error(404, 0, `404: Not Found (${method} ${path})`);
  } else if (!BOT_ROUTES.test(path) && auth !== `Bot ${state.token}`) {
    reply = error(401, 0, '401: Unauthorized');
  } else {
    reply = match.r.handler(state, call);
  }
  call.status = reply.status;
  res.writeHead(reply.status, {
    ...(reply.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...reply.headers,
  });
  res.end(reply.body !== undefined ? JSON.stringify(reply.body) : undefined);
  state.onCall(call);
}

function failureReply(failure: Failure): Reply {
  if (failure.status === 429 && 'retryAfter' in failure) {
    return {
      status: 429,
      headers: {
        'retry-after': String(failure.retryAfter),
        'x-ratelimit-scope': failure.global ? 'global' : 'user',
        ...(failure.global ? { 'x-ratelimit-global': 'true' } : {}),
      },
      body: {
        message: 'You are being rate limited.',
        retry_after: failure.retryAfter,
        global: Boolean(failure.global),
      },
    };
  }
  return {
    status: failure.status,
    body:
      'body' in failure && failure.body !== undefined
        ? failure.body
        : { code: 0, message: `${failure.status}: emulated failure` },
  };
}
