// "Nothing new since the last digest here" is one short line, or (nothing_new:skip) no post at all; either way the
// ledger says what happened and no story is recorded as sent again.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import type { Caller } from '../../src/core/caller.js';
import { createBot } from '../../src/core/bot.js';
import { replyTexts, type Reply } from '../../src/core/reply.js';
import { composeDigest } from '../../src/digest/compose.js';
import { createDigestService } from '../../src/digest/service.js';
import { at, FakeClock, recordingLogger, sampleStories, setup, tempDir } from './helpers.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const text = (r: Reply) => replyTexts(r).join('\n');

describe('a digest with nothing new', () => {
  it('is one short line, carrying no story', () => {
    const stories = sampleStories();
    const delivered = new Map(stories.map((s) => [s.briefing.source, s.briefing.hash]));
    const digest = composeDigest(stories, delivered, { title: 'News digest' });
    expect(digest.nothingNew).toBe(true);
    expect(digest.included).toEqual([]);
    expect(digest.reply.sections).toHaveLength(1);
    expect(replyTexts(digest.reply)).toEqual([
      'News digest: nothing new since the last digest here. /stories lists all 2 stories.',
    ]);
    // One new story is a digest again, new first.
    const [first, second] = stories as [(typeof stories)[number], (typeof stories)[number]];
    const some = composeDigest(stories, new Map([[first.briefing.source, first.briefing.hash]]));
    expect(some.nothingNew).toBe(false);
    expect(some.reply.sections[0]!.heading).toBe(`New: ${second.briefing.title}`);
  });

  async function twoSlots(nothingNew: 'line' | 'skip' | undefined) {
    const s = setup(join(tmp.dir, 'briefbot.db'));
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    await s.store.upsert(
      {
        channel: 'discord:1',
        cron: '0 8 * * *',
        scheduleLabel: 'daily 08:00',
        timezone: 'UTC',
        quiet: null,
        origin: 'chat',
        createdBy: 'U1',
        ...(nothingNew ? { nothingNew } : {}),
      },
      clock.ms,
    );
    const rec = await recordingLogger();
    const scheduler = s.scheduler({ clock: clock.now, log: rec.log });
    clock.set('2026-06-01T08:00:05Z');
    await scheduler.runDue();
    const firstAt = await s.store.lastDigestAt('discord:1');
    clock.set('2026-06-02T08:00:05Z');
    const second = await scheduler.runDue();
    return { s, second, firstAt, lines: rec.lines() };
  }

  it('by default posts one short line and records it as sent, with no story sent again', async () => {
    const { s, second, firstAt } = await twoSlots(undefined);
    expect(s.deliver.posts).toHaveLength(2);
    expect(s.deliver.posts[0]!.reply.sections.length).toBe(2);
    expect(text(s.deliver.posts[1]!.reply)).toBe(
      'News digest: nothing new since the last digest here. /stories lists all 2 stories.',
    );
    expect(second.sent).toEqual([{ channel: 'discord:1', slot: at('2026-06-02T08:00:00Z') }]);
    expect((await s.store.deliveries('discord:1')).map((d) => d.status)).toEqual(['sent', 'sent']);
    // The stories were last sent by the first digest; the line did not resend them.
    expect(await s.store.lastDigestAt('discord:1')).toBe(firstAt);
    s.db.close();
  });

  it('with nothing_new:skip posts nothing, and the ledger says skipped and why', async () => {
    const { s, second, firstAt, lines } = await twoSlots('skip');
    expect(s.deliver.posts).toHaveLength(1);
    expect(second.sent).toEqual([]);
    expect(second.skipped).toEqual([
      {
        channel: 'discord:1',
        slot: at('2026-06-02T08:00:00Z'),
        reason: 'nothing is new since the last digest (nothing_new:skip)',
      },
    ]);
    const ledger = await s.store.deliveries('discord:1');
    expect(ledger.map((d) => [d.status, d.error])).toEqual([
      ['sent', null],
      ['skipped', 'nothing is new since the last digest (nothing_new:skip)'],
    ]);
    expect(await s.store.lastDigestAt('discord:1')).toBe(firstAt);
    expect(lines.some((l) => String(l.msg).startsWith('posted') && l.slot === '2026-06-02T08:00:00.000Z')).toBe(false);
    expect(lines.some((l) => String(l.msg).includes('skipped the digest for discord:1: nothing is new'))).toBe(true);
    s.db.close();
  });

  it('is chosen with /digest subscribe nothing_new:, shown by /digest list, and kept by /digest now', async () => {
    const s = setup(join(tmp.dir, 'briefbot.db'));
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const digests = createDigestService({ store: async () => s.store, library: s.library, clock: clock.now });
    const bot = createBot(
      { library: s.library, commands, botName: 'briefbot', now: () => new Date(clock.ms), digests },
      (await recordingLogger()).log,
    );
    const admin: Caller = { platform: 'discord', userId: '111', channelId: 'discord:900', isAdmin: true, guildId: '1' };

    const bad = await bot.runText('digest', 'subscribe schedule:"daily 08:00" nothing_new:never', admin);
    expect(bad.kind).toBe('error');
    expect(text(bad)).toContain('nothing_new');
    expect(await s.store.subscription('discord:900')).toBeUndefined();

    const made = await bot.runText('digest', 'subscribe schedule:"daily 08:00" nothing_new:skip', admin);
    expect(made.kind).not.toBe('error');
    expect(text(made)).toContain('When nothing is new: no post (nothing_new:skip)');
    expect(await s.store.subscription('discord:900')).toMatchObject({ nothingNew: 'skip' });
    expect(text(await bot.runText('digest', 'list', admin))).toContain('nothing_new:skip');

    const first = await bot.runText('digest', 'now', admin);
    expect(first.sections.length).toBe(2);
    const again = await bot.runText('digest', 'now', admin);
    expect(again.ephemeral).toBe(true);
    expect(text(again)).toContain('nothing was posted');
    const preview = await bot.runText('digest', 'preview', admin);
    expect(preview.footer).toContain('would post nothing');

    // Subscribing again without the option goes back to the default, as every option of a schedule does.
    await bot.runText('digest', 'subscribe schedule:"daily 08:00"', admin);
    expect(await s.store.subscription('discord:900')).toMatchObject({ nothingNew: 'line' });
    const line = await bot.runText('digest', 'now', admin);
    expect(line.ephemeral).toBeFalsy();
    expect(text(line)).toBe('News digest: nothing new since the last digest here. /stories lists all 2 stories.');
    s.db.close();
  });
});
