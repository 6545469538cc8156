// The Slack side of the secrets test: in both modes the real Bolt app runs every command, meets a failing
// response_url, a refused post and a forged request, and no token or signing secret reaches a log line or any
// body sent to Slack.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { appMentionCallback, postSigned, slashCommandPayload } from '../../testkit/emulators/slack/requests.js';
import { APP_TOKEN, BOT_TOKEN, SECRET, startHarness, type Harness } from '../slack/harness.js';

const TEXT: Record<string, string> = { ask: 'who is quoted?', digest: 'preview', help: 'summary' };

async function command(h: Harness, mode: 'http' | 'socket', name: string, id: string): Promise<void> {
  const form = slashCommandPayload({
    command: `/${name}`,
    text: TEXT[name] ?? '',
    responseUrl: h.responses.urlFor(id),
  });
  if (mode === 'socket') h.socket!.sendSlashCommand(form);
  else await postSigned(h.eventsUrl, { secret: SECRET, form });
}

describe.each(['http', 'socket'] as const)('Slack secrets in %s mode', (mode) => {
  it('never appear in logs or in anything sent to Slack, through every command and failures', async () => {
    const h = await startHarness(mode);
    try {
      for (const c of commands) {
        await command(h, mode, c.name, `secret-${c.name}`);
        await h.responses.posts.waitFor((p) => p.id === `secret-${c.name}`);
      }
      // A response_url that fails: the reply falls back to the Web API.
      h.responses.failNext(500);
      await command(h, mode, 'brief', 'secret-fallback');
      await h.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.status === 200);
      // A post Slack refuses, with an error naming auth.
      h.api.failNext('chat.postMessage', 'invalid_auth');
      await expect(
        h.adapter.send('slack:CREFUSE', { sections: [{ blocks: [{ type: 'text', text: 'x' }] }] }),
      ).rejects.toThrow(/invalid_auth/);
      // A mention answered in a thread.
      const mention = appMentionCallback({ text: '<@UBOT> what happened?', channel: 'CMENTION' });
      if (mode === 'socket') h.socket!.sendEvent(mention);
      else await postSigned(h.eventsUrl, { secret: SECRET, json: mention });
      await h.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'CMENTION');
      // A forged request (HTTP mode only has a signature to forge).
      if (mode === 'http')
        expect(
          (
            await postSigned(h.eventsUrl, {
              secret: 'not-the-secret-at-all',
              form: slashCommandPayload({ command: '/help', responseUrl: h.responses.urlFor('forged') }),
            })
          ).status,
        ).toBe(401);

      const log = h.logs.join('');
      expect(log).toContain('invalid_auth');
      // A Web API call may carry the bot token as its credential (auth.test does); everything else is content.
      const content = (body: Record<string, unknown>) => JSON.stringify({ ...body, token: undefined });
      const sent = [
        ...h.api.calls.items.map((c) => `${c.method} ${content(c.body)}`),
        ...h.responses.posts.items.map((p) => `response_url ${content(p.body)}`),
      ];
      expect(sent.join('').length).toBeGreaterThan(1000);
      for (const secret of [BOT_TOKEN, APP_TOKEN, SECRET]) {
        expect(log.includes(secret), `${secret} in the log`).toBe(false);
        expect(
          sent.filter((b) => b.includes(secret)).map((b) => b.slice(0, 120)),
          'bodies sent to Slack',
        ).toEqual([]);
      }
    } finally {
      await h.close();
    }
  });
});
