import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { at, FakeClock, FakeDeliver, iso, recordingLogger, setup, subscribe, tempDir } from './helpers.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const dbPath = () => join(tmp.dir, 'nested', 'briefbot.db');

describe('runDue: exactly once', () => {
  it('posts a slot once, however often it wakes up', async () => {
    const s = setup(dbPath());
    const clock = new FakeClock(at('2026-06-01T06:30:00Z'));
    await subscribe(s.store, 'discord:1', '0 8 * * *', 'Europe/London', clock.ms);
    const scheduler = s.scheduler({ clock: clock.now });
    clock.set('2026-06-01T07:00:00.050Z'); // 08:00 BST, a wake-up a little late
    const first = await scheduler.runDue();
    await scheduler.runDue();
    clock.advance(1);
    await scheduler.runDue();
    expect(first.sent).toEqual([{ channel: 'discord:1', slot: at('2026-06-01T07:00:00Z') }]);
    expect(s.deliver.posts).toHaveLength(1);
    expect((await s.store.deliveries('discord:1')).map((d) => d.status)).toEqual(['sent']);
  });

  it('does not post again after a restart on the same database file', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const a = setup(dbPath());
    await subscribe(a.store, 'slack:C1', '0 8 * * *', 'Europe/London', clock.ms);
    clock.set('2026-06-01T07:00:10Z');
    await a.scheduler({ clock: clock.now }).runDue();
    a.db.close();

    const b = setup(dbPath(), { deliver: a.deliver });
    await b.scheduler({ clock: clock.now }).runDue();
    clock.advance(5);
    await b.scheduler({ clock: clock.now }).runDue();
    expect(a.deliver.posts.map((p) => p.channel)).toEqual(['slack:C1']);
  });

  it('posts once when two schedulers share one database file and wake together', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const deliver = new FakeDeliver();
    const one = setup(dbPath(), { deliver });
    const two = setup(dbPath(), { deliver });
    for (const ch of ['discord:1', 'discord:2', 'slack:C3'])
      await subscribe(one.store, ch, '0 8 * * *', 'Europe/London', clock.ms);
    clock.set('2026-06-01T07:00:00Z');
    const hold = deliver.hold('discord:1');
    const first = one.scheduler({ clock: clock.now, instanceId: 'one' }).runDue();
    await hold.started; // one has claimed and is mid-post…
    const second = await two.scheduler({ clock: clock.now, instanceId: 'two' }).runDue(); // …while two wakes up
    hold.release();
    const firstReport = await first;
    expect(deliver.posts.map((p) => p.channel).sort()).toEqual(['discord:1', 'discord:2', 'slack:C3']);
    // The first claims one slot at a time, just before posting it: the second took the two it had not reached.
    expect(firstReport.sent.map((c) => c.channel)).toEqual(['discord:1']);
    expect(second.sent.map((c) => c.channel)).toEqual(['discord:2', 'slack:C3']);
    expect((await one.store.deliveries()).map((d) => [d.channel, d.claimedBy, d.status])).toEqual([
      ['discord:1', 'one', 'sent'],
      ['discord:2', 'two', 'sent'],
      ['slack:C3', 'two', 'sent'],
    ]);
  });

  it('leaves channels of platforms it does not run to a process that does', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const s = setup(dbPath(), { deliver: new FakeDeliver(['slack']) });
    await subscribe(s.store, 'discord:1', '0 8 * * *', 'UTC', clock.ms);
    clock.set('2026-06-01T08:00:00Z');
    const report = await s.scheduler({ clock: clock.now }).runDue();
    expect(report.sent).toEqual([]);
    expect(await s.store.deliveries()).toEqual([]);
  });
});

describe('runDue: missed slots and the grace window', () => {
  it('posts a slot missed while down once at start-up when it is within the grace window', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const s = setup(dbPath());
    await subscribe(s.store, 'discord:1', '0 8 * * *', 'Europe/London', clock.ms);
    clock.set('2026-06-01T07:45:00Z'); // down at 08:00 BST, back 45 minutes later
    const report = await s.scheduler({ clock: clock.now, graceMinutes: 60 }).runDue();
    expect(report.sent.map((c) => iso(c.slot))).toEqual(['2026-06-01T07:00:00.000Z']);
    clock.advance(1);
    await s.scheduler({ clock: clock.now, graceMinutes: 60 }).runDue();
    expect(s.deliver.posts).toHaveLength(1);
  });

  it('skips and logs a slot older than the grace window', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const s = setup(dbPath());
    const { log, lines } = await recordingLogger();
    await subscribe(s.store, 'discord:1', '0 8 * * *', 'Europe/London', clock.ms);
    clock.set('2026-06-01T08:30:00Z'); // 90 minutes late
    const report = await s.scheduler({ clock: clock.now, graceMinutes: 60, log }).runDue();
    expect(report.sent).toEqual([]);
    expect(report.skipped).toMatchObject([
      { channel: 'discord:1', slot: at('2026-06-01T07:00:00Z'), reason: expect.stringContaining('grace window') },
    ]);
    expect(lines().some((l) => l.channel === 'discord:1' && String(l.msg).includes('skipped the digest'))).toBe(true);
    expect(s.deliver.posts).toEqual([]);
  });

  it('posts only the newest of several missed slots, once', async () => {
    const clock = new FakeClock(at('2026-06-01T05:00:00Z'));
    const s = setup(dbPath());
    await subscribe(s.store, 'slack:C1', '*/15 * * * *', 'UTC', clock.ms);
    clock.set('2026-06-01T05:50:00Z'); // 05:15, 05:30, 05:45 were missed
    const report = await s.scheduler({ clock: clock.now, graceMinutes: 60 }).runDue();
    expect(report.sent.map((c) => iso(c.slot))).toEqual(['2026-06-01T05:45:00.000Z']);
    expect(report.skipped.map((c) => iso(c.slot))).toEqual(['2026-06-01T05:15:00.000Z', '2026-06-01T05:30:00.000Z']);
  });

  it('does not post the slot just before a schedule was created', async () => {
    const clock = new FakeClock(at('2026-06-01T08:05:00Z'));
    const s = setup(dbPath());
    await subscribe(s.store, 'discord:1', '0 8 * * *', 'UTC', clock.ms);
    expect((await s.scheduler({ clock: clock.now }).runDue()).sent).toEqual([]);
  });
});

describe('runDue: shutdown and crashes', () => {
  it('finishes the post in flight at shutdown, claims nothing more, and a restart posts the rest once', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const s = setup(dbPath());
    await subscribe(s.store, 'discord:1', '0 8 * * *', 'UTC', clock.ms);
    await subscribe(s.store, 'discord:2', '0 8 * * *', 'UTC', clock.ms);
    clock.set('2026-06-01T08:00:00Z');
    const scheduler = s.scheduler({ clock: clock.now, instanceId: 'first' });
    const hold = s.deliver.hold('discord:1');
    const run = scheduler.runDue();
    await hold.started;
    const stopped = scheduler.stop(); // SIGTERM arrives mid-post
    hold.release();
    await stopped;
    const report = await run;
    expect(report.sent.map((c) => c.channel)).toEqual(['discord:1']);
    // discord:2 was never claimed (nor its watermark moved), so the restart's catch-up finds it due.
    expect(report.released).toEqual([]);
    expect((await s.store.deliveries()).map((d) => [d.channel, d.status])).toEqual([['discord:1', 'sent']]);

    clock.advance(2);
    const restarted = s.scheduler({ clock: clock.now, instanceId: 'second' });
    expect((await restarted.runDue()).sent.map((c) => c.channel)).toEqual(['discord:2']);
    clock.advance(1);
    await restarted.runDue();
    expect(s.deliver.posts.map((p) => p.channel)).toEqual(['discord:1', 'discord:2']);
  });

  it('never retries a claim left "sending" by a process that died: it becomes "unknown" after the lease', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const s = setup(dbPath());
    await subscribe(s.store, 'discord:1', '0 8 * * *', 'UTC', clock.ms);
    clock.set('2026-06-01T08:00:00Z');
    // The dead process claimed the slot and advanced the watermark, then died before recording the outcome.
    await s.store.claim(
      [{ channel: 'discord:1', slot: clock.ms }],
      [],
      new Map([['discord:1', clock.ms]]),
      'dead:1',
      clock.ms,
    );
    clock.advance(3);
    expect((await s.scheduler({ clock: clock.now }).runDue()).sent).toEqual([]);
    expect((await s.store.deliveries())[0]!.status).toBe('sending');
    clock.advance(15);
    await s.scheduler({ clock: clock.now }).runDue();
    expect((await s.store.deliveries())[0]).toMatchObject({ status: 'unknown', claimedBy: 'dead:1' });
    expect(s.deliver.posts).toEqual([]);
  });
});

describe('runDue: failures', () => {
  it('counts failed posts, retries with back-off, pauses after the limit and tells the creator once', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const s = setup(dbPath());
    const { log, lines } = await recordingLogger();
    await subscribe(s.store, 'discord:9', '0 8 * * *', 'UTC', clock.ms, { createdBy: 'U42' });
    s.deliver.fail.set('discord:9', new Error('Missing Permissions'));
    const scheduler = s.scheduler({ clock: clock.now, maxFailures: 3, log });
    clock.set('2026-06-01T08:00:00Z');
    await scheduler.runDue();
    expect(await s.store.subscription('discord:9')).toMatchObject({
      failures: 1,
      status: 'active',
      lastError: 'Missing Permissions',
    });
    await scheduler.runDue(); // too soon for a retry
    expect(s.deliver.attempts).toHaveLength(1);
    clock.advance(1);
    await scheduler.runDue();
    clock.advance(2);
    const third = await scheduler.runDue();
    expect(third.paused).toEqual(['discord:9']);
    const sub = (await s.store.subscription('discord:9'))!;
    expect(sub).toMatchObject({ status: 'paused', failures: 3, creatorTold: true });
    expect(sub.pausedReason).toContain('Missing Permissions');
    // 3 digest attempts, then one attempt to tell the creator in the channel (which fails too, so it is logged).
    expect(s.deliver.attempts).toEqual(['discord:9', 'discord:9', 'discord:9', 'discord:9']);
    expect(
      lines().some(
        (l) =>
          l.channel === 'discord:9' && l.createdBy === 'U42' && String(l.msg).includes('could not tell its creator'),
      ),
    ).toBe(true);
    expect(
      lines().filter((l) => l.reason === 'Missing Permissions' && l.channel === 'discord:9').length,
    ).toBeGreaterThanOrEqual(3);
    clock.advance(60 * 24);
    await scheduler.runDue();
    expect(s.deliver.attempts).toHaveLength(4); // paused: no more tries, no second notice

    s.deliver.fail.delete('discord:9');
    expect(
      await s.store.upsert(
        {
          channel: 'discord:9',
          cron: '0 8 * * *',
          scheduleLabel: 'daily 08:00',
          timezone: 'UTC',
          quiet: null,
          origin: 'chat',
          createdBy: 'U42',
        },
        clock.ms,
      ),
    ).toBe('resumed');
    expect(await s.store.subscription('discord:9')).toMatchObject({
      status: 'active',
      failures: 0,
      pausedReason: null,
    });
  });

  it('tells the creator in the channel when the channel still accepts posts', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const s = setup(dbPath());
    await subscribe(s.store, 'slack:C9', '0 8 * * *', 'UTC', clock.ms, { createdBy: 'U7' });
    let calls = 0;
    const flaky = Object.assign(Object.create(s.deliver) as typeof s.deliver, {
      send: async (channel: string, reply: import('../../src/core/reply.js').Reply) => {
        calls++;
        if (reply.title !== 'Digest paused') throw new Error('rate limited');
        s.deliver.posts.push({ channel, reply });
      },
    });
    clock.set('2026-06-01T08:00:00Z');
    await s.scheduler({ clock: clock.now, maxFailures: 1, deliver: flaky }).runDue();
    expect(calls).toBe(2);
    expect(s.deliver.posts).toHaveLength(1);
    expect(s.deliver.posts[0]!.reply.title).toBe('Digest paused');
    expect(JSON.stringify(s.deliver.posts[0]!.reply)).toContain('U7');
  });

  it('does not retry a post whose outcome is unknown (a timeout), but counts it', async () => {
    const clock = new FakeClock(at('2026-06-01T06:00:00Z'));
    const s = setup(dbPath());
    await subscribe(s.store, 'discord:1', '0 8 * * *', 'UTC', clock.ms);
    const timeout = Object.assign(new Error('Request timed out'), { name: 'TimeoutError' });
    s.deliver.fail.set('discord:1', timeout);
    clock.set('2026-06-01T08:00:00Z');
    const scheduler = s.scheduler({ clock: clock.now });
    await scheduler.runDue();
    s.deliver.fail.delete('discord:1');
    clock.advance(10);
    await scheduler.runDue();
    expect(s.deliver.attempts).toEqual(['discord:1']);
    expect((await s.store.deliveries())[0]!.status).toBe('unknown');
    expect((await s.store.subscription('discord:1'))!.failures).toBe(1);
  });
});

describe('runDue: quiet hours', () => {
  it('skips and logs slots inside quiet hours, in the subscription zone', async () => {
    const clock = new FakeClock(at('2026-06-01T00:00:00Z'));
    const s = setup(dbPath());
    const { log, lines } = await recordingLogger();
    await subscribe(s.store, 'discord:1', '0 6,12 * * *', 'America/New_York', clock.ms, { quiet: '22:00-07:00' });
    const scheduler = s.scheduler({ clock: clock.now, log });
    clock.set('2026-06-01T10:00:00Z'); // 06:00 EDT: quiet
    const early = await scheduler.runDue();
    clock.set('2026-06-01T16:00:00Z'); // 12:00 EDT
    const noon = await scheduler.runDue();
    expect(early.sent).toEqual([]);
    expect(early.skipped[0]!.reason).toContain('quiet hours (22:00-07:00 America/New_York)');
    expect(noon.sent.map((c) => iso(c.slot))).toEqual(['2026-06-01T16:00:00.000Z']);
    expect(lines().some((l) => String(l.reason).includes('quiet hours'))).toBe(true);
  });
});

describe('runDue across DST changes, ticking every minute', () => {
  const cases = [
    {
      zone: 'Europe/London',
      cron: '30 1 * * *',
      from: '2026-03-28T23:00:00Z',
      to: '2026-03-29T04:00:00Z',
      slot: '2026-03-29T01:30:00.000Z',
    }, // 01:30 does not exist: 02:30 BST
    {
      zone: 'Europe/London',
      cron: '30 1 * * *',
      from: '2026-10-24T22:00:00Z',
      to: '2026-10-25T04:00:00Z',
      slot: '2026-10-25T00:30:00.000Z',
    }, // 01:30 twice: the first
    {
      zone: 'America/New_York',
      cron: '30 2 * * *',
      from: '2026-03-08T04:00:00Z',
      to: '2026-03-08T10:00:00Z',
      slot: '2026-03-08T07:30:00.000Z',
    }, // 02:30 does not exist: 03:30 EDT
    {
      zone: 'America/New_York',
      cron: '30 1 * * *',
      from: '2026-11-01T03:00:00Z',
      to: '2026-11-01T09:00:00Z',
      slot: '2026-11-01T05:30:00.000Z',
    }, // 01:30 EDT, not again at 01:30 EST
  ];
  for (const c of cases) {
    it(`${c.cron} in ${c.zone} on ${c.from.slice(0, 10)} posts once, at ${c.slot}`, async () => {
      const clock = new FakeClock(at(c.from));
      const s = setup(dbPath());
      await subscribe(s.store, 'discord:1', c.cron, c.zone, clock.ms);
      const scheduler = s.scheduler({ clock: clock.now, graceMinutes: 0 });
      const sent: string[] = [];
      while (clock.ms < at(c.to)) {
        clock.advance(1);
        for (const claim of (await scheduler.runDue()).sent) sent.push(iso(claim.slot));
      }
      expect(sent).toEqual([c.slot]);
      expect(s.deliver.posts).toHaveLength(1);
    });
  }
});
