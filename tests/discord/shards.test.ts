// Shards without a network: the routing rule the emulator applies, the guild ids it picks, the two config keys,
// and the shard options the adapter hands discord.js.
import { describe, expect, it } from 'vitest';
import { DiscordAdapter, describeShards, shardOptions } from '../../src/adapters/discord/index.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { gatewayLock, LEASE_KEYS } from '../../src/state/lease.js';
import { guildIds, shardOf } from '../../testkit/emulators/discord/guilds.js';
import { testRuntime } from '../adapters/test-runtime.js';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('the routing rule: shard (guild_id >> 22) % shard_count', () => {
  // Worked by hand: 300000000000000001 >> 22 = 71525573730 (71525573730 * 4194304 = 299999999998033920),
  // and 71525573730 % 4 = 2, % 3 = 0, % 7 = 2 (7 * 10217939104 = 71525573728); 4194303 >> 22 = 0 and 4194304 >> 22 = 1.
  it.each([
    ['300000000000000001', 4, 2],
    ['300000000000000001', 3, 0],
    ['300000000000000001', 7, 2],
    ['300000000000000001', 1, 0],
    ['4194303', 2, 0],
    ['4194304', 2, 1],
    // Beyond 2^53, where Number arithmetic would round: 2^63 - 1 >> 22 = 2^41 - 1, and (2^41 - 1) % 10 = 1.
    ['9223372036854775807', 10, 1],
  ])('guild %s with %i shards is on shard %i', (guild, count, shard) => {
    expect(shardOf(guild, count)).toBe(shard);
  });

  it('the emulator picks guild ids that fall on consecutive shards, the first kept', () => {
    const ids = guildIds('300000000000000001', 4);
    expect(ids[0]).toBe('300000000000000001');
    expect(ids.map((id) => shardOf(id, 4))).toEqual([2, 3, 0, 1]);
    expect(new Set(ids).size).toBe(4);
    // Only the timestamp bits move, so they stay valid snowflakes after the first.
    for (const id of ids) expect(BigInt(id) & 0x3fffffn).toBe(BigInt(ids[0]!) & 0x3fffffn);
  });
});

describe('DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS', () => {
  it('unset: no sharding (discord.js opens its one shard)', () => {
    expect(loadConfig({}).discord.shards).toBeNull();
  });

  it('a count alone opens every shard; ids and ranges pick some, sorted and distinct', () => {
    expect(loadConfig({ DISCORD_SHARD_COUNT: '4' }).discord.shards).toEqual({ count: 4, ids: [0, 1, 2, 3] });
    expect(loadConfig({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '2,3' }).discord.shards).toEqual({
      count: 4,
      ids: [2, 3],
    });
    expect(loadConfig({ DISCORD_SHARD_COUNT: '16', DISCORD_SHARD_IDS: ' 8 - 10, 2,9 ,0' }).discord.shards).toEqual({
      count: 16,
      ids: [0, 2, 8, 9, 10],
    });
    expect(Object.isFrozen(loadConfig({ DISCORD_SHARD_COUNT: '2' }).discord.shards?.ids)).toBe(true);
  });

  it.each([
    [{ DISCORD_SHARD_COUNT: '0' }, 'DISCORD_SHARD_COUNT', /between 1 and/],
    [{ DISCORD_SHARD_COUNT: 'four' }, 'DISCORD_SHARD_COUNT', /whole number/],
    [{ DISCORD_SHARD_COUNT: 'auto' }, 'DISCORD_SHARD_COUNT', /whole number/],
    [{ DISCORD_SHARD_IDS: '0,1' }, 'DISCORD_SHARD_IDS', /needs DISCORD_SHARD_COUNT/],
    [{ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '0,4' }, 'DISCORD_SHARD_IDS', /shard 4.*0 to 3/],
    [{ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '2-9' }, 'DISCORD_SHARD_IDS', /shard 9/],
    [{ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '3-1' }, 'DISCORD_SHARD_IDS', /backwards/],
    [{ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '-1' }, 'DISCORD_SHARD_IDS', /e\.g\. 0,1 or 0-3/],
    [{ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: 'one,two' }, 'DISCORD_SHARD_IDS', /e\.g\. 0,1 or 0-3/],
    [{ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '0,,1' }, 'DISCORD_SHARD_IDS', /e\.g\. 0,1 or 0-3/],
  ])('refuses %j, naming %s', (env, key, message) => {
    const error = errorOf(env);
    expect(error.key).toBe(key);
    expect(error.message).toContain(key);
    expect(error.message).toMatch(message);
  });

  it('never echoes a secret in a shard error', () => {
    const error = errorOf({ DISCORD_TOKEN: 'MTAw.very-secret.token', DISCORD_SHARD_IDS: '0' });
    expect(error.message).not.toContain('very-secret');
  });
});

describe('the adapter and the lock with shards', () => {
  it('hands discord.js the shards this replica opens and the total; nothing without a count', () => {
    expect(shardOptions(loadConfig({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '2-3' }))).toEqual({
      shards: [2, 3],
      shardCount: 4,
    });
    expect(shardOptions(loadConfig({}))).toEqual({});
    const config = loadConfig({ DISCORD_TOKEN: 'MTAw.x.y', DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '1,3' });
    const adapter = new DiscordAdapter(testRuntime(config, silentLogger, new Library(), []));
    expect(adapter.client.options.shards).toEqual([1, 3]);
    expect(adapter.client.options.shardCount).toBe(4);
  });

  it('locks one key unsharded, and each shard id the replica opens when sharded', () => {
    expect(gatewayLock(null)).toEqual({ key: LEASE_KEYS.discordGateway });
    expect(gatewayLock({ ids: [2, 3] })).toEqual({ key: LEASE_KEYS.discordShard, subkeys: [2, 3] });
    // The two-int form needs both halves to fit int4.
    expect(LEASE_KEYS.discordShard).toBeLessThan(2 ** 31);
  });

  it('describes shard sets compactly for the log', () => {
    expect(describeShards([0, 1, 2, 3, 7, 9, 10])).toBe('0-3, 7, 9-10');
    expect(describeShards([5])).toBe('5');
  });
});
