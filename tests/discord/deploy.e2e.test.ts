// `briefbot deploy-commands` (npm run deploy-commands) against the emulator's REST API: idempotent, scoped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { commandsJson } from '../../src/adapters/discord/command-json.js';
import { DiscordAdapter } from '../../src/adapters/discord/index.js';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { main } from '../../src/cli/main.js';
import { loadConfig } from '../../src/config.js';
import { createBot } from '../../src/core/bot.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { startDiscordEmulator, type DiscordEmulator } from '../../testkit/emulators/discord/index.js';
import { lazyIndex } from '../../src/app.js';

let emu: DiscordEmulator;

async function deploy(env: Record<string, string>) {
  let out = '';
  let err = '';
  const logs: string[] = [];
  const code = await main(['deploy-commands'], {
    out: (t) => (out += t),
    err: (t) => (err += t),
    env: { DISCORD_API_URL: emu.restUrl, LOG_LEVEL: 'debug', ...env },
    logDestination: { write: (line) => logs.push(line) },
  });
  return { code, out, err, logs: logs.join('') };
}

const puts = (from: number) => emu.calls.slice(from).filter((c) => c.method === 'PUT');

beforeAll(async () => {
  emu = await startDiscordEmulator();
});

afterAll(async () => {
  await emu?.close();
});

describe('start-up with a bad token', () => {
  it('fails with a short reason that does not echo the token', async () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.bad-start.abcdefghijklmnopqrstuvwxyz0';
    const config = loadConfig({ DISCORD_TOKEN: token, DISCORD_API_URL: emu.restUrl });
    const runtime = {
      config,
      log: silentLogger,
      bot: createBot(
        { library: new Library(), questions: lazyIndex(new Library()), commands, botName: 'b', now: () => new Date() },
        silentLogger,
      ),
      library: new Library(),
      seedsDir: 'seeds',
      derive: deriveBriefing,
    };
    const error = await new DiscordAdapter(runtime).start().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^Could not connect to Discord: .*invalid token/i);
    expect(error?.message).not.toContain(token);
  });
});

describe('deploy-commands', () => {
  it('registers every command globally, then sends nothing when nothing changed', async () => {
    const first = await deploy({ DISCORD_TOKEN: emu.token });
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toBe(`Registered ${commands.length} slash commands (global).\n`);
    expect(emu.commands.get('global')!.map((c) => (c as { name: string }).name)).toEqual(
      commandsJson(commands).map((c) => c.name),
    );

    const from = emu.calls.length;
    const again = await deploy({ DISCORD_TOKEN: emu.token });
    expect(again.out).toBe(`Slash commands already up to date (${commands.length}, global); nothing sent.\n`);
    expect(emu.calls.slice(from).map((c) => c.route)).toEqual([
      'GET /applications/@me',
      'GET /applications/:app/commands',
    ]);
  });

  it('sends the full set again when what Discord holds differs', async () => {
    const held = emu.commands.get('global')! as Array<{ description: string }>;
    held[0]!.description = 'an older description';
    const from = emu.calls.length;
    expect((await deploy({ DISCORD_TOKEN: emu.token })).code).toBe(0);
    expect(puts(from).map((c) => c.route)).toEqual(['PUT /applications/:app/commands']);
    expect(puts(from)[0]!.body).toEqual(commandsJson(commands));
  });

  it('registers guild commands when DISCORD_GUILD_ID is set', async () => {
    const from = emu.calls.length;
    const result = await deploy({ DISCORD_TOKEN: emu.token, DISCORD_GUILD_ID: '300000000000000077' });
    expect(result.out).toContain('(guild 300000000000000077)');
    expect(puts(from).map((c) => `${c.route} ${c.params.guild}`)).toEqual([
      'PUT /applications/:app/guilds/:guild/commands 300000000000000077',
    ]);
  });

  it('fails with a short message, and never echoes the token, when Discord refuses it', async () => {
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong-token.abcdefghijklmnopqrstuvwxyz0';
    const result = await deploy({ DISCORD_TOKEN: token });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Could not register slash commands: .*Unauthorized/);
    expect(result.err + result.out + result.logs).not.toContain(token);
  });

  it('says DISCORD_TOKEN is needed when it is not set', async () => {
    const result = await deploy({});
    expect(result.code).toBe(2);
    expect(result.err).toContain('DISCORD_TOKEN');
  });
});
