// The production wake-up: one node-cron task per subscription, in the subscription's own time zone, plus a
// once-a-minute heartbeat. Both only call runDue(now); the heartbeat also catches what a per-schedule task cannot
// see: slots moved by a DST gap, retries, and subscriptions created by another process on the same database.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { DigestScheduler } from './scheduler.js';
import type { DigestStore } from './store.js';

export class CronTrigger {
  private readonly tasks = new Map<string, { key: string; task: ScheduledTask }>();
  private heartbeat: ScheduledTask | null = null;

  constructor(
    private readonly scheduler: DigestScheduler,
    private readonly store: DigestStore,
    private readonly log: Logger,
    private readonly clock: () => number,
  ) {}

  async start(): Promise<void> {
    this.heartbeat = cron.schedule('* * * * *', () => this.wake(), { name: 'digest-heartbeat', ...this.taskOptions() });
    // The heartbeat runs from now on, and every wake-up syncs the tasks: a failed first read is not fatal.
    await this.sync().catch((err: unknown) =>
      this.log.error({ err }, 'reading the digest schedules failed; the next wake-up tries again'),
    );
  }

  /** Brings the per-subscription tasks in line with the database (call after a subscription changes). */
  async sync(): Promise<void> {
    const wanted = new Map(
      (await this.store.subscriptions('active')).map((s) => [s.channel, `${s.cron}|${s.timezone}`]),
    );
    for (const [channel, entry] of this.tasks) {
      if (wanted.get(channel) === entry.key) continue;
      void entry.task.destroy();
      this.tasks.delete(channel);
    }
    for (const [channel, key] of wanted) {
      if (this.tasks.has(channel)) continue;
      const [expression, timezone] = key.split('|') as [string, string];
      try {
        const task = cron.schedule(expression, () => this.wake(), {
          timezone,
          name: `digest:${channel}`,
          ...this.taskOptions(),
        });
        this.tasks.set(channel, { key, task });
      } catch (error) {
        this.log.error(
          { channel, cron: expression, timezone, err: error },
          `could not schedule the digest for ${channel}`,
        );
      }
    }
  }

  // Timers never keep the process alive on their own, and node-cron's own messages go to our log.
  private taskOptions() {
    const log = this.log;
    return {
      noOverlap: true,
      unref: true,
      logger: {
        info: (m: string) => log.debug(m),
        warn: (m: string) => log.debug(m),
        error: (m: string | Error) => log.error({ err: m }, 'node-cron error'),
        debug: (m: string | Error) => log.trace({ msg: String(m) }),
      },
    };
  }

  stop(): void {
    void this.heartbeat?.destroy();
    this.heartbeat = null;
    for (const { task } of this.tasks.values()) void task.destroy();
    this.tasks.clear();
  }

  private async wake(): Promise<void> {
    try {
      await this.scheduler.runDue(this.clock());
      await this.sync();
    } catch (error) {
      // Never throw into node-cron's timer: log, and the next wake-up tries again.
      this.log.error({ err: error }, 'the digest run failed');
    }
  }
}
