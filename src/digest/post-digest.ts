// Posting one claimed digest slot: compose it (one entry per story, with the optional model's tldrs), skip it when
// nothing is loaded or nothing is new and the channel asked for no post, send it, and record what happened in the
// ledger; after too many failures in a row the subscription pauses and its creator is told once.
import type { Reply } from '../core/reply.js';
import { DEFAULT_MAX_STORIES } from './compose.js';
import { composeWithModel } from './model-tldrs.js';
import { errorReason, outcomeUnknown } from './deliver.js';
import type { Logger } from 'pino';
import type { Library } from '../library/library.js';
import type { StoryBook } from '../stories/story-book.js';
import type { DigestModel } from './model-tldrs.js';
import type { Deliver } from './deliver.js';
import type { Claim, DigestStore, Subscription } from './store.js';
import { describeInstant } from './zoned-time.js';

/** What posting needs: the ledger, the stories, the optional model, the delivery, and the failure limit. */
export interface PostOptions {
  store: DigestStore;
  library: Library;
  /** Groups the articles into stories (one digest entry per story); without it each article is one. */
  stories?: () => StoryBook;
  /** The optional model layer, for checked model-written tldrs. */
  model?: DigestModel;
  deliver: Deliver;
  log: Logger;
  clock: () => number;
  /** Failed posts in a row before a subscription is paused. */
  maxFailures: number;
  maxStories?: number;
}

export interface RunReport {
  sent: Claim[];
  failed: Claim[];
  /** Claims given back unposted because the scheduler is stopping. */
  released: Claim[];
  skipped: Array<Claim & { reason: string }>;
  paused: string[];
}

export async function postClaim(opts: PostOptions, instanceId: string, claim: Claim, report: RunReport): Promise<void> {
  const { store, log, library } = opts;
  const digest = await composeWithModel(
    library.stories(),
    await store.delivered(claim.channel),
    {
      maxStories: opts.maxStories ?? DEFAULT_MAX_STORIES,
      title: 'News digest',
      ...(opts.stories ? { stories: opts.stories() } : {}),
    },
    opts.model,
  );
  if (digest.included.length === 0 && !digest.nothingNew) {
    await store.skip(claim, 'no stories are loaded', opts.clock());
    report.skipped.push({ ...claim, reason: 'no stories are loaded' });
    log.info({ channel: claim.channel }, `skipped the digest for ${claim.channel}: no stories are loaded`);
    return;
  }
  // Nothing new: the channel gets one short line, or (nothing_new:skip) no post, and the ledger says which.
  if (digest.nothingNew && (await store.subscription(claim.channel))?.nothingNew === 'skip') {
    const reason = 'nothing is new since the last digest (nothing_new:skip)';
    await store.skip(claim, reason, opts.clock());
    report.skipped.push({ ...claim, reason });
    log.info(
      { channel: claim.channel, slot: new Date(claim.slot).toISOString(), reason },
      `skipped the digest for ${claim.channel}: ${reason}`,
    );
    return;
  }
  try {
    await opts.deliver.send(claim.channel, digest.reply);
  } catch (error) {
    const reason = errorReason(error);
    const unknown = outcomeUnknown(error);
    const sub = await store.markFailed(
      claim,
      instanceId,
      unknown ? 'unknown' : 'failed',
      reason,
      opts.maxFailures,
      opts.clock(),
    );
    report.failed.push(claim);
    log.warn(
      { channel: claim.channel, slot: new Date(claim.slot).toISOString(), reason, failures: sub?.failures },
      `could not post the digest to ${claim.channel}: ${reason}`,
    );
    if (sub?.status === 'paused' && !sub.creatorTold) await tellCreator(opts, sub, report);
    return;
  }
  await store.markSent(claim, instanceId, digest.included, opts.clock());
  report.sent.push(claim);
  const sub = await store.subscription(claim.channel);
  const when = sub ? describeInstant(claim.slot, sub.timezone) : new Date(claim.slot).toISOString();
  log.info(
    {
      channel: claim.channel,
      slot: new Date(claim.slot).toISOString(),
      stories: digest.included.length,
      fresh: digest.fresh,
    },
    digest.nothingNew
      ? `posted "nothing new" to ${claim.channel} (${when})`
      : `posted the digest to ${claim.channel} (${when})`,
  );
}

// The creator is told once, in the channel itself if the platform still lets us post there (the failure may
// have been passing); otherwise the log line is the record, and /digest list shows the pause and its reason.
async function tellCreator(opts: PostOptions, sub: Subscription, report: RunReport): Promise<void> {
  const { store, log } = opts;
  report.paused.push(sub.channel);
  await store.setCreatorTold(sub.channel);
  const notice: Reply = {
    title: 'Digest paused',
    sections: [
      {
        blocks: [
          {
            type: 'text',
            text: `The scheduled digest for this channel is paused: ${sub.pausedReason ?? 'too many failed posts'}.`,
          },
          { type: 'text', text: `Set up by user ${sub.createdBy}. An admin can resume it with /digest subscribe.` },
        ],
      },
    ],
    kind: 'notice',
  };
  try {
    await opts.deliver.send(sub.channel, notice);
    log.warn(
      { channel: sub.channel, createdBy: sub.createdBy, reason: sub.pausedReason },
      `paused the digest for ${sub.channel}; told its creator in the channel`,
    );
  } catch (error) {
    log.warn(
      { channel: sub.channel, createdBy: sub.createdBy, reason: sub.pausedReason, notifyError: errorReason(error) },
      `paused the digest for ${sub.channel}; could not tell its creator ${sub.createdBy} there`,
    );
  }
}
