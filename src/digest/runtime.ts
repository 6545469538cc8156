// The digest feature of a running bot: the store, opened lazily on the state backend; the service /digest uses;
// and the scheduler with its cron trigger, started once adapters can deliver.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Library } from '../library/library.js';
import type { GroundedWriter } from '../llm/writer.js';
import type { Metrics } from '../ops/metrics.js';
import { openStateBackend, type StateBackend } from '../state/backend.js';
import type { StoryBook } from '../stories/story-book.js';
import { deliverThrough, type Deliver, type Outlet } from './deliver.js';
import { applyEnvironmentDefaults } from './env-defaults.js';
import type { DigestModel } from './model-tldrs.js';
import { openDigestStore } from './open-store.js';
import { DigestScheduler } from './scheduler.js';
import { createDigestService, type DigestService } from './service.js';
import type { DigestStore } from './store.js';
import { CronTrigger } from './trigger.js';

/** The digest feature of a running bot: the store (opened lazily on the state backend), the service, and the scheduler. */
export class DigestRuntime {
  readonly service: DigestService;
  private store: Promise<DigestStore> | null = null;
  private readonly backend: StateBackend;
  /** A backend passed in belongs to the caller (app.ts closes it); one made here is closed by stop(). */
  private readonly ownsBackend: boolean;
  private scheduler: DigestScheduler | null = null;
  private trigger: CronTrigger | null = null;
  private deliver: Deliver | null = null;
  private starting: Promise<void> = Promise.resolve();
  private readonly model: DigestModel | undefined;

  constructor(
    private readonly config: Config,
    private readonly library: Library,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
    backend?: StateBackend,
    private readonly metrics?: Metrics,
    private readonly stories?: () => StoryBook,
    writer?: GroundedWriter,
  ) {
    this.model = writer ? { writer, budgetMs: config.LLM_TIMEOUT_MS } : undefined;
    this.backend = backend ?? openStateBackend(config);
    this.ownsBackend = backend === undefined;
    this.service = createDigestService({
      store: (mode) => this.open(mode),
      library,
      ...(stories ? { stories } : {}),
      ...(this.model ? { model: this.model } : {}),
      clock,
      onChange: () => {
        if (this.trigger)
          void this.trigger
            .sync()
            .catch((error: unknown) => this.log.error({ err: error }, 'could not follow the digest schedules'));
        else
          this.starting = this.startScheduler().catch((error: unknown) =>
            this.log.error({ err: error }, 'could not start the digest scheduler'),
          );
      },
    });
  }

  private async open(mode: 'read' | 'write'): Promise<DigestStore | null> {
    if (this.store) return this.store;
    // A read-only command (a preview from the CLI) on a machine with no database does not create one.
    if (mode === 'read' && !this.backend.exists()) return null;
    const opening = openDigestStore(this.backend);
    this.store = opening;
    opening.catch(() => {
      if (this.store === opening) this.store = null;
    });
    return opening;
  }

  /**
   * Opens the database, applies the environment's default schedule, catches up on missed slots, and starts the
   * trigger. With no database file and no default schedule there is nothing to run yet: the scheduler then starts
   * when the first /digest subscribe creates the database. (`briefbot start` opens and migrates the database before
   * this, see openState in src/app.ts, so there a database always exists; a caller that skips that creates none.)
   */
  async start(adapters: Iterable<Outlet> | Deliver): Promise<void> {
    this.deliver = Symbol.iterator in adapters ? deliverThrough(adapters) : adapters;
    const needed = this.config.DIGEST_CHANNELS.length > 0 || this.backend.exists();
    if (needed || this.store) {
      this.starting = this.startScheduler();
      await this.starting;
    }
  }

  private async startScheduler(): Promise<void> {
    if (this.scheduler || !this.deliver) return;
    const store = (await this.open('write'))!;
    await applyEnvironmentDefaults(store, this.config, this.clock(), this.log);
    const deliver = this.deliver;
    const scheduler = new DigestScheduler({
      store,
      library: this.library,
      ...(this.stories ? { stories: this.stories } : {}),
      ...(this.model ? { model: this.model } : {}),
      deliver,
      log: this.log,
      clock: this.clock,
      graceMinutes: this.config.DIGEST_GRACE_MINUTES,
      maxFailures: this.config.DIGEST_MAX_FAILURES,
      onReport: (r) => {
        const counter = this.metrics?.digests;
        if (!counter) return;
        for (const [outcome, n] of [
          ['sent', r.sent.length],
          ['failed', r.failed.length],
          ['skipped', r.skipped.length],
          ['released', r.released.length],
        ] as const)
          if (n) counter.inc({ outcome }, n);
      },
    });
    this.scheduler = scheduler;
    const ignored = (await store.subscriptions('active'))
      .filter((s) => !deliver.handles(s.channel))
      .map((s) => s.channel);
    if (ignored.length)
      this.log.info(
        { channels: ignored },
        `digests for ${ignored.join(', ')} are left to a process running their platform`,
      );
    // The start-up catch-up meets the state as it is: a database that drops mid-run (a Postgres restart) fails this
    // run, not the process; the heartbeat tries again within a minute, inside the catch-up window.
    await scheduler
      .runDue(this.clock())
      .catch((err: unknown) =>
        this.log.error({ err }, 'the start-up digest run failed; the next wake-up (within a minute) tries again'),
      );
    this.trigger = new CronTrigger(scheduler, store, this.log, this.clock);
    await this.trigger.start();
  }

  /** Stops the trigger, finishes or gives back a post in flight, and closes the state backend if it made it. */
  async stop(deadlineMs?: number): Promise<void> {
    await this.starting.catch(() => undefined);
    this.deliver = null;
    this.trigger?.stop();
    this.trigger = null;
    await this.scheduler?.stop(deadlineMs);
    this.scheduler = null;
    if (this.ownsBackend) await this.backend.close();
    this.store = null;
  }
}
