// Story ids across a restart on SQLite (no DATABASE_URL): links read one by one are stored with the story each
// joined, and a restart, which loads them sorted by date, puts each back in that story under the same id. Without
// the recorded placement the restart regroups by date and the Peru story takes its oldest report's id. The ids
// users saved still open their stories, the story's own id included after its first report has been pruned.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { consoleCaller } from '../../src/core/caller.js';
import { replyTexts } from '../../src/core/reply.js';
import { createLogger } from '../../src/log.js';
import type { FixtureServer } from '../fixtures/http-server.js';
import { openPage, startStoryPages, storyView } from '../fixtures/story-pages.js';

let dir: string;
let server: FixtureServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'story-restart-'));
  mkdirSync(join(dir, 'seeds'));
  server = await startStoryPages();
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(['off', 'cache.db'])('stored stories across a restart (BRIEFING_CACHE=%s)', (cache) => {
  const start = async (name = 'state'): Promise<Runtime> => {
    const config = loadConfig({
      DATABASE_PATH: join(dir, `${name}-${cache}.db`),
      BRIEFING_CACHE: cache === 'off' ? 'off' : join(dir, cache),
      LOG_LEVEL: 'silent',
      FETCH_ALLOW: server.allow,
      WATCH_SEEDS: 'false',
    });
    const runtime = await createRuntime(config, createLogger({ level: 'silent' }), join(dir, 'seeds'), { tickMs: 0 });
    runtime.stories().list();
    return runtime;
  };
  const stop = async (r: Runtime) => (await r.feeds?.stop(), await r.state.close());
  const stories = async (r: Runtime) => replyTexts(await r.bot.run('stories', {}, consoleCaller)).join('\n');

  it('shows the same story ids after a restart, and old ids still open their stories', async () => {
    const first = await start();
    // Read newest first: the Peru story is named after the BBC report, the first one read.
    for (const path of ['/bbc', '/aceh', '/reuters', '/ap', '/paper']) await openPage(first, server, path);
    const id = (path: string) => first.library.bySourcePath(server.url(path))!.briefing.id;
    const shown = storyView(first);
    expect(shown.map((s) => s.id).sort()).toEqual([id('/aceh'), id('/bbc')].sort());
    const listed = await stories(first);
    await stop(first);

    const again = await start();
    expect(storyView(again)).toEqual(shown);
    expect(await stories(again)).toBe(listed);
    const found = again.stories().resolve(id('/ap'));
    expect(found.ok && [found.story.id, found.article.id]).toEqual([id('/bbc'), id('/ap')]);
    await stop(again);

    // The BBC report leaves the store (retention): the story keeps its id, and that id still opens it.
    const db = new Database(join(dir, `state-${cache}.db`));
    db.prepare('DELETE FROM articles WHERE url = ?').run(server.url('/bbc'));
    db.close();
    const pruned = await start();
    const peru = storyView(pruned).find((s) => s.id === id('/bbc'));
    expect(peru?.articles.map(([article]) => article)).toEqual([id('/ap'), id('/reuters')]);
    const byId = pruned.stories().resolve(id('/bbc'));
    expect(byId.ok && byId.story.id).toBe(id('/bbc'));
    expect(replyTexts(await pruned.bot.run('brief', { story: id('/bbc') }, consoleCaller)).join('\n')).toMatch(/Peru/);
    await stop(pruned);
  });

  it('records the stories of articles stored before placements were kept, at the next start', async () => {
    const first = await start('legacy');
    for (const path of ['/bbc', '/aceh', '/reuters', '/ap', '/paper']) await openPage(first, server, path);
    await stop(first);
    const file = join(dir, `legacy-${cache}.db`);
    const rows = () => {
      const db = new Database(file);
      try {
        return db.prepare('SELECT url, story_id, story_article FROM articles ORDER BY url').all() as Array<{
          url: string;
          story_id: string | null;
          story_article: string | null;
        }>;
      } finally {
        db.close();
      }
    };
    // As a database from before the step holds them: no placements.
    const db = new Database(file);
    db.prepare('UPDATE articles SET story_id = NULL, story_article = NULL').run();
    db.close();

    const upgraded = await start('legacy');
    const shown = storyView(upgraded);
    expect(await upgraded.feeds!.recordPlacements()).toBe(5);
    expect(await upgraded.feeds!.recordPlacements()).toBe(0);
    await stop(upgraded);
    // Each row now holds the story this start grouped it into, and the next start shows the same.
    const placedIn = new Map(
      shown.flatMap((s) => s.articles.flatMap(([id, pages]) => (pages as string[]).map((p) => [p, [s.id, id]]))),
    );
    expect(rows().map((r) => [new URL(r.url).pathname, [r.story_id, r.story_article]])).toEqual(
      [...placedIn].sort((a, b) => (a[0] as string).localeCompare(b[0] as string)),
    );
    const again = await start('legacy');
    expect(storyView(again)).toEqual(shown);
    await stop(again);
  });
});
