// What /digest may do, behind one interface (Services.digests), and the wiring that owns the database,
// the scheduler and its trigger for the running bot.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Library } from '../library/library.js';
import type { StoryBook } from '../stories/story-book.js';
import type { Metrics } from '../ops/metrics.js';
import { openStateBackend, type StateBackend } from '../state/backend.js';
import { DEFAULT_MAX_STORIES, type Digest } from './compose.js';
import { composeWithModel, type DigestModel } from './model-tldrs.js';
import type { GroundedWriter } from '../llm/writer.js';
import { deliverThrough, type Deliver, type Outlet } from './deliver.js';
import { inQuietHours, parseQuiet, parseSchedule, parseTimeZone } from './schedule.js';
import { DigestScheduler } from './scheduler.js';
import { nextSlots } from './slots.js';
import { openDigestStore } from './open-store.js';
import { DEFAULT_NOTHING_NEW, type DigestStore, type NothingNew, type Subscription } from './store.js';
import { CronTrigger } from './trigger.js';

export interface SubscribeRequest {
  channel: string;
  schedule: string;
  timezone: string;
  quiet?: string;
  /** When nothing is new: one short line (default) or no post. */
  nothingNew?: NothingNew;
  createdBy: string;
}

export type SubscribeResult =
  | { ok: true; action: 'created' | 'updated' | 'resumed'; subscription: Subscription; next: number[] }
  | { ok: false; error: string };

export interface DigestService {
  subscribe(request: SubscribeRequest): Promise<SubscribeResult>;
  unsubscribe(channel: string): Promise<boolean>;
  /** One channel's subscription, or every one when no channel is given. */
  list(channel?: string): Promise<Subscription[]>;
  /** The next slots of a subscription, for /digest list. */
  next(subscription: Subscription, count: number): number[];
  /** The digest the channel would get now, without recording anything. */
  preview(channel: string): Promise<ChannelDigest>;
  /** The digest for posting now as a reply; its stories are recorded as sent to the channel. */
  postNow(channel: string): Promise<ChannelDigest>;
  lastDigestAt(channel: string): Promise<number | null>;
}

/** A digest for one channel; `silent` when nothing is new and the channel chose `nothing_new:skip`: post nothing. */
export interface ChannelDigest extends Digest {
  silent: boolean;
}

export interface DigestServiceOptions {
  /** The store, opened on first use; `null` from a read when no database exists yet. */
  store: (mode: 'read' | 'write') => Promise<DigestStore | null>;
  library: Library;
  /** Groups the articles into stories (one digest entry per story); without it each article is one. */
  stories?: () => StoryBook;
  clock: () => number;
  maxStories?: number;
  /** Told when a subscription changes, so the trigger can follow. */
  onChange?: () => void;
  /** The optional model layer, for checked model-written tldrs. */
  model?: DigestModel;
}

export function createDigestService(options: DigestServiceOptions): DigestService {
  const { library, clock } = options;
  const maxStories = options.maxStories ?? DEFAULT_MAX_STORIES;
  const read = () => options.store('read');
  const write = async () => (await options.store('write'))!;
  const grouped = () => (options.stories ? { stories: options.stories() } : {});
  return {
    async subscribe(request) {
      const schedule = parseSchedule(request.schedule);
      if (!schedule.ok) return schedule;
      const zone = parseTimeZone(request.timezone);
      if (!zone.ok) return zone;
      const quiet = request.quiet ? parseQuiet(request.quiet) : null;
      if (quiet && !quiet.ok) return quiet;
      if (quiet) {
        const upcoming = nextSlots(schedule.schedule.fields, zone.zone, clock(), 50);
        if (upcoming.length > 0 && upcoming.every((t) => inQuietHours(t, zone.zone, quiet.quiet))) {
          return {
            ok: false,
            error: `Every slot of "${schedule.schedule.label}" falls inside the quiet hours ${quiet.quiet.label}, so nothing would ever be posted.`,
          };
        }
      }
      const store = await write();
      const now = clock();
      const action = await store.upsert(
        {
          channel: request.channel,
          cron: schedule.schedule.cron,
          scheduleLabel: schedule.schedule.label,
          timezone: zone.zone,
          quiet: quiet?.quiet.label ?? null,
          nothingNew: request.nothingNew ?? DEFAULT_NOTHING_NEW,
          origin: 'chat',
          createdBy: request.createdBy,
        },
        now,
      );
      options.onChange?.();
      const subscription = (await store.subscription(request.channel))!;
      return { ok: true, action, subscription, next: nextSlots(schedule.schedule.fields, zone.zone, now, 3) };
    },
    async unsubscribe(channel) {
      const store = await read();
      const removed = (await store?.remove(channel)) ?? false;
      if (removed) options.onChange?.();
      return removed;
    },
    async list(channel) {
      const store = await read();
      if (!store) return [];
      if (channel === undefined) return store.subscriptions();
      const one = await store.subscription(channel);
      return one ? [one] : [];
    },
    next(subscription, count) {
      const schedule = parseSchedule(subscription.cron);
      return schedule.ok ? nextSlots(schedule.schedule.fields, subscription.timezone, clock(), count) : [];
    },
    async preview(channel) {
      const store = await read();
      const digest = await composeWithModel(
        library.stories(),
        (await store?.delivered(channel)) ?? new Map(),
        { maxStories, title: 'Digest preview', ...grouped() },
        options.model,
      );
      return { ...digest, silent: store ? await silent(store, channel, digest) : false };
    },
    async postNow(channel) {
      const store = await write();
      const digest = await composeWithModel(
        library.stories(),
        await store.delivered(channel),
        { maxStories, title: 'News digest', ...grouped() },
        options.model,
      );
      await store.recordDelivered(channel, digest.included, clock());
      return { ...digest, silent: await silent(store, channel, digest) };
    },
    async lastDigestAt(channel) {
      return (await (await read())?.lastDigestAt(channel)) ?? null;
    },
  };
}

async function silent(store: DigestStore, channel: string, digest: Digest): Promise<boolean> {
  return digest.nothingNew && (await store.subscription(channel))?.nothingNew === 'skip';
}

/**
 * Applies DIGEST_CRON / DIGEST_TIMEZONE / DIGEST_CHANNELS: each listed channel gets the default schedule unless a
 * schedule was set for it in chat (chat wins); channels dropped from the list lose their environment schedule.
 */
export async function applyEnvironmentDefaults(
  store: DigestStore,
  config: Pick<Config, 'DIGEST_CRON' | 'DIGEST_TIMEZONE' | 'DIGEST_CHANNELS' | 'DIGEST_QUIET_HOURS'>,
  now: number,
  log: Logger,
): Promise<void> {
  const listed = new Set(config.DIGEST_CHANNELS);
  for (const sub of await store.subscriptions()) {
    if (sub.origin === 'env' && (!listed.has(sub.channel) || !config.DIGEST_CRON)) {
      await store.remove(sub.channel);
      log.info(
        { channel: sub.channel },
        `removed the default digest schedule of ${sub.channel} (no longer in DIGEST_CHANNELS/DIGEST_CRON)`,
      );
    }
  }
  if (!config.DIGEST_CRON || listed.size === 0) {
    if (config.DIGEST_CRON)
      log.warn('DIGEST_CRON is set but DIGEST_CHANNELS is empty, so no channel gets the default digest');
    return;
  }
  const schedule = parseSchedule(config.DIGEST_CRON);
  if (!schedule.ok) throw new Error(`Configuration error: DIGEST_CRON is invalid. ${schedule.error}`);
  const zone = parseTimeZone(config.DIGEST_TIMEZONE);
  if (!zone.ok) throw new Error(`Configuration error: DIGEST_TIMEZONE is invalid. ${zone.error}`);
  const quiet = config.DIGEST_QUIET_HOURS ? parseQuiet(config.DIGEST_QUIET_HOURS) : null;
  if (quiet && !quiet.ok) throw new Error(`Configuration error: DIGEST_QUIET_HOURS is invalid. ${quiet.error}`);
  for (const channel of listed) {
    const existing = await store.subscription(channel);
    if (existing?.origin === 'chat') continue;
    const same =
      existing &&
      existing.cron === schedule.schedule.cron &&
      existing.timezone === zone.zone &&
      existing.quiet === (quiet?.quiet.label ?? null);
    // An unchanged default is left alone, so restarting neither resumes a paused channel nor moves its watermark.
    if (same) continue;
    await store.upsert(
      {
        channel,
        cron: schedule.schedule.cron,
        scheduleLabel: schedule.schedule.label,
        timezone: zone.zone,
        quiet: quiet?.quiet.label ?? null,
        origin: 'env',
        createdBy: 'env',
      },
      now,
    );
    log.info(
      { channel, cron: schedule.schedule.cron, timezone: zone.zone },
      `default digest schedule for ${channel}: ${schedule.schedule.label} (${zone.zone})`,
    );
  }
}

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
