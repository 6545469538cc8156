// What /digest may do, behind one interface (Services.digests); runtime.ts owns the database, the scheduler and
// its trigger for the running bot.
import type { Library } from '../library/library.js';
import type { StoryBook } from '../stories/story-book.js';
import { DEFAULT_MAX_STORIES, type Digest } from './compose.js';
import { composeWithModel, type DigestModel } from './model-tldrs.js';
import { inQuietHours, parseQuiet, parseSchedule, parseTimeZone } from './schedule.js';
import { nextSlots } from './slots.js';
import { DEFAULT_NOTHING_NEW, type DigestStore, type NothingNew, type Subscription } from './store.js';

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
