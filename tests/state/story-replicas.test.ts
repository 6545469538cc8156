// Stories across replicas: three replicas' runtimes (createRuntime, each with its own pool, library, story book and
// LISTEN connection) on one real Postgres. Links are read on different replicas at once, so each replica hears of
// the others' articles in its own order, and a third replica starts afterwards and loads them all, sorted by date.
// Every replica stored each article with the story it joined (the writer's decision, in the article's row), so
// all three list the same stories under the same ids with the same articles; so does a replica restarted. Without
// the recorded placement the late replica groups by date and names the Peru story after its oldest report.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { consoleCaller } from '../../src/core/caller.js';
import { replyTexts } from '../../src/core/reply.js';
import { createLogger } from '../../src/log.js';
import type { FixtureServer } from '../fixtures/http-server.js';
import { openPage, startStoryPages, storyView, STORY_PAGES } from '../fixtures/story-pages.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';
import { until } from '../e2e/helpers.js';

let dir: string;
let db: TestDatabase;
let server: FixtureServer;
const replicas: Runtime[] = [];

async function replica(name: string): Promise<Runtime> {
  const seeds = join(dir, name);
  mkdirSync(seeds, { recursive: true });
  const config = loadConfig({
    DATABASE_URL: db.url,
    BRIEFING_CACHE: 'off',
    LOG_LEVEL: 'silent',
    FETCH_ALLOW: server.allow,
    WATCH_SEEDS: 'false',
  });
  const runtime = await createRuntime(config, createLogger({ level: 'silent' }), seeds, { tickMs: 0 });
  await runtime.feeds!.follow();
  runtime.stories().list(); // grouped now, as start-up does: later articles are placed one by one as they arrive
  replicas.push(runtime);
  return runtime;
}

async function stop(runtime: Runtime): Promise<void> {
  await runtime.feeds?.stop();
  await runtime.state.close();
}

const url = (path: string) => server.url(path);
const holdsAll = (r: Runtime, paths = Object.keys(STORY_PAGES)) =>
  paths.every((p) => r.library.bySourcePath(url(p)) !== undefined);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'story-replicas-'));
  db = await createTestDatabase('story_replicas');
  server = await startStoryPages();
});

afterAll(async () => {
  for (const r of replicas) await stop(r).catch(() => undefined);
  await server?.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

it('every replica lists the same stories under the same ids, whatever order it heard of the articles in', async () => {
  const a = await replica('a');
  const b = await replica('b');
  const open = (r: Runtime, path: string) => openPage(r, server, path);
  // Read on two replicas at once: each stores its own and hears of the other's after it.
  await Promise.all([open(a, '/bbc'), open(b, '/aceh')]);
  await until(() => holdsAll(a, ['/bbc', '/aceh']) && holdsAll(b, ['/bbc', '/aceh']), 'A and B to hear of both');
  // Then the AP report and its reprint on A while B reads Reuters: each groups its own before hearing the other's.
  await Promise.all([(async () => (await open(a, '/ap'), await open(a, '/paper')))(), open(b, '/reuters')]);
  await until(() => holdsAll(a) && holdsAll(b), 'A and B to hold every article');
  await Promise.all([a.feeds!.synced(), b.feeds!.synced()]);

  // C starts afterwards: it loads the stored articles at start-up, oldest first, and groups nothing itself.
  const c = await replica('c');
  expect(holdsAll(c)).toBe(true);
  const shown = storyView(a);
  expect(storyView(b)).toEqual(shown);
  expect(storyView(c)).toEqual(shown);
  // The Peru story is named after the report A read first (BBC's), with the AP report and its reprint as one
  // article; Aceh is a story of its own.
  const id = (path: string) => a.library.bySourcePath(url(path))!.briefing.id;
  expect(shown.map((s) => s.id).sort()).toEqual([id('/aceh'), id('/bbc')].sort());
  const peru = shown.find((s) => s.id === id('/bbc'))!;
  expect(peru.articles).toEqual([
    [id('/bbc'), ['/bbc']],
    [id('/ap'), ['/ap', '/paper']],
    [id('/reuters'), ['/reuters']],
  ]);
  // Replies read the same on every replica, and an old id (an article's) opens its story everywhere.
  const stories = async (r: Runtime) => replyTexts(await r.bot.run('stories', {}, consoleCaller)).join('\n');
  expect(await stories(c)).toBe(await stories(a));
  expect(await stories(b)).toBe(await stories(a));
  for (const r of [a, b, c]) {
    const found = r.stories().resolve(id('/reuters'));
    expect(found.ok && found.story.id).toBe(id('/bbc'));
  }

  // A restart of A shows the same ids too.
  await stop(a);
  replicas.splice(replicas.indexOf(a), 1);
  const again = await replica('a');
  expect(storyView(again)).toEqual(shown);
});
