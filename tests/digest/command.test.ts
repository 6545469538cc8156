import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Caller } from '../../src/core/caller.js';
import { createBot, type Bot } from '../../src/core/bot.js';
import { replyTexts, type Reply } from '../../src/core/reply.js';
import { createDigestService } from '../../src/digest/service.js';
import { SqliteDigestStore } from '../../src/digest/sqlite-store.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { openDatabase, type Database } from '../../src/state/database.js';
import { at, FakeClock, sampleStories, tempDir } from './helpers.js';
import { lazyIndex } from '../../src/app.js';

let tmp: { dir: string; cleanup: () => void };
let db: Database;
let store: SqliteDigestStore;
let bot: Bot;
const clock = new FakeClock(at('2026-06-01T06:00:00Z'));

beforeEach(() => {
  tmp = tempDir();
  db = openDatabase(join(tmp.dir, 'briefbot.db'));
  store = new SqliteDigestStore(db);
  const library = new Library(sampleStories());
  const digests = createDigestService({ store: async () => store, library, clock: clock.now });
  bot = createBot(
    { library, questions: lazyIndex(library), commands, botName: 'briefbot', now: () => new Date(clock.ms), digests },
    silentLogger,
  );
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const discordAdmin: Caller = {
  platform: 'discord',
  userId: '111',
  channelId: 'discord:900',
  isAdmin: true,
  guildId: '1',
};
const discordMember: Caller = { ...discordAdmin, userId: '222', isAdmin: false };
const slackMember: Caller = { platform: 'slack', userId: 'U2', channelId: 'slack:C9', isAdmin: false };
const text = (r: Reply) => replyTexts(r).join('\n');

describe('/digest', () => {
  it('subscribes with a friendly schedule and a zone, shows the next slots, and lists it', async () => {
    const reply = await bot.runText(
      'digest',
      'subscribe schedule:"weekdays 07:30" timezone:America/New_York quiet:22:00-07:00',
      discordAdmin,
    );
    expect(reply.kind).not.toBe('error');
    expect(reply.ephemeral).toBe(true);
    expect(text(reply)).toContain('2026-06-01 07:30 America/New_York');
    expect(await store.subscription('discord:900')).toMatchObject({
      cron: '30 7 * * 1-5',
      timezone: 'America/New_York',
      quiet: '22:00-07:00',
      createdBy: '111',
      origin: 'chat',
    });
    const list = await bot.runText('digest', 'list', discordMember);
    expect(text(list)).toContain('weekdays 07:30 (cron 30 7 * * 1-5), America/New_York');
    expect(text(list)).toContain('Quiet hours: 22:00-07:00');
  });

  it('refuses members without Manage Server on Discord, and non-admins on Slack, and saves nothing', async () => {
    const discord = await bot.runText('digest', 'subscribe schedule:"daily 08:00"', discordMember);
    expect(discord.kind).toBe('error');
    expect(text(discord)).toContain('Only members with the Manage Server permission can change digest schedules');
    const slack = await bot.runText('digest', 'subscribe schedule:"daily 08:00"', slackMember);
    expect(text(slack)).toContain('Only the users listed in SLACK_ADMIN_USER_IDS');
    for (const action of ['unsubscribe', 'now'])
      expect((await bot.runText('digest', action, slackMember)).kind).toBe('error');
    expect(await store.subscriptions()).toEqual([]);
  });

  it('rejects an invalid cron expression or zone with a clear error, saving nothing', async () => {
    const cron = await bot.runText('digest', 'subscribe schedule:"0 25 * * *" timezone:UTC', discordAdmin);
    expect(text(cron)).toContain('"25" is not a valid hour');
    expect(text(cron)).toContain('Nothing was saved');
    const zone = await bot.runText('digest', 'subscribe schedule:"daily 08:00" timezone:Europe/Atlantis', discordAdmin);
    expect(text(zone)).toContain('"Europe/Atlantis" is not an IANA time zone');
    const quiet = await bot.runText('digest', 'subscribe schedule:"daily 08:00" quiet:late', discordAdmin);
    expect(text(quiet)).toContain('should be HH:MM-HH:MM');
    const silenced = await bot.runText(
      'digest',
      'subscribe schedule:"daily 23:00" timezone:UTC quiet:22:00-07:00',
      discordAdmin,
    );
    expect(text(silenced)).toContain('falls inside the quiet hours 22:00-07:00');
    const missing = await bot.runText('digest', 'subscribe', discordAdmin);
    expect(text(missing)).toContain('needs a schedule');
    expect(await store.subscriptions()).toEqual([]);
  });

  it('previews only to the caller without recording, and posts now recording what was sent', async () => {
    const preview = await bot.runText('digest', 'preview', discordMember);
    expect(preview.ephemeral).toBe(true);
    expect(preview.sections.every((s) => s.heading?.startsWith('New: '))).toBe(true);
    expect((await store.delivered('discord:900')).size).toBe(0);
    const now = await bot.runText('digest', 'now', discordAdmin);
    expect(now.ephemeral).toBeFalsy();
    expect((await store.delivered('discord:900')).size).toBe(2);
    const after = await bot.runText('digest', 'preview', discordMember);
    expect(after.sections.some((s) => s.heading?.startsWith('New: '))).toBe(false);
  });

  it('keeps the zone as typed, and refuses an abbreviation with IANA names to use, saving nothing', async () => {
    const est = await bot.runText('digest', 'subscribe schedule:"daily 08:00" timezone:EST', discordAdmin);
    expect(est.kind).toBe('error');
    expect(text(est)).toContain('America/New_York');
    expect(text(est)).toContain('Nothing was saved');
    expect(await store.subscriptions()).toEqual([]);
    const kolkata = await bot.runText('digest', 'subscribe schedule:"daily 08:00" timezone:Asia/Kolkata', discordAdmin);
    expect(text(kolkata)).toContain('Asia/Kolkata');
    expect(text(kolkata)).not.toContain('Calcutta');
    expect((await store.subscription('discord:900'))!.timezone).toBe('Asia/Kolkata');
  });

  it('posts now only where the reply lands: the console may post to itself, never record a digest for another platform', async () => {
    const consoleAdmin: Caller = { platform: 'console', userId: 'console', channelId: 'console:local', isAdmin: true };
    const elsewhere = await bot.runText('digest', 'now channel:discord:7', consoleAdmin);
    expect(elsewhere.kind).toBe('error');
    expect(text(elsewhere)).toContain("can't be posted to discord:7 from the console");
    expect(text(elsewhere)).toContain('/digest preview channel:discord:7');
    expect((await store.delivered('discord:7')).size).toBe(0);
    const cli = await bot.runText('digest', 'now', { ...consoleAdmin, platform: 'cli', channelId: 'cli:local' });
    expect(cli.kind).toBe('error');
    expect((await store.delivered('cli:local')).size).toBe(0);
    const here = await bot.runText('digest', 'now', consoleAdmin);
    expect(here.kind).not.toBe('error');
    expect((await store.delivered('console:local')).size).toBe(2);
  });

  it('unsubscribes, and says when there is nothing to unsubscribe', async () => {
    await bot.runText('digest', 'subscribe schedule:"daily 08:00" timezone:UTC', discordAdmin);
    expect(text(await bot.runText('digest', 'unsubscribe', discordAdmin))).toContain(
      'No more scheduled digests for discord:900',
    );
    expect(text(await bot.runText('digest', 'unsubscribe', discordAdmin))).toContain('has no digest schedule');
  });

  it('shows a paused subscription and why, and subscribe resumes it', async () => {
    await bot.runText('digest', 'subscribe schedule:"daily 08:00" timezone:UTC', discordAdmin);
    await store.markFailed({ channel: 'discord:900', slot: 1 }, 'x', 'failed', 'Unknown Channel', 1, clock.ms);
    expect(text(await bot.runText('digest', 'list', discordMember))).toMatch(
      /Paused: 1 failed post in a row; last: Unknown Channel/,
    );
    const resumed = await bot.runText('digest', 'subscribe schedule:"daily 08:00" timezone:UTC', discordAdmin);
    expect(resumed.title).toContain('Resumed');
    expect((await store.subscription('discord:900'))!.status).toBe('active');
  });

  it('lets the console and CLI name a channel, and only them', async () => {
    const cli: Caller = { platform: 'cli', userId: 'cli', channelId: 'cli:local', isAdmin: true };
    expect(text(await bot.runText('digest', 'subscribe schedule:"daily 08:00"', cli))).toContain('name the channel');
    await bot.runText('digest', 'subscribe schedule:"daily 08:00" channel:slack:C123', cli);
    expect(await store.subscription('slack:C123')).toBeDefined();
    expect(text(await bot.runText('digest', 'list channel:slack:C123', discordAdmin))).toContain(
      'only works from the console',
    );
  });
});
