// When Slack misbehaves: a response_url that fails falls back to the Web API (chat.postMessage for channel
// replies, chat.postEphemeral for private ones), and a `ratelimited` answer is retried after its Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessages } from '../../src/adapters/slack/render-blocks.js';
import type { Reply } from '../../src/core/reply.js';
import { appMentionCallback, postSigned, slashCommandPayload } from '../../testkit/emulators/slack/requests.js';
import { SECRET, slackCaller, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('http');
});
afterAll(async () => {
  await h?.close();
});

describe('Slack delivery when things fail', () => {
  it('posts a channel reply with chat.postMessage when the response_url refuses it', async () => {
    h.responses.failNext(404);
    await postSigned(h.eventsUrl, {
      secret: SECRET,
      form: slashCommandPayload({ command: '/summary', channel: 'CFALL', responseUrl: h.responses.urlFor('fallback') }),
    });
    const refused = await h.responses.posts.waitFor((p) => p.id === 'fallback');
    expect(refused.status).toBe(404);
    const posted = await h.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'CFALL');
    expect(posted.at).toBeGreaterThan(refused.at);
    const expected = renderMessages(await h.expect.runText('summary', '', slackCaller('UALICE', 'CFALL')));
    expect(posted.body.blocks).toEqual(expected[0]!.blocks);
    expect(h.api.callsTo('chat.postEphemeral').filter((c) => c.body.channel === 'CFALL')).toEqual([]);
  });

  it('keeps an ephemeral reply private: chat.postEphemeral to the caller, never chat.postMessage', async () => {
    h.responses.failAll(500);
    try {
      await postSigned(h.eventsUrl, {
        secret: SECRET,
        form: slashCommandPayload({
          command: '/help',
          channel: 'CPRIV',
          user: 'UERIN',
          responseUrl: h.responses.urlFor('private'),
        }),
      });
      const ephemeral = await h.api.calls.waitFor(
        (c) => c.method === 'chat.postEphemeral' && c.body.channel === 'CPRIV',
      );
      expect(ephemeral.body.user).toBe('UERIN');
      expect(ephemeral.body.blocks).toEqual(
        renderMessages(await h.expect.runText('help', '', slackCaller('UERIN', 'CPRIV')))[0]!.blocks,
      );
      expect(h.api.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CPRIV')).toEqual([]);
    } finally {
      h.responses.failAll(null);
    }
  });

  it('retries a rate-limited chat.postMessage after Retry-After, with the same message', async () => {
    h.api.rateLimitNext('chat.postMessage', 1);
    const callback = appMentionCallback({ text: '<@UBOT> anything new?', channel: 'CRATE' });
    await postSigned(h.eventsUrl, { secret: SECRET, json: callback });
    const done = await h.api.calls.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'CRATE' && c.status === 200,
    );
    const attempts = h.api.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CRATE');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]).toBe(done);
    expect(attempts[1]!.body).toEqual(attempts[0]!.body);
  });

  it('send() splits a long reply into several messages, in order, losing nothing, and waits out a rate limit', async () => {
    const items = Array.from({ length: 80 }, (_, i) => `Point ${i + 1}: ${'word '.repeat(40).trim()} end-${i + 1}`);
    const reply: Reply = {
      title: 'A long digest',
      sections: [{ blocks: items.map((text) => ({ type: 'text' as const, text })) }],
      footer: 'digest footer',
    };
    const expected = renderMessages(reply);
    expect(expected.length).toBeGreaterThan(1);
    h.api.rateLimitNext('chat.postMessage', 1);
    await h.adapter.send('CDIGEST', reply);
    const posted = h.api.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CDIGEST' && c.status === 200);
    expect(posted.map((c) => c.body.blocks)).toEqual(expected.map((m) => m.blocks));
    const all = JSON.stringify(posted.map((c) => c.body.blocks));
    for (let i = 1; i <= 80; i++) expect(all).toContain(`end-${i}`);
    expect(all).toContain('digest footer');
  });

  it("send() rejects with the channel and Slack's error when Slack refuses", async () => {
    h.api.failNext('chat.postMessage', 'not_in_channel');
    await expect(
      h.adapter.send('slack:CSHUT', { sections: [{ blocks: [{ type: 'text', text: 'hello' }] }] }),
    ).rejects.toThrow(/CSHUT.*not_in_channel/);
  });
});
