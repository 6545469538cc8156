// A library loaded through the briefing cache holds each briefing as its head and reads the rest back when a command
// asks: every command must reply exactly as it does over briefings derived whole, on the first start and the next.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRuntime, getReady, type Runtime } from '../../src/app.js';
import { StoredBriefing } from '../../src/cache/stored-briefing.js';
import { loadConfig } from '../../src/config.js';
import { consoleCaller } from '../../src/core/caller.js';
import { createLogger } from '../../src/log.js';

let dir: string;
const opened: Runtime[] = [];

async function runtime(cache: string): Promise<Runtime> {
  const config = loadConfig({ DATABASE_PATH: ':memory:', BRIEFING_CACHE: cache, LOG_LEVEL: 'silent' });
  const made = await createRuntime(config, createLogger({ level: 'silent' }), join(dir, 'seeds'));
  opened.push(made);
  getReady(made);
  return made;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stored-briefings-'));
  cpSync(join(import.meta.dirname, '../fixtures/stories'), join(dir, 'seeds'), { recursive: true });
});
afterAll(async () => {
  for (const r of opened) await r.state.close();
  rmSync(dir, { recursive: true, force: true });
});

const COMMANDS: Array<[string, Record<string, string>]> = [
  ['brief', {}],
  ['brief', { story: 'peru' }],
  ['summary', { story: 'aceh' }],
  ['timeline', {}],
  ['background', { story: 'peru' }],
  ['quotes', {}],
  ['quotes', { speaker: 'Boluarte' }],
  ['quotes', { speaker: 'Quispe' }],
  ['quotes', { speaker: 'humala' }],
  ['quotes', { speaker: 'nobody quoted' }],
  ['stories', {}],
  ['stories', { search: 'quake' }],
  ['ask', { question: 'how many people died in the Peru earthquake?' }],
  ['ask', { question: 'who is Dina Boluarte?' }],
  ['ask', { question: 'what did Boluarte say?' }],
  ['ask', { question: 'what did the mayor of Lima say?' }],
  ['ask', { question: 'when did the quake hit Aceh?' }],
  ['ask', { question: 'what is the weather on the moon?' }],
];

async function replies(r: Runtime): Promise<string[]> {
  const out: string[] = [];
  for (const [name, options] of COMMANDS) out.push(JSON.stringify(await r.bot.run(name, options, consoleCaller)));
  return out;
}

it('replies to every command as over whole briefings, from a cold cache and a warm one', async () => {
  const whole = await runtime('off');
  expect(whole.library.briefings().some((b) => b instanceof StoredBriefing)).toBe(false);
  const want = await replies(whole);
  expect(want.filter((reply) => /went wrong|No story matches/.test(reply))).toEqual([]);
  const cache = join(dir, 'cache.db');
  const cold = await runtime(cache);
  expect(await replies(cold)).toEqual(want);
  const warm = await runtime(cache);
  expect(warm.library.briefings().every((b) => b instanceof StoredBriefing)).toBe(true);
  expect(await replies(warm)).toEqual(want);
});
