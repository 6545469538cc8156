// Socket Mode end to end: the product's real Bolt App opens apps.connections.open on the Web API stub, connects to
// the loopback WebSocket, acks each envelope by its envelope_id, replies, and survives `disconnect` messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessages } from '../../src/adapters/slack/render-blocks.js';
import { appMentionCallback, slashCommandPayload } from '../../testkit/emulators/slack/requests.js';
import { APP_TOKEN, slackCaller, startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('socket');
});
afterAll(async () => {
  await h?.close();
});

describe('Slack Socket Mode', () => {
  it('opens the connection with the app token and is greeted', async () => {
    const opens = h.api.callsTo('apps.connections.open');
    expect(opens.length).toBe(1);
    expect(opens[0]!.token).toBe(APP_TOKEN);
    await h.socket!.connections.waitForCount(1);
  });

  it('acks a slash-command envelope with its envelope_id and answers on the response_url', async () => {
    const id = h.socket!.sendSlashCommand(
      slashCommandPayload({
        command: '/summary',
        text: 'length:long',
        responseUrl: h.responses.urlFor('sock-summary'),
      }),
    );
    const ack = await h.socket!.acks.waitFor((a) => a.envelope_id === id);
    expect(ack.envelope_id).toBe(id);
    const post = await h.responses.posts.waitFor((p) => p.id === 'sock-summary');
    const expected = await h.expect.runText('summary', 'length:long', slackCaller());
    expect(post.body.blocks).toEqual(renderMessages(expected)[0]!.blocks);
    expect(post.body.response_type).toBe('in_channel');
    // Acknowledged before the work is done, not after.
    expect(ack.at).toBeLessThan(post.at);
  });

  it('acks an event envelope and answers the mention in its thread', async () => {
    const callback = appMentionCallback({
      text: '<@UBOT> what happened next?',
      channel: 'CSOCK',
      user: 'UDAVE',
      threadTs: '1700000999.000001',
    });
    const id = h.socket!.sendEvent(callback);
    await h.socket!.acks.waitFor((a) => a.envelope_id === id);
    const post = await h.api.calls.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === 'CSOCK');
    // A mention inside a thread is answered in that thread, not under the mention itself.
    expect(post.body.thread_ts).toBe('1700000999.000001');
    const expected = await h.expect.mention('what happened next?', slackCaller('UDAVE', 'CSOCK'));
    expect(post.body.blocks).toEqual(renderMessages(expected)[0]!.blocks);
  });

  // Bolt's client waits about five seconds before reconnecting (its ping timeout), so each case takes that long;
  // the two run side by side on their own servers.
  it.concurrent.each(['refresh_requested', 'link_disabled'] as const)(
    'survives a %s disconnect and handles the next envelope',
    async (reason) => {
      const own = await startHarness('socket');
      try {
        const socket = own.socket!;
        await socket.connections.waitForCount(1);
        socket.disconnect(reason);
        const [, second] = await socket.connections.waitForCount(2);
        expect(own.api.callsTo('apps.connections.open').length).toBe(2);
        const id = socket.sendSlashCommand(
          slashCommandPayload({ command: '/stories', responseUrl: own.responses.urlFor(reason) }),
        );
        const ack = await socket.acks.waitFor((a) => a.envelope_id === id);
        expect(ack.connection).toBe(second!.index);
        const post = await own.responses.posts.waitFor((p) => p.id === reason);
        expect(post.body.blocks).toEqual(
          renderMessages(await own.expect.runText('stories', '', slackCaller()))[0]!.blocks,
        );
      } finally {
        await own.close();
      }
    },
  );

  it.concurrent('stops cleanly while reconnecting, before the new connection says hello', async () => {
    const own = await startHarness('socket');
    const socket = own.socket!;
    socket.disconnect('refresh_requested');
    // The server has greeted the new connection, but the client has not read the hello yet.
    await socket.connections.waitForCount(2);
    await own.close();
    // An unhandled rejection from Bolt's client here would fail the run (vitest reports it as an error).
    expect(own.api.callsTo('apps.connections.open').length).toBe(2);
  });
});
