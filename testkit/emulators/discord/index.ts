// A loopback Discord: gateway (WebSocket, JSON, uncompressed) and REST API v10 on one 127.0.0.1 port, so the
// product's real discord.js Client can be pointed at it with DISCORD_API_URL and driven end to end.
// API
//   const emu = await startDiscordEmulator({ token: 'x.y.z' });
//   emu.restUrl            → pass as DISCORD_API_URL ('http://127.0.0.1:<port>/api'; discord.js adds '/v10').
//   emu.gatewayUrl         → what GET /gateway/bot answers ('ws://127.0.0.1:<port>/gateway').
//   emu.world              → ids: applicationId, botUser, guildId, channelId, ownerId …; world.guilds (the first
//                            is guildId), world.shardCount. { shards: 4 } serves 4 shards, one guild on each.
//   emu.shardOf(guildId) → (guild_id >> 22) % shardCount; emu.guildOnShard(id) → the first guild on that shard.
//   emu.calls              → every REST request, in order (RecordedCall: route, params, query, body, status, at).
//   emu.gateway            → connections (query, identify intents, identify|resume, shard), payloads received,
//                            `replaced` (connections that took over a shard whose session was open), liveShards,
//                            gateway.waitForPayload(p => p.op === 1, n) to await the n-th heartbeat from now.
//   emu.interactions       → per interaction: dispatchedAt / callbackAt (performance.now()), callback type.
//   emu.commands           → registered commands: 'global' or 'guild:<id>' → array.
//   emu.sessionReady()     → resolves at the next READY or RESUMED (call before the client logs in/reconnects).
//   emu.sendChatInput(name, options?, { admin?, user?, guild? }) → INTERACTION_CREATE type 2; returns { id, token }.
//   emu.sendAutocomplete(name, options, focusedName)        → INTERACTION_CREATE type 4; returns { id, token }.
//   emu.sendMessage(content, { author?, guild? })  → MESSAGE_CREATE (mentions parsed from the content), in the
//                            first guild or the named one (an id), on that guild's shard; returns { id }.
//   emu.mentionOfBot()     → '<@botId>', for building mention messages.
//   emu.dropConnection(code?, shard?) → no code: terminate (network failure); a code: close frame; all shards or one.
//   emu.failNext(route, n, failure) → the next n calls on a route (e.g. 'POST /channels/:channel/messages')
//                            answer { status: 429, retryAfter: 0.2 } (Retry-After header) or { status: 500 }.
//   emu.waitForCall(match, { from?, timeoutMs? }) → the first call (from index `from`) matching a route string
//                            or predicate, now or later; rejects after timeoutMs (default 10 s) listing calls seen.
//   emu.callsFor(tokenOrRoute) → calls whose params.token equals it, or whose route equals it.
//   emu.publicKey          → the application's Ed25519 public key (hex), for DISCORD_PUBLIC_KEY.
//   emu.postInteraction(url, name, options?, { admin?, type?, focused? }, post?) → signs and POSTs an interaction
//                            (type 2 command, 4 autocomplete, 1 PING) to a bot's HTTP endpoint, as Discord does;
//                            a 200 answer is recorded as its callback. Returns { id, token, status, body }.
//   emu.close()
// Every message body is checked against Discord's limits (limits.ts); a breach is answered 400/50035 as Discord does.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gateway } from './gateway.js';
import { guildOf, guildOnShard, makeGuilds, shardOf, type Guild } from './guilds.js';
import {
  interaction,
  messageCreate,
  optionType,
  snowflake,
  user,
  MEMBER_PERMISSIONS,
  ADMIN_PERMISSIONS,
  type ApiUser,
  type OptionValue,
  type World,
} from './payloads.js';
import { postSigned, signingKeys, type PostOptions, type PostResult, type SigningKeys } from './http-interactions.js';
import { handleRest, type Failure, type InteractionRecord, type RecordedCall, type RestState } from './rest.js';

import type { DiscordEmulator, DiscordEmulatorOptions } from './types.js';

export type { ApiUser, Failure, Guild, InteractionRecord, PostOptions, RecordedCall, SigningKeys, World };
export type { DiscordEmulator, DiscordEmulatorOptions };
export { shardOf, signingKeys };
export { LIMITS, messageProblems } from './limits.js';

const matches = (match: string | ((call: RecordedCall) => boolean), call: RecordedCall) =>
  typeof match === 'string' ? call.route === match : match(call);

export const TEST_USER = user('200000000000000001', 'reader');

export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const token = options.token ?? 'MTAw.emulator.token';
  const shardCount = Math.max(1, Math.floor(options.shards ?? 1));
  const guilds = makeGuilds('300000000000000001', options.guilds ?? shardCount);
  const world: World = {
    applicationId: '100000000000000001',
    botUser: user('100000000000000001', options.botName ?? 'briefbot', true),
    guildId: guilds[0]!.id,
    guildName: guilds[0]!.name,
    ownerId: '200000000000000099',
    channelId: guilds[0]!.channelId,
    channelName: guilds[0]!.channelName,
    everyonePermissions: MEMBER_PERMISSIONS,
    otherChannels: new Set(options.otherChannels ?? []),
    guilds,
    shardCount,
  };
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;
  const waiters = new Set<(call: RecordedCall) => void>();
  const state: RestState = {
    world,
    token,
    gatewayUrl,
    calls: [],
    interactions: new Map(),
    commands: new Map(),
    failures: [],
    onCall: (call) => {
      for (const waiter of [...waiters]) waiter(call);
    },
  };
  const keys = await signingKeys();
  const gateway = new Gateway(world, token, gatewayUrl, options.heartbeatIntervalMs ?? 41_250);
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/api/v10/')) {
      handleRest(state, req, res, '/api/v10').catch((err: unknown) => {
        res.writeHead(500);
        res.end(String(err));
      });
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  server.on('upgrade', (req, socket, head) => {
    if (req.url?.startsWith('/gateway')) gateway.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const commandId = (name: string) => {
    const all = [...state.commands.values()].flat() as Array<{ id: string; name: string }>;
    return all.find((c) => c.name === name)?.id ?? snowflake();
  };

  const buildInteraction = (
    type: 1 | 2 | 4,
    name: string,
    values: Record<string, OptionValue>,
    focused: string | null,
    as: { admin?: boolean; user?: ApiUser; guild?: string } = {},
  ) => {
    const id = snowflake();
    // Real interaction tokens are long opaque strings; tests check that none reaches the logs.
    const interactionToken = `aW50ZXJhY3Rpb246${id}${randomBytes(96).toString('base64url')}`;
    const record: InteractionRecord = {
      id,
      token: interactionToken,
      type,
      commandName: name,
      dispatchedAt: null,
      callbackAt: null,
      callbackType: null,
      ephemeral: false,
    };
    state.interactions.set(interactionToken, record);
    const opts = Object.entries(values).map(([k, value]) => ({
      name: k,
      type: optionType(value),
      value,
      ...(k === focused ? { focused: true } : {}),
    }));
    const payload = interaction(
      world,
      {
        type,
        commandName: name,
        options: opts,
        caller: as.user ?? TEST_USER,
        permissions: as.admin ? ADMIN_PERMISSIONS : MEMBER_PERMISSIONS,
        commandId: commandId(name),
      },
      id,
      interactionToken,
      guildOf(world, as.guild),
    );
    return { id, interactionToken, record, payload };
  };

  const sendInteraction = (
    type: 2 | 4,
    name: string,
    values: Record<string, OptionValue>,
    focused: string | null,
    as: { admin?: boolean; user?: ApiUser; guild?: string } = {},
  ) => {
    const { id, interactionToken, record, payload } = buildInteraction(type, name, values, focused, as);
    gateway.dispatch('INTERACTION_CREATE', payload, () => {
      record.dispatchedAt = performance.now();
    });
    return { id, token: interactionToken };
  };

  return {
    restUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl: gatewayUrl(),
    token,
    world,
    calls: state.calls,
    gateway,
    interactions: state.interactions,
    commands: state.commands,
    sessionReady: () => gateway.nextSession(),
    sendChatInput: (name, values = {}, as = {}) => sendInteraction(2, name, values, null, as),
    sendAutocomplete: (name, values, focused) => sendInteraction(4, name, values, focused),
    sendMessage: (content, from = {}) => {
      const guild = guildOf(world, from.guild);
      const message = messageCreate(world, content, from.author ?? TEST_USER, [world.botUser, TEST_USER], guild);
      gateway.dispatch('MESSAGE_CREATE', message);
      return { id: message.id };
    },
    mentionOfBot: () => `<@${world.botUser.id}>`,
    shardOf: (guildId) => shardOf(guildId, shardCount),
    guildOnShard: (shard) => guildOnShard(world, shard),
    dropConnection: (code, shard) => gateway.drop(code, shard),
    failNext: (route, count, failure) => {
      state.failures.push({ route, remaining: count, failure });
    },
    waitForCall: (match, { from = 0, timeoutMs = 10_000 } = {}) => {
      const seen = state.calls.slice(from).find((c) => c.status !== 0 && matches(match, c));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          const recent =
            state.calls
              .slice(from)
              .map((c) => `${c.route} ${c.status}`)
              .join(', ') || 'none';
          reject(new Error(`No matching Discord call within ${timeoutMs} ms; calls since #${from}: ${recent}`));
        }, timeoutMs);
        const waiter = (call: RecordedCall) => {
          if (call.seq < from || !matches(match, call)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(call);
        };
        waiters.add(waiter);
      });
    },
    callsFor: (key) => state.calls.filter((c) => c.params.token === key || c.route === key),
    publicKey: keys.publicKeyHex,
    postInteraction: async (url, name, values = {}, as = {}, post = {}) => {
      const type = as.type ?? 2;
      const { id, interactionToken, record, payload } = buildInteraction(type, name, values, as.focused ?? null, as);
      const body =
        type === 1
          ? { id, application_id: world.applicationId, type: 1, token: interactionToken, version: 1 }
          : payload;
      record.dispatchedAt = performance.now();
      const result = await postSigned(url, body, keys, post);
      const answer = result.body as { type?: number; data?: { flags?: number } };
      if (result.status === 200 && typeof answer.type === 'number' && answer.type !== 1) {
        record.callbackAt = performance.now();
        record.callbackType = answer.type;
        record.ephemeral = Boolean((answer.data?.flags ?? 0) & 64);
      }
      return { id, token: interactionToken, ...result };
    },
    close: async () => {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
