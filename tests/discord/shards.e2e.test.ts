// Shards end to end: real discord.js clients against an emulator serving 4 shards, which routes each guild's events
// to shard (guild_id >> 22) % 4 only. Two replicas owning shards 0,1 and 2,3 each identify their own shards once,
// and a mention in a guild is seen and answered by the replica owning that guild's shard, never by the other.
// One adapter owning all 4 shards answers in every guild.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { answerOf } from './helpers.js';
import { identifies, mentionIn, shardAdapter, watch, type ShardReplica } from './shard-helpers.js';

const COUNT = 4;

describe('two replicas splitting 4 shards: 0,1 and 2,3', () => {
  let emu: DiscordEmulator;
  let a: ShardReplica;
  let b: ShardReplica;

  beforeAll(async () => {
    emu = await startDiscordEmulator({ shards: COUNT });
    a = shardAdapter(emu, 'a', { DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '0,1' });
    b = shardAdapter(emu, 'b', { DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '2-3' });
    watch(a);
    watch(b);
    await a.adapter.start();
    await b.adapter.start();
  });

  afterAll(async () => {
    await a?.adapter.stop();
    await b?.adapter.stop();
    await emu?.close();
  });

  it('serves guilds on every shard, and GET /gateway/bot says 4 shards', async () => {
    expect(emu.world.guilds.map((g) => emu.shardOf(g.id)).sort()).toEqual([0, 1, 2, 3]);
    const gateway = emu.calls.find((c) => c.route === 'GET /gateway/bot');
    expect(gateway?.status).toBe(200);
  });

  it('identifies each shard exactly once, each replica its own, and both see only their guilds', () => {
    expect(identifies(emu)).toEqual({ 0: 1, 1: 1, 2: 1, 3: 1 });
    expect(emu.gateway.replaced).toBe(0);
    expect(emu.gateway.liveShards).toEqual([0, 1, 2, 3]);
    const guildsOf = (r: ShardReplica) => [...r.adapter.client.guilds.cache.keys()].sort();
    expect(guildsOf(a)).toEqual([emu.guildOnShard(0).id, emu.guildOnShard(1).id].sort());
    expect(guildsOf(b)).toEqual([emu.guildOnShard(2).id, emu.guildOnShard(3).id].sort());
    expect(a.adapter.client.ws.shards.map((s) => s.id).sort()).toEqual([0, 1]);
    expect(b.adapter.client.ws.shards.map((s) => s.id).sort()).toEqual([2, 3]);
  });

  it('a mention in a guild on shard 3 is answered once, by the replica owning 2,3 only', async () => {
    const guild = emu.guildOnShard(3).id;
    expect(await mentionIn(emu, guild)).toBe(1);
    expect(b.seen).toEqual([guild]);
    expect(a.seen).toEqual([]);
  });

  it('a mention in a guild on shard 0 is answered once, by the replica owning 0,1 only', async () => {
    const guild = emu.guildOnShard(0).id;
    expect(await mentionIn(emu, guild)).toBe(1);
    expect(a.seen).toEqual([guild]);
    expect(b.seen).toHaveLength(1);
  });

  it('a slash command in a guild on shard 2 is answered by the replica owning 2,3 only', async () => {
    const guild = emu.guildOnShard(2).id;
    const { token } = emu.sendChatInput('help', {}, { guild });
    const answer = await answerOf(emu, token, 1);
    expect(answer.callback.status).toBe(204);
    expect(b.seen.at(-1)).toBe(`/${guild}`);
    expect(a.seen.filter((g) => g.startsWith('/'))).toEqual([]);
    b.seen.pop();
  });

  it('a mention sent while its shard is down waits for that shard, and the other shards carry on', async () => {
    emu.dropConnection(undefined, 1);
    const waiting = mentionIn(emu, emu.guildOnShard(1).id);
    // Shard 2 is unaffected: answered at once, by b.
    expect(await mentionIn(emu, emu.guildOnShard(2).id)).toBe(1);
    // discord.js resumes shard 1 by itself; the queued mention is delivered then, to a.
    expect(await waiting).toBe(1);
    expect(a.seen).toEqual([emu.guildOnShard(0).id, emu.guildOnShard(1).id]);
    expect(b.seen).toEqual([emu.guildOnShard(3).id, emu.guildOnShard(2).id]);
    expect(emu.gateway.connections.filter((c) => c.kind === 'resume').map((c) => c.shard?.[0])).toEqual([1]);
  });
});

describe('one adapter owning all 4 shards', () => {
  let emu: DiscordEmulator;
  let all: ShardReplica;

  beforeAll(async () => {
    emu = await startDiscordEmulator({ shards: COUNT });
    // DISCORD_SHARD_COUNT alone: every shard.
    all = shardAdapter(emu, 'all', { DISCORD_SHARD_COUNT: '4' });
    watch(all);
    await all.adapter.start();
  });

  afterAll(async () => {
    await all?.adapter.stop();
    await emu?.close();
  });

  it('identifies the 4 shards once each and answers a mention in every guild', async () => {
    expect(identifies(emu)).toEqual({ 0: 1, 1: 1, 2: 1, 3: 1 });
    expect(all.adapter.client.guilds.cache.size).toBe(4);
    for (const guild of emu.world.guilds) expect(await mentionIn(emu, guild.id)).toBe(1);
    expect(all.seen).toEqual(emu.world.guilds.map((g) => g.id));
  });
});

describe('a replica whose shard count is not the bot’s', () => {
  it('is refused by the gateway (4010 Invalid shard) and start-up fails with a reason', async () => {
    const emu = await startDiscordEmulator({ shards: COUNT });
    const wrong = shardAdapter(emu, 'wrong', { DISCORD_SHARD_COUNT: '3' });
    try {
      await expect(wrong.adapter.start()).rejects.toThrow(/^Could not connect to Discord: /);
    } finally {
      await wrong.adapter.stop();
      await emu.close();
    }
  });
});
