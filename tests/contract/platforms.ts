// The four harnesses of the contract: the console adapter on in-memory streams, the Discord adapter on the gateway
// emulator, and the Slack adapter in HTTP mode and in Socket Mode on the loopback Slack emulators. Each starts one
// adapter, with one bot over the given library, and is reused by every scenario.
import { PassThrough, Writable } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';
import { commands } from '../../commands/index.js';
import { ConsoleAdapter } from '../../src/adapters/console/console.js';
import { consoleCaller } from '../../src/core/caller.js';
import { renderText } from '../../src/adapters/console/render-text.js';
import { renderReply } from '../../src/adapters/discord/render.js';
import { slashCommand } from '../../src/adapters/slack/command-names.js';
import { renderMessages, type SlackMessage } from '../../src/adapters/slack/render-blocks.js';
import type { RawOptions } from '../../src/core/options.js';
import type { Reply } from '../../src/core/reply.js';
import type { Library } from '../../src/library/library.js';
import { createLogger } from '../../src/log.js';
import { loadConfig } from '../../src/config.js';
import { testRuntime } from '../adapters/test-runtime.js';
import { startBot } from '../discord/fixtures.js';
import { answerOf, bodyText, privateFlags } from '../discord/helpers.js';
import {
  messageProblems,
  startDiscordEmulator,
  TEST_USER,
  type RecordedCall,
} from '../../testkit/emulators/discord/index.js';
import { Recorder } from '../../testkit/emulators/slack/recorder.js';
import { appMentionCallback, postSigned, slashCommandPayload } from '../../testkit/emulators/slack/requests.js';
import { slackTexts } from '../hardening/payload-checks.js';
import { SECRET, slackCaller, startHarness } from '../slack/harness.js';
import { optionsText, wire, type Delivery, type PlatformHarness } from './harness.js';

const EPHEMERAL = 64;
const NO_PINGS = { parse: [], replied_user: false };

export async function consoleHarness(library: Library): Promise<PlatformHarness> {
  const config = loadConfig({});
  const log = createLogger({ level: 'silent', secrets: config.secrets, destination: { write: () => {} } });
  const runtime = testRuntime(config, log, library, commands);
  const { bot } = runtime;
  const input = new PassThrough();
  const written = new Recorder<string>();
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      written.push(String(chunk));
      done();
    },
  });
  const adapter = new ConsoleAdapter(runtime, { input, output, interactive: false });
  await adapter.start();
  // Each reply is one write: the rendered text and a blank line.
  const typed = async (line: string, messages: number): Promise<Delivery> => {
    const from = written.items.length;
    input.write(`${line}\n`);
    const chunks = (await written.waitForCount(from + messages)).slice(from);
    return { bodies: chunks, texts: chunks, private: chunks.map(() => null), problems: [] };
  };
  return {
    name: 'console',
    caller: consoleCaller,
    options: 'text',
    privateReplies: false,
    render: (reply) => [`${renderText(reply)}\n\n`],
    command: (name, options, messages) => typed(`/${name} ${optionsText(options)}`, messages),
    mention: (text, messages) => typed(`@briefbot ${text}`, messages),
    async close() {
      input.end();
      await adapter.finished();
    },
  };
}

export async function discordHarness(library: Library): Promise<PlatformHarness> {
  const emu = await startDiscordEmulator();
  const session = emu.sessionReady();
  const running = await startBot(emu, { library, commands });
  await session;
  const messagesOnly = (calls: RecordedCall[], problems: string[]): Pick<Delivery, 'bodies' | 'texts'> => {
    for (const [i, call] of calls.entries()) {
      problems.push(...messageProblems(call.body).map((p) => `message ${i}: ${p}`));
      if (!isDeepStrictEqual((call.body as { allowed_mentions?: unknown }).allowed_mentions, NO_PINGS))
        problems.push(`message ${i} allows mentions`);
    }
    return {
      bodies: calls.map((c) => ({ embeds: (c.body as { embeds: unknown }).embeds })),
      texts: calls.map((c) => bodyText(c.body)),
    };
  };
  return {
    name: 'discord',
    caller: {
      platform: 'discord',
      userId: TEST_USER.id,
      channelId: `discord:${emu.world.channelId}`,
      isAdmin: false,
      guildId: emu.world.guildId,
    },
    options: 'typed',
    privateReplies: true,
    render: (reply) => wire(renderReply(reply)),
    async command(name, options, messages) {
      const { token } = emu.sendChatInput(name, options as Record<string, string | number | boolean>);
      const answer = await answerOf(emu, token, messages);
      const problems: string[] = [];
      const callback = answer.callback.body as { type: number; data?: { flags?: number } };
      // Deferred first, privately exactly when the command is declared private.
      if (callback.type !== 5) problems.push(`callback type ${callback.type}, not a deferred reply (5)`);
      if (Boolean((callback.data?.flags ?? 0) & EPHEMERAL) !== Boolean(running.runtime.bot.find(name)?.ephemeral))
        problems.push('deferred with the wrong privacy');
      for (const c of answer.all) if (c.status >= 300) problems.push(`${c.route} answered ${c.status}`);
      return { ...messagesOnly(answer.messages, problems), private: privateFlags(answer), problems };
    },
    async mention(text, messages) {
      const from = emu.calls.length;
      emu.sendMessage(`${emu.mentionOfBot()} ${text}`);
      const posted = () => emu.calls.slice(from).filter((c) => c.route === 'POST /channels/:channel/messages');
      while (posted().length < messages)
        await emu.waitForCall('POST /channels/:channel/messages', { from: emu.calls.length });
      const calls = posted();
      const problems = calls.filter((c) => c.status !== 200).map((c) => `${c.route} answered ${c.status}`);
      if (!(calls[0]?.body as { message_reference?: unknown } | undefined)?.message_reference)
        problems.push('the answer is not a reply to the mention');
      return { ...messagesOnly(calls, problems), private: calls.map(() => false), problems };
    },
    async close() {
      await running.stop();
      await emu.close();
    },
  };
}

const slackBodies = (bodies: Array<Record<string, unknown>>) => bodies.map((b) => ({ text: b.text, blocks: b.blocks }));
const slackShown = (bodies: Array<Record<string, unknown>>) =>
  bodies.map((b) =>
    slackTexts([b as unknown as SlackMessage])
      .map((t) => t.text)
      .join('\n'),
  );

export async function slackHarness(mode: 'http' | 'socket', library: Library): Promise<PlatformHarness> {
  const h = await startHarness(mode, {}, library);
  if (h.socket) await h.socket.connections.waitForCount(1);
  let sent = 0;
  /** Delivers a request the way the mode does: a signed POST, or an envelope the client must ack. */
  const deliver = async (kind: 'command' | 'event', body: Record<string, unknown>): Promise<string[]> => {
    if (h.socket) {
      const id = kind === 'command' ? h.socket.sendSlashCommand(body) : h.socket.sendEvent(body);
      await h.socket.acks.waitFor((a) => a.envelope_id === id);
      return [];
    }
    const res = await postSigned(h.eventsUrl, {
      secret: SECRET,
      ...(kind === 'command' ? { form: body as Record<string, string> } : { json: body }),
    });
    return res.status === 200 ? [] : [`the request was answered ${res.status}`];
  };
  return {
    name: `slack ${mode}`,
    caller: slackCaller(),
    options: 'text',
    privateReplies: true,
    render: (reply: Reply) => wire(renderMessages(reply).map((m) => ({ text: m.text, blocks: m.blocks }))),
    async command(name: string, options: RawOptions, messages: number) {
      const id = `contract-${mode}-${++sent}`;
      const problems = await deliver(
        'command',
        slashCommandPayload({
          command: slashCommand(name),
          text: optionsText(options),
          responseUrl: h.responses.urlFor(id),
        }),
      );
      const posts = await h.responses.posts.waitForCount(messages, (p) => p.id === id);
      problems.push(...posts.filter((p) => p.status !== 200).map((p) => `response_url answered ${p.status}`));
      const bodies = posts.map((p) => p.body);
      return {
        bodies: slackBodies(bodies),
        texts: slackShown(bodies),
        private: bodies.map((b) => b.response_type === 'ephemeral'),
        problems,
      };
    },
    async mention(text: string, messages: number) {
      const callback = appMentionCallback({ text: `<@UBOT> ${text}` });
      const ts = (callback.event as { ts: string }).ts;
      const problems = await deliver('event', callback);
      const posts = await h.api.calls.waitForCount(
        messages,
        (c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts,
      );
      problems.push(...posts.filter((p) => p.status !== 200).map((p) => `chat.postMessage answered ${p.status}`));
      const bodies = posts.map((p) => p.body);
      return { bodies: slackBodies(bodies), texts: slackShown(bodies), private: bodies.map(() => false), problems };
    },
    close: () => h.close(),
  };
}
