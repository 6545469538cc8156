// Measures, on the emulator, how long the real adapter takes from INTERACTION_CREATE leaving the gateway to the
// interaction callback (the 3-second deadline), and to the finished reply, for every registered command.
// Run: node bin/run-ts.mjs tests/discord/measure-latency.ts [rounds] [seeds dir]
import { createRuntime } from '../../src/app.js';
import { DiscordAdapter } from '../../src/adapters/discord/index.js';
import { renderReply } from '../../src/adapters/discord/render.js';
import { loadConfig } from '../../src/config.js';
import type { Caller } from '../../src/core/caller.js';
import { createLogger } from '../../src/log.js';
import { startDiscordEmulator, TEST_USER } from '../../testkit/emulators/discord/index.js';
import { answerOf, optionsFor } from './helpers.js';

const rounds = Number(process.argv[2] ?? 20);
const seeds = process.argv[3] ?? 'seeds';

const emu = await startDiscordEmulator();
const config = loadConfig({
  DISCORD_TOKEN: emu.token,
  DISCORD_API_URL: emu.restUrl,
  LOG_LEVEL: 'warn',
  SEEDS_DIR: seeds,
  BRIEFING_CACHE: 'off',
});
const log = createLogger({ level: 'warn', secrets: config.secrets });
const runtime = await createRuntime(config, log, seeds);
const session = emu.sessionReady();
const adapter = new DiscordAdapter(runtime);
await adapter.start();
await session;

const story = runtime.library.briefings()[0]?.id ?? '';
const caller: Caller = {
  platform: 'discord',
  userId: TEST_USER.id,
  channelId: `discord:${emu.world.channelId}`,
  isAdmin: false,
  guildId: emu.world.guildId,
};
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => x.toFixed(1).padStart(7);

console.log(`${runtime.library.size} stories from ${seeds}; ${rounds} rounds per command; milliseconds`);
console.log('command       callback p50    p95    max | reply done p50    p95    max');
for (const command of runtime.bot.services.commands) {
  const options = optionsFor(command, story);
  const count = renderReply(await runtime.bot.run(command.name, options, caller)).length;
  const toCallback: number[] = [];
  const toDone: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const { token } = emu.sendChatInput(command.name, options);
    const answer = await answerOf(emu, token, count);
    const record = emu.interactions.get(token)!;
    toCallback.push(record.callbackAt! - record.dispatchedAt!);
    toDone.push(answer.messages.at(-1)!.at - record.dispatchedAt!);
  }
  console.log(
    `/${command.name.padEnd(12)} ${ms(pct(toCallback, 0.5))} ${ms(pct(toCallback, 0.95))} ${ms(Math.max(...toCallback))} | ${ms(pct(toDone, 0.5))} ${ms(pct(toDone, 0.95))} ${ms(Math.max(...toDone))}`,
  );
}
await adapter.stop();
await emu.close();
