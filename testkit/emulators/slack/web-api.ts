/**
 * A loopback Slack Web API (https://slack.com/api/<method>) for tests. It answers the methods the bot uses the way
 * Slack does and records every call, including the ones it refused.
 *
 *   const api = await startWebApiStub();       // { botUserId: 'UBOT', botId: 'BBOT', teamId: 'TLOOP' } by default
 *   config SLACK_API_URL = api.url             // http://127.0.0.1:<port>/api/
 *   api.socketUrl = socket.url                 // what apps.connections.open returns (Socket Mode)
 *   api.calls                                  // Recorder<ApiCall>: { seq, method, body, token, status, at }
 *   await api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.status === 200)
 *   api.rateLimitNext('chat.postMessage', 1)   // next call: HTTP 429 {ok:false,error:'ratelimited'}, Retry-After: 1
 *   api.failNext('chat.postMessage', 'not_in_channel')   // next call: HTTP 200 {ok:false,error}
 *   await api.close()
 *
 *   api.installs.set('code-1', { teamId: 'TTWO', botToken: 'xoxb-two' })  // what oauth.v2.access gives for a code
 *   api.delays.set('chat.postMessage', 40)      // every such call is answered 40 ms late (a slow Slack)
 *
 * Answered: auth.test (the installed team for an installed token), apps.connections.open, chat.postMessage,
 * chat.postEphemeral, oauth.v2.access (the codes in `installs`, else invalid_code); anything else gets
 * {ok:false,error:'unknown_method'}. Bodies are parsed from form encoding (what @slack/web-api sends, with nested
 * values such as `blocks` as JSON) or JSON. `token` is the bearer token (or the body's token field).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { arrival, Recorder } from './recorder.js';

export interface ApiCall {
  seq: number;
  method: string;
  body: Record<string, unknown>;
  token: string | undefined;
  /** The HTTP status the stub answered with (429 for a rate limit). */
  status: number;
  /** Arrival order across all emulators. */
  at: number;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

export interface WebApiStub {
  readonly url: string;
  readonly calls: Recorder<ApiCall>;
  /** Calls to one method, in arrival order. */
  callsTo(method: string): ApiCall[];
  socketUrl: string | undefined;
  /** OAuth codes the stub accepts, each the workspace it installs into. */
  readonly installs: Map<string, StubInstall>;
  /** Milliseconds to wait before answering a method. */
  readonly delays: Map<string, number>;
  rateLimitNext(method: string, retryAfterSeconds: number, times?: number): void;
  failNext(method: string, error: string, times?: number): void;
  close(): Promise<void>;
}

export interface StubInstall {
  teamId: string;
  botToken: string;
  botUserId?: string;
}

export interface WebApiStubOptions {
  botUserId?: string;
  botId?: string;
  teamId?: string;
}

export async function startWebApiStub(options: WebApiStubOptions = {}): Promise<WebApiStub> {
  const botUserId = options.botUserId ?? 'UBOT';
  const botId = options.botId ?? 'BBOT';
  const teamId = options.teamId ?? 'TLOOP';
  const calls = new Recorder<ApiCall>();
  const queued = new Map<string, Answer[]>();
  let seq = 0;
  let ts = 0;

  const stub: WebApiStub = {
    url: '',
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    socketUrl: undefined,
    installs: new Map(),
    delays: new Map(),
    rateLimitNext(method, retryAfterSeconds, times = 1) {
      for (let i = 0; i < times; i++) {
        enqueue(method, {
          status: 429,
          headers: { 'Retry-After': String(retryAfterSeconds) },
          body: { ok: false, error: 'ratelimited' },
        });
      }
    },
    failNext(method, error, times = 1) {
      for (let i = 0; i < times; i++) enqueue(method, { status: 200, body: { ok: false, error } });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  function enqueue(method: string, answer: Answer) {
    const list = queued.get(method) ?? [];
    list.push(answer);
    queued.set(method, list);
  }

  function standard(method: string, body: Record<string, unknown>, token: string | undefined): Answer {
    switch (method) {
      case 'auth.test': {
        const installed = [...stub.installs.values()].find((i) => i.botToken === token);
        return {
          status: 200,
          body: {
            ok: true,
            url: 'https://loopback.slack.test/',
            team: 'Loopback',
            user: 'bot',
            team_id: installed?.teamId ?? teamId,
            user_id: installed?.botUserId ?? botUserId,
            bot_id: botId,
          },
        };
      }
      case 'oauth.v2.access': {
        const install = typeof body.code === 'string' ? stub.installs.get(body.code) : undefined;
        if (!install) return { status: 200, body: { ok: false, error: 'invalid_code' } };
        return {
          status: 200,
          body: {
            ok: true,
            app_id: 'A0LOOP',
            authed_user: { id: 'UINSTALLER' },
            scope: 'app_mentions:read,chat:write,commands',
            token_type: 'bot',
            access_token: install.botToken,
            bot_user_id: install.botUserId ?? botUserId,
            team: { id: install.teamId, name: `Team ${install.teamId}` },
            enterprise: null,
            is_enterprise_install: false,
          },
        };
      }
      case 'apps.connections.open':
        return stub.socketUrl
          ? { status: 200, body: { ok: true, url: `${stub.socketUrl}?ticket=${seq}` } }
          : { status: 200, body: { ok: false, error: 'socket_url_not_set_in_stub' } };
      case 'chat.postMessage': {
        if (typeof body.channel !== 'string' || !body.channel)
          return { status: 200, body: { ok: false, error: 'channel_not_found' } };
        ts += 1;
        const stamp = `1700000000.${String(ts).padStart(6, '0')}`;
        return {
          status: 200,
          body: {
            ok: true,
            channel: body.channel,
            ts: stamp,
            message: { type: 'message', text: body.text, bot_id: botId, ts: stamp },
          },
        };
      }
      case 'chat.postEphemeral':
        if (typeof body.user !== 'string' || !body.user)
          return { status: 200, body: { ok: false, error: 'user_not_in_channel' } };
        ts += 1;
        return { status: 200, body: { ok: true, message_ts: `1700000000.${String(ts).padStart(6, '0')}` } };
      default:
        return { status: 200, body: { ok: false, error: 'unknown_method' } };
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type'] ?? '');
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const token = bearer ?? (typeof body.token === 'string' ? body.token : undefined);
      const answer = queued.get(method)?.shift() ?? standard(method, body, token);
      seq += 1;
      calls.push({ seq, method, body, token, status: answer.status, at: arrival() });
      const answerNow = () => {
        res.writeHead(answer.status, { 'Content-Type': 'application/json; charset=utf-8', ...answer.headers });
        res.end(JSON.stringify(answer.body));
      };
      const delay = stub.delays.get(method);
      if (delay) setTimeout(answerNow, delay);
      else answerNow();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  (stub as { url: string }).url = `http://127.0.0.1:${port}/api/`;
  return stub;
}

// The fields @slack/web-api sends as JSON inside a form body.
const NESTED = new Set(['blocks', 'attachments', 'metadata', 'unfurls']);

function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = NESTED.has(key) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
