// Slack for many workspaces, end to end over loopback: two workspaces install the app through /slack/install and
// /slack/oauth_redirect (the Web API stub plays oauth.v2.access), their tokens land in the state database, each
// workspace's mention is answered with its own token, a digest-style send uses the token of the channel's
// workspace, and an event Slack sends again (here or to a second replica on the same database) is handled once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, EVENTS_PATH, type SlackAdapter } from '../../src/adapters/slack/index.js';
import { createRuntime, type Runtime } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { appMentionCallback, postSigned } from '../../testkit/emulators/slack/requests.js';
import { startWebApiStub, type WebApiStub } from '../../testkit/emulators/slack/web-api.js';
import { SEEDS, SECRET } from './harness.js';

const CLIENT_ID = '1234.5678';
const CLIENT_SECRET = 'loopback-client-secret-0123';

interface Replica {
  runtime: Runtime;
  adapter: SlackAdapter;
  base: string;
  logs: string[];
}

let api: WebApiStub;
let dir: string;
const replicas: Replica[] = [];

async function startReplica(): Promise<Replica> {
  const config = loadConfig({
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_API_URL: api.url,
    SLACK_PORT: '0',
    SLACK_RETRY_MS: '0',
    DATABASE_PATH: join(dir, 'state.db'),
    BRIEFING_CACHE: join(dir, 'cache.db'),
  });
  const logs: string[] = [];
  const log = createLogger({
    level: 'debug',
    secrets: config.secrets,
    destination: { write: (l: string) => logs.push(l) },
  });
  const runtime = await createRuntime(config, log, SEEDS);
  const adapter = await createSlackAdapter(runtime);
  await adapter.start();
  const replica = { runtime, adapter, base: `http://127.0.0.1:${adapter.port}`, logs };
  replicas.push(replica);
  return replica;
}

/** Walks a browser through the install: /slack/install redirects to Slack with a signed state and a cookie; Slack
 * sends the browser back to /slack/oauth_redirect with a code. */
async function install(replica: Replica, code: string): Promise<{ status: number; body: string }> {
  const start = await fetch(`${replica.base}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const location = new URL(start.headers.get('location')!);
  expect(location.searchParams.get('client_id')).toBe(CLIENT_ID);
  expect(location.searchParams.get('scope')).toContain('chat:write');
  const state = location.searchParams.get('state')!;
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0]!;
  const back = await fetch(`${replica.base}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
  });
  return { status: back.status, body: await back.text() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefbot-slack-oauth-'));
  api = await startWebApiStub();
  api.installs.set('code-one', { teamId: 'TONE', botToken: 'xoxb-team-one-token' });
  api.installs.set('code-two', { teamId: 'TTWO', botToken: 'xoxb-team-two-token' });
  await startReplica();
});

afterAll(async () => {
  for (const r of replicas) {
    await r.adapter.stop();
    await r.runtime.state.close();
  }
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Slack OAuth distribution', () => {
  it('installs two workspaces and keeps their tokens in the state database', async () => {
    const [a] = replicas;
    expect((await install(a!, 'code-one')).status).toBe(200);
    expect((await install(a!, 'code-two')).status).toBe(200);
    const db = a!.runtime.state.kind === 'sqlite' ? a!.runtime.state.db() : null;
    const rows = db!.prepare('SELECT workspace, team_id FROM slack_installations ORDER BY workspace').all();
    expect(rows).toEqual([
      { workspace: 'TTONE', team_id: 'TONE' },
      { workspace: 'TTTWO', team_id: 'TTWO' },
    ]);
    // The exchange went to the Web API with the app's credentials, never logged.
    expect(api.callsTo('oauth.v2.access').map((c) => c.body.code)).toEqual(['code-one', 'code-two']);
    expect(a!.logs.join('\n')).not.toContain(CLIENT_SECRET);
    expect(a!.logs.join('\n')).not.toContain('xoxb-team-two-token');
  });

  it('refuses a callback whose state was not issued by the app, and stores nothing', async () => {
    const [a] = replicas;
    api.installs.set('code-forged', { teamId: 'TFORGED', botToken: 'xoxb-forged-token' });
    const res = await fetch(`${a!.base}/slack/oauth_redirect?code=code-forged&state=made-up-state`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    const db = a!.runtime.state.kind === 'sqlite' ? a!.runtime.state.db() : null;
    expect(db!.prepare("SELECT COUNT(*) AS n FROM slack_installations WHERE team_id = 'TFORGED'").get()).toEqual({
      n: 0,
    });
  });

  it('shows a failure, and stores nothing, when Slack refuses the code', async () => {
    const [a] = replicas;
    const back = await install(a!, 'code-nobody-issued');
    expect(back.status).toBeGreaterThanOrEqual(400);
    const db = a!.runtime.state.kind === 'sqlite' ? a!.runtime.state.db() : null;
    expect(db!.prepare('SELECT COUNT(*) AS n FROM slack_installations').get()).toEqual({ n: 2 });
    expect(a!.logs.join('\n')).not.toContain(CLIENT_SECRET);
  });

  it("answers each workspace's mention with that workspace's own token", async () => {
    const [a] = replicas;
    const before = api.callsTo('chat.postMessage').length;
    const res = await postSigned(`${a!.base}${EVENTS_PATH}`, {
      secret: SECRET,
      json: appMentionCallback({ text: '<@UBOT> help', team: 'TTWO', channel: 'CTWONEWS' }),
    });
    expect(res.status).toBe(200);
    const post = await api.calls.waitFor(
      (c) => c.method === 'chat.postMessage' && c.seq > before && c.body.channel === 'CTWONEWS',
    );
    expect(post.token).toBe('xoxb-team-two-token');
  });

  it("posts unprompted (a digest) with the token of the channel's workspace", async () => {
    const [a] = replicas;
    await a!.adapter.send('slack:CTWONEWS', {
      title: 'Digest',
      sections: [{ blocks: [{ type: 'text', text: 'Morning digest' }] }],
    });
    const post = api
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === 'CTWONEWS')
      .at(-1)!;
    expect(post.token).toBe('xoxb-team-two-token');
    // A channel no request has come from, with two workspaces installed, is a clear error, not a guess.
    await expect(
      a!.adapter.send('slack:CUNSEEN', { title: 'x', sections: [{ blocks: [{ type: 'text', text: 'x' }] }] }),
    ).rejects.toThrow(/has not been seen in any installed workspace/);
  });

  it('handles an event Slack sends again once, on this replica or another on the same database', async () => {
    const b = await startReplica();
    const event = appMentionCallback({ text: '<@UBOT> help', team: 'TONE', channel: 'CONEDESK' });
    const posts = () => api.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CONEDESK');
    expect((await postSigned(`${replicas[0]!.base}${EVENTS_PATH}`, { secret: SECRET, json: event })).status).toBe(200);
    await api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'CONEDESK');
    // Slack's retries: the same event id, to the same replica and to the other one.
    for (const target of [replicas[0]!, b]) {
      const res = await postSigned(`${target.base}${EVENTS_PATH}`, {
        secret: SECRET,
        json: event,
        headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
      });
      expect(res.status).toBe(200);
    }
    // A new event in the same channel is still answered, so the retries above had their chance to post first.
    await postSigned(`${b.base}${EVENTS_PATH}`, {
      secret: SECRET,
      json: appMentionCallback({ text: '<@UBOT> help', team: 'TONE', channel: 'CONEDESK' }),
    });
    await api.calls.waitFor(() => posts().length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    expect(posts()).toHaveLength(2);
    expect(posts().every((p) => p.token === 'xoxb-team-one-token')).toBe(true);
    expect(b.logs.join('\n') + replicas[0]!.logs.join('\n')).toContain('already handled');
  });
});

describe('Slack OAuth settings', () => {
  it('names what is missing or clashing', () => {
    const base = { SLACK_SIGNING_SECRET: SECRET };
    expect(() => loadConfig({ ...base, SLACK_CLIENT_ID: CLIENT_ID })).toThrow(/SLACK_CLIENT_SECRET is needed/);
    expect(() =>
      loadConfig({
        ...base,
        SLACK_CLIENT_ID: CLIENT_ID,
        SLACK_CLIENT_SECRET: CLIENT_SECRET,
        SLACK_BOT_TOKEN: 'xoxb-1',
      }),
    ).toThrow(ConfigError);
    expect(() => loadConfig({ SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET })).toThrow(
      /SLACK_SIGNING_SECRET is needed/,
    );
    const ok = loadConfig({ ...base, SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET });
    expect(ok.slack).toEqual({ enabled: true, mode: 'http', oauth: true });
    expect(ok.secrets).toContain(CLIENT_SECRET);
  });
});
