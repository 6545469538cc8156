// The node-cron side, without waiting: which tasks exist, in which zone, and that they follow the database.
import { join } from 'node:path';
import cron from 'node-cron';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CronTrigger } from '../../src/digest/trigger.js';
import { silentLogger } from '../../src/log.js';
import { at, setup, subscribe, tempDir } from './helpers.js';

let tmp: { dir: string; cleanup: () => void };
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const digestTasks = () =>
  [...cron.getTasks().values()]
    .filter((t) => t.name?.startsWith('digest'))
    .map((t) => `${t.name} ${t.getPattern()}`)
    .sort();

it('keeps one node-cron task per active subscription, in its zone, plus a heartbeat', async () => {
  const s = setup(join(tmp.dir, 'db'));
  const now = at('2026-06-01T06:00:00Z');
  await subscribe(s.store, 'discord:1', '30 7 * * 1-5', 'America/New_York', now);
  await subscribe(s.store, 'slack:C2', '0 8 * * *', 'Europe/London', now);
  const trigger = new CronTrigger(s.scheduler(), s.store, silentLogger, () => now);
  await trigger.start();
  try {
    expect(digestTasks()).toEqual([
      'digest-heartbeat * * * * *',
      'digest:discord:1 30 7 * * 1-5',
      'digest:slack:C2 0 8 * * *',
    ]);
    const task = [...cron.getTasks().values()].find((t) => t.name === 'digest:discord:1')!;
    // 07:30 in New York is 11:30 UTC in June: the task runs in the subscription's zone.
    expect(task.match(new Date('2026-06-01T11:30:00Z'))).toBe(true);
    expect(task.match(new Date('2026-06-01T07:30:00Z'))).toBe(false);

    await s.store.remove('slack:C2');
    await subscribe(s.store, 'discord:1', '0 9 * * *', 'America/New_York', now);
    await trigger.sync();
    expect(digestTasks()).toEqual(['digest-heartbeat * * * * *', 'digest:discord:1 0 9 * * *']);
  } finally {
    trigger.stop();
  }
  expect(digestTasks()).toEqual([]);
});
