// HTTP mode end to end: signed requests into the product's real Bolt App (HTTPReceiver on a free port), replies
// landing on the loopback response_url server and Web API stub. Nothing here talks to Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessages } from '../../src/adapters/slack/render-blocks.js';
import {
  appMentionCallback,
  postSigned,
  signature,
  slashCommandPayload,
} from '../../testkit/emulators/slack/requests.js';
import { BOT_TOKEN, SECRET, slackCaller, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('http');
});
afterAll(async () => {
  await h?.close();
});

describe('Slack HTTP mode', () => {
  it('checks the bot token with auth.test before listening', () => {
    const authTests = h.api.callsTo('auth.test');
    expect(authTests.length).toBeGreaterThanOrEqual(1);
    expect(authTests[0]!.token).toBe(BOT_TOKEN);
    expect(h.adapter.port).toBeGreaterThan(0);
  });

  it('answers url_verification with the challenge', async () => {
    const res = await postSigned(h.eventsUrl, {
      secret: SECRET,
      json: { token: 'x', challenge: 'challenge-7f3a', type: 'url_verification' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('challenge-7f3a');
  });

  it('parses options from the command text as the console does, quotes included', async () => {
    const id = 'http-options';
    const text = 'length:short story:"no such story anywhere"';
    await postSigned(h.eventsUrl, {
      secret: SECRET,
      form: slashCommandPayload({ command: '/summary', text, responseUrl: h.responses.urlFor(id) }),
    });
    const post = await h.responses.posts.waitFor((p) => p.id === id);
    const call = h.botCalls.find((c) => c.kind === 'runText' && c.text === text);
    expect(call?.name).toBe('summary');
    expect(call?.caller).toEqual(slackCaller());
    const expected = await h.expect.runText('summary', text, slackCaller());
    expect(post.body.blocks).toEqual(renderMessages(expected)[0]!.blocks);
  });

  it('answers a bad option with an ephemeral error that names it', async () => {
    const id = 'http-bad-option';
    await postSigned(h.eventsUrl, {
      secret: SECRET,
      form: slashCommandPayload({ command: '/summary', text: 'length:huge', responseUrl: h.responses.urlFor(id) }),
    });
    const post = await h.responses.posts.waitFor((p) => p.id === id);
    expect(post.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(post.body.blocks)).toContain('huge');
  });

  it('refuses a bad signature, and the handler never runs', async () => {
    const before = h.botCalls.length;
    const id = 'http-forged';
    const res = await postSigned(h.eventsUrl, {
      secret: SECRET,
      form: slashCommandPayload({ command: '/brief', responseUrl: h.responses.urlFor(id) }),
      signature: signature('not-the-secret', Math.floor(Date.now() / 1000), 'anything'),
    });
    expect(res.status).toBe(401);
    expect(h.botCalls.length).toBe(before);
    expect(h.responses.posts.filter((p) => p.id === id)).toEqual([]);
  });

  it('refuses a request signed more than five minutes ago, and the handler never runs', async () => {
    const before = h.botCalls.length;
    const id = 'http-stale';
    // Correctly signed, but for a timestamp six minutes old: a replayed request.
    const res = await postSigned(h.eventsUrl, {
      secret: SECRET,
      form: slashCommandPayload({ command: '/brief', responseUrl: h.responses.urlFor(id) }),
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(res.status).toBe(401);
    expect(h.botCalls.length).toBe(before);
  });

  it('answers an app_mention in a thread through the question command, without the mention', async () => {
    const callback = appMentionCallback({
      text: '<@UBOT> who is quoted in the story?',
      channel: 'CNEWS',
      user: 'UBOB',
    });
    const event = callback.event as { ts: string };
    const res = await postSigned(h.eventsUrl, { secret: SECRET, json: callback });
    expect(res.status).toBe(200);
    const post = await h.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === event.ts);
    expect(post.body.channel).toBe('CNEWS');
    expect(post.token).toBe(BOT_TOKEN);
    const call = h.botCalls.find((c) => c.kind === 'mention' && c.caller.userId === 'UBOB');
    expect(call?.text).toBe('who is quoted in the story?');
    const expected = await h.expect.mention('who is quoted in the story?', slackCaller('UBOB'));
    expect(post.body.blocks).toEqual(renderMessages(expected)[0]!.blocks);
  });

  it('ignores mentions posted by bots', async () => {
    const fromBot = appMentionCallback({ text: '<@UBOT> loop?', botId: 'BOTHER', user: 'UOTHERBOT' });
    const fromPerson = appMentionCallback({ text: '<@UBOT> and now?', user: 'UCAROL' });
    await postSigned(h.eventsUrl, { secret: SECRET, json: fromBot });
    await postSigned(h.eventsUrl, { secret: SECRET, json: fromPerson });
    await h.api.calls.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === (fromPerson.event as { ts: string }).ts,
    );
    expect(h.botCalls.filter((c) => c.caller.userId === 'UOTHERBOT')).toEqual([]);
    expect(h.api.calls.filter((c) => c.body.thread_ts === (fromBot.event as { ts: string }).ts)).toEqual([]);
  });

  it('marks admins from SLACK_ADMIN_USER_IDS only', async () => {
    const admin = await startHarness('http', { SLACK_ADMIN_USER_IDS: 'UADMIN' });
    try {
      for (const user of ['UADMIN', 'UALICE']) {
        await postSigned(admin.eventsUrl, {
          secret: SECRET,
          form: slashCommandPayload({ command: '/stories', user, responseUrl: admin.responses.urlFor(user) }),
        });
        await admin.responses.posts.waitFor((p) => p.id === user);
      }
      expect(admin.botCalls.map((c) => [c.caller.userId, c.caller.isAdmin])).toEqual([
        ['UADMIN', true],
        ['UALICE', false],
      ]);
    } finally {
      await admin.close();
    }
  });

  it('serves prefixed commands (/bb-summary) when SLACK_COMMAND_PREFIX is set', async () => {
    const prefixed = await startHarness('http', { SLACK_COMMAND_PREFIX: 'bb' });
    try {
      await postSigned(prefixed.eventsUrl, {
        secret: SECRET,
        form: slashCommandPayload({ command: '/bb-summary', responseUrl: prefixed.responses.urlFor('bb') }),
      });
      const post = await prefixed.responses.posts.waitFor((p) => p.id === 'bb');
      expect(prefixed.botCalls[0]?.name).toBe('summary');
      expect(post.body.blocks).toEqual(
        renderMessages(await prefixed.expect.runText('summary', '', slackCaller()))[0]!.blocks,
      );

      // Help names the commands as this workspace registered them.
      await postSigned(prefixed.eventsUrl, {
        secret: SECRET,
        form: slashCommandPayload({ command: '/bb-help', responseUrl: prefixed.responses.urlFor('help') }),
      });
      const help = JSON.stringify((await prefixed.responses.posts.waitFor((p) => p.id === 'help')).body);
      expect(help).toContain('/bb-summary');
      expect(help).not.toMatch(/[^-]\/summary\b/);
    } finally {
      await prefixed.close();
    }
  });
});
