/**
 * What Slack sends an app, built and signed as Slack does, for both HTTP mode and Socket Mode tests.
 *
 *   slashCommandPayload({ command: '/summary', text: 'length:short', responseUrl })   // the form fields
 *   appMentionCallback({ text: '<@UBOT> who is quoted?', channel: 'C1', user: 'U1' })  // an event_callback body
 *   await postSigned(url, { secret, form: payload })          // x-www-form-urlencoded, signed now
 *   await postSigned(url, { secret, json: callback, timestamp: now - 600 })   // a stale signature
 *   signature(secret, timestamp, rawBody)                     // 'v0=' + HMAC-SHA256 of `v0:timestamp:body`
 */
import { createHmac } from 'node:crypto';

let counter = 0;
const nextId = (prefix: string) => `${prefix}${(++counter).toString(36).toUpperCase().padStart(6, '0')}`;

export interface SlashCommandFields {
  command: string;
  text?: string;
  responseUrl: string;
  user?: string;
  channel?: string;
  team?: string;
}

export function slashCommandPayload(f: SlashCommandFields): Record<string, string> {
  return {
    token: 'verification-token-unused',
    team_id: f.team ?? 'TLOOP',
    team_domain: 'loopback',
    channel_id: f.channel ?? 'CNEWS',
    channel_name: 'news',
    user_id: f.user ?? 'UALICE',
    user_name: 'alice',
    command: f.command,
    text: f.text ?? '',
    api_app_id: 'A0LOOP',
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: nextId('TRIG'),
  };
}

export interface MentionFields {
  text: string;
  user?: string;
  channel?: string;
  ts?: string;
  threadTs?: string;
  botId?: string;
  team?: string;
}

export function appMentionCallback(f: MentionFields): Record<string, unknown> {
  const ts = f.ts ?? `1700001000.${String(++counter).padStart(6, '0')}`;
  const event: Record<string, unknown> = {
    type: 'app_mention',
    user: f.user ?? 'UALICE',
    text: f.text,
    ts,
    channel: f.channel ?? 'CNEWS',
    event_ts: ts,
    ...(f.threadTs ? { thread_ts: f.threadTs } : {}),
    ...(f.botId ? { bot_id: f.botId, subtype: 'bot_message' } : {}),
  };
  return {
    token: 'verification-token-unused',
    team_id: f.team ?? 'TLOOP',
    api_app_id: 'A0LOOP',
    event,
    type: 'event_callback',
    event_id: nextId('Ev'),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: f.team ?? 'TLOOP', user_id: 'UBOT', is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedPost {
  secret: string;
  form?: Record<string, string>;
  json?: unknown;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Overrides the computed signature (to send a wrong one). */
  signature?: string;
  /** More headers, such as Slack's X-Slack-Retry-Num on a retried event. */
  headers?: Record<string, string>;
}

export async function postSigned(url: string, post: SignedPost): Promise<{ status: number; body: string }> {
  const body = post.form ? new URLSearchParams(post.form).toString() : JSON.stringify(post.json ?? {});
  const timestamp = post.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': post.form ? 'application/x-www-form-urlencoded' : 'application/json',
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': post.signature ?? signature(post.secret, timestamp, body),
      ...post.headers,
    },
    body,
  });
  return { status: response.status, body: await response.text() };
}
