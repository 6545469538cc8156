// Decides which slots are due and posts each exactly once. node-cron only wakes it up (see trigger.ts): all
// catch-up, quiet-hours and exactly-once logic is here, in runDue(now), driven by an injected clock.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { postClaim, type PostOptions, type RunReport } from './post-digest.js';
import { inQuietHours, parseQuiet } from './schedule.js';
import { computeSlots, nextSlots, parseCron } from './slots.js';
import type { Claim, Delivery, Reclaim, Subscription } from './store.js';

export type { RunReport };

export interface SchedulerOptions extends PostOptions {
  /** A slot missed while the bot was down is posted at start-up if it is at most this old. */
  graceMinutes: number;
  /** Names this scheduler's claims in the ledger; unique per process by default. */
  instanceId?: string;
  /** A claim still 'sending' after this long belongs to a dead process. */
  staleClaimMs?: number;
  /** Slots claimed at a time, just before they are posted (default 1). */
  claimBatch?: number;
  /** Told what each wake-up did (metrics). */
  onReport?: (report: RunReport) => void;
}

/** Slots are due for this long even with no grace, since a wake-up lands a little after its slot. */
export const ON_TIME_MS = 2 * 60_000;
/** Slots older than this are not even listed: a bot down for weeks logs one line, not thousands. */
const LOOKBACK_MS = 8 * 86_400_000;
const DEFAULT_STALE_MS = 10 * 60_000;
/** Slots claimed per statement: what a replica killed mid-run can hold unposted. */
const DEFAULT_CLAIM_BATCH = 1;

export class DigestScheduler {
  readonly instanceId: string;
  private readonly opts: SchedulerOptions;
  private chain: Promise<unknown> = Promise.resolve();
  private stopping = false;
  /** Per subscription: no slot lies in (after, next). */
  private readonly nextSlot = new Map<string, { after: number; next: number }>();

  constructor(options: SchedulerOptions) {
    this.opts = options;
    this.instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  get windowMs(): number {
    return Math.max(this.opts.graceMinutes * 60_000, ON_TIME_MS);
  }

  /** Posts whatever is due at `now`. Calls are queued, so overlapping wake-ups never race inside one process. */
  runDue(now: number = this.opts.clock()): Promise<RunReport> {
    const run = this.chain
      .then(() => this.runOnce(now))
      .then((report) => {
        this.opts.onReport?.(report);
        return report;
      });
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Stops claiming; lets a post in flight finish (up to `deadlineMs`) and gives back claims not yet posted. */
  async stop(deadlineMs = 30_000): Promise<void> {
    this.stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.chain.then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), deadlineMs);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    if (timedOut)
      this.opts.log.warn(
        { instance: this.instanceId },
        'a digest post was still in flight at shutdown; its slot will be recorded as outcome unknown',
      );
  }

  private async runOnce(now: number): Promise<RunReport> {
    const report: RunReport = { sent: [], failed: [], released: [], skipped: [], paused: [] };
    if (this.stopping) return report;
    const { store, log } = this.opts;

    for (const d of await store.expireStale(now - (this.opts.staleClaimMs ?? DEFAULT_STALE_MS), now)) {
      log.warn(
        { channel: d.channel, slot: new Date(d.slot).toISOString(), claimedBy: d.claimedBy },
        `digest for ${d.channel} at ${new Date(d.slot).toISOString()} was being posted by a process that stopped; not retried, to never post it twice`,
      );
    }

    const fresh: Claim[] = [];
    const retries: Reclaim[] = [];
    const watermarks = new Map<string, number>();
    const skip = async (claim: Claim, reason: string, inLedger: boolean) => {
      report.skipped.push({ ...claim, reason });
      if (inLedger) await store.skip(claim, reason, now);
      log.info(
        { channel: claim.channel, slot: new Date(claim.slot).toISOString(), reason },
        `skipped the digest for ${claim.channel} at ${new Date(claim.slot).toISOString()}: ${reason}`,
      );
    };
    const waiting = new Map<string, Delivery[]>();
    for (const d of await store.retryable()) waiting.set(d.channel, [...(waiting.get(d.channel) ?? []), d]);

    for (const sub of await store.subscriptions('active')) {
      if (!this.opts.deliver.handles(sub.channel)) continue;
      const passed: Array<{ slot: number; reason: string }> = [];
      const due = this.dueSlots(sub, now, (slot, reason) => passed.push({ slot, reason }));
      for (const p of passed) await skip({ channel: sub.channel, slot: p.slot }, p.reason, false);
      watermarks.set(sub.channel, now);
      const backlog: Delivery[] = [];
      for (const d of waiting.get(sub.channel) ?? []) {
        if (now - d.slot > this.windowMs) {
          await skip(
            d,
            `it could not be posted within the ${Math.round(this.windowMs / 60_000)}-minute grace window`,
            true,
          );
          continue;
        }
        // Failed posts wait a minute per attempt before the next, instead of hammering a broken channel.
        if (d.status === 'unsent' || now >= (d.finishedAt ?? 0) + d.attempts * 60_000) backlog.push(d);
      }
      const newest = due.at(-1);
      const newestBacklog = backlog.at(-1);
      // One digest per wake-up per channel: the newest due slot wins and older ones are superseded.
      for (const slot of due.slice(0, -1))
        await skip({ channel: sub.channel, slot }, 'a later slot was due at the same time', false);
      if (newest !== undefined) {
        for (const d of backlog) await skip(d, 'a later slot is being posted instead', true);
        fresh.push({ channel: sub.channel, slot: newest });
      } else if (newestBacklog) {
        for (const d of backlog.slice(0, -1)) await skip(d, 'a later slot is being posted instead', true);
        retries.push({
          channel: sub.channel,
          slot: newestBacklog.slot,
          from: newestBacklog.status as 'failed' | 'unsent',
        });
      }
    }

    await this.claimAndPost(fresh, retries, watermarks, now, report);
    return report;
  }

  /**
   * Claims a few at a time, each claim just before its post, with its channel's watermark in the same statement:
   * a replica killed mid-run then holds only the claims in flight, and the other replicas claim the rest.
   */
  private async claimAndPost(
    fresh: Claim[],
    retries: Reclaim[],
    watermarks: Map<string, number>,
    now: number,
    report: RunReport,
  ): Promise<void> {
    const { store } = this.opts;
    const batch = Math.max(1, this.opts.claimBatch ?? DEFAULT_CLAIM_BATCH);
    const claimed = new Set([...fresh, ...retries].map((c) => c.channel));
    let rest = new Map([...watermarks].filter(([channel]) => !claimed.has(channel)));
    const work: Array<{ fresh?: Claim; retry?: Reclaim }> = [
      ...fresh.map((f) => ({ fresh: f })),
      ...retries.map((r) => ({ retry: r })),
    ];
    for (let i = 0; i === 0 || i < work.length; i += batch) {
      if (this.stopping) break;
      const chunk = work.slice(i, i + batch);
      const marks = new Map([
        ...rest,
        ...chunk.map((w) => [(w.fresh ?? w.retry)!.channel, watermarks.get((w.fresh ?? w.retry)!.channel)!] as const),
      ]);
      rest = new Map();
      const owned = await store.claim(
        chunk.flatMap((w) => (w.fresh ? [w.fresh] : [])),
        chunk.flatMap((w) => (w.retry ? [w.retry] : [])),
        marks,
        this.instanceId,
        now,
      );
      for (const claim of owned) await this.postOrRelease(claim, report);
    }
  }

  private async postOrRelease(claim: Claim, report: RunReport): Promise<void> {
    if (!this.stopping) return postClaim(this.opts, this.instanceId, claim, report);
    await this.opts.store.release(claim, this.instanceId, this.opts.clock());
    report.released.push(claim);
    this.opts.log.info(
      { channel: claim.channel },
      `shutting down: the digest for ${claim.channel} at ${new Date(claim.slot).toISOString()} is recorded as not sent and will be posted once after restart`,
    );
  }

  /** This subscription's slots since it was last checked that are due now; the others are reported to `onSkip`. */
  private dueSlots(sub: Subscription, now: number, onSkip: (slot: number, reason: string) => void): number[] {
    const cron = parseCron(sub.cron);
    if (!cron.ok) {
      this.opts.log.error(
        { channel: sub.channel, cron: sub.cron },
        `the stored schedule for ${sub.channel} is invalid: ${cron.error}`,
      );
      return [];
    }
    const quiet = sub.quiet ? parseQuiet(sub.quiet) : null;
    const from = Math.max(sub.checkedUntil, now - LOOKBACK_MS);
    // Most wake-ups have nothing due: remember the next slot so they cost no time-zone arithmetic.
    const key = `${sub.channel}|${sub.cron}|${sub.timezone}`;
    const known = this.nextSlot.get(key);
    if (known && known.after <= from && now < known.next) return [];
    if (from > sub.checkedUntil) {
      this.opts.log.warn(
        { channel: sub.channel },
        `digests for ${sub.channel} before ${new Date(from).toISOString()} were missed and are not posted`,
      );
    }
    const due: number[] = [];
    for (const slot of computeSlots(cron.fields, sub.timezone, from, now)) {
      if (quiet?.ok && inQuietHours(slot, sub.timezone, quiet.quiet))
        onSkip(slot, `it falls in quiet hours (${quiet.quiet.label} ${sub.timezone})`);
      else if (now - slot > this.windowMs)
        onSkip(
          slot,
          `it was missed while the bot was down and is older than the ${Math.round(this.windowMs / 60_000)}-minute grace window`,
        );
      else due.push(slot);
    }
    const next = nextSlots(cron.fields, sub.timezone, now, 1)[0];
    if (next === undefined) this.nextSlot.delete(key);
    else this.nextSlot.set(key, { after: now, next });
    return due;
  }
}
