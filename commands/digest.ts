// /digest: scheduled digests managed in chat. Anyone may list and preview; changing a schedule (and posting one
// now, which speaks to the whole channel) needs Manage Server on Discord, SLACK_ADMIN_USER_IDS on Slack.
import type { Caller } from '../src/core/caller.js';
import { adminRefusal, isLocal, namedChannel } from './channel-admin.js';
import { defineCommand, type Context } from './services.js';
import { errorReply, type Reply } from '../src/core/reply.js';
import { composeDigest } from '../src/digest/compose.js';
import { SCHEDULE_HELP } from '../src/digest/schedule.js';
import type { ChannelDigest, DigestService } from '../src/digest/service.js';
import { NOTHING_NEW, type Subscription } from '../src/digest/store.js';
import { describeInstant } from '../src/digest/zoned-time.js';

const ACTIONS = ['list', 'preview', 'subscribe', 'unsubscribe', 'now'] as const;
const CHANGES = new Set<string>(['subscribe', 'unsubscribe', 'now']);

const options = {
  action: {
    type: 'string',
    description: 'subscribe, unsubscribe, list, preview (only you see it) or now',
    choices: ACTIONS,
    positional: true,
  },
  schedule: {
    type: 'string',
    description: 'Cron ("0 8 * * *") or "daily 08:00", "weekdays 07:30"',
    maxLength: 100,
    multiWord: true,
  },
  timezone: { type: 'string', description: 'IANA time zone, e.g. Europe/London (default UTC)', maxLength: 64 },
  quiet: { type: 'string', description: 'Quiet hours HH:MM-HH:MM: slots inside are skipped', maxLength: 20 },
  nothing_new: {
    type: 'string',
    description: 'When nothing is new: line (one short line, the default) or skip (post nothing)',
    choices: NOTHING_NEW,
  },
  channel: {
    type: 'string',
    description: 'Console and command line only: the channel, e.g. discord:123 or slack:C123',
    maxLength: 80,
  },
} as const;

type Ctx = Context<typeof options>;

/** The channel a command is about: where it was typed, or (console and CLI only) the one named. */
function targetChannel(ctx: Ctx): { ok: true; channel: string } | { ok: false; reply: Reply } {
  const { caller, options: o } = ctx;
  const named = namedChannel(caller, o.channel, 'digest');
  if (!named.ok) return named;
  if (named.channel !== undefined) return { ok: true, channel: named.channel };
  if (caller.platform === 'cli' && (o.action === 'subscribe' || o.action === 'unsubscribe')) {
    return {
      ok: false,
      reply: errorReply(
        'From the command line, name the channel to schedule, e.g. channel:discord:123 or channel:slack:C123.',
      ),
    };
  }
  return { ok: true, channel: caller.channelId };
}

/**
 * `now` posts to the channel and records its stories as sent, so it runs only where the reply lands in that channel:
 * the command line has no platform connection, and the console only shows the reply in the terminal. Recording a
 * digest nobody saw would make the channel's next digest say "Nothing new".
 */
function postNowElsewhere(caller: Caller, channel: string): Reply | null {
  if (caller.platform !== 'cli' && channel.startsWith(`${caller.platform}:`)) return null;
  const cli = caller.platform === 'cli';
  const where = cli ? 'the command line' : 'the console';
  const named = channel !== caller.channelId;
  const preview = cli
    ? `"briefbot digest preview${named ? ` --channel ${channel}` : ''}"`
    : `"/digest preview${named ? ` channel:${channel}` : ''}"`;
  return errorReply(
    `A digest can't be posted to ${channel} from ${where}: posting needs the running bot on that platform, and nothing was sent or recorded.`,
    `Use the bot's /digest now in that channel, or see what it would get (recording nothing) with ${preview}.`,
  );
}

async function describe(sub: Subscription, service: DigestService): Promise<string[]> {
  const lines = [
    `Schedule: ${sub.scheduleLabel}${sub.scheduleLabel !== sub.cron ? ` (cron ${sub.cron})` : ''}, ${sub.timezone}`,
  ];
  if (sub.quiet) lines.push(`Quiet hours: ${sub.quiet} (slots inside are skipped)`);
  lines.push(
    sub.nothingNew === 'skip'
      ? 'When nothing is new: no post (nothing_new:skip)'
      : 'When nothing is new: one short line (nothing_new:line)',
  );
  if (sub.status === 'paused')
    lines.push(`Paused: ${sub.pausedReason ?? 'too many failed posts'}. /digest subscribe resumes it.`);
  else {
    const next = service.next(sub, 1)[0];
    if (next !== undefined) lines.push(`Next: ${describeInstant(next, sub.timezone)}`);
    if (sub.failures > 0) lines.push(`Failed posts in a row: ${sub.failures} (last: ${sub.lastError ?? 'unknown'})`);
  }
  const last = await service.lastDigestAt(sub.channel);
  lines.push(`Last digest: ${last === null ? 'none yet' : describeInstant(last, sub.timezone)}`);
  lines.push(sub.origin === 'env' ? 'Set by DIGEST_CHANNELS in the environment' : `Set up by user ${sub.createdBy}`);
  return lines;
}

function previewReply(digest: ChannelDigest): Reply {
  const silent = digest.silent ? 'This channel is set to nothing_new:skip, so a digest now would post nothing' : '';
  return {
    ...digest.reply,
    ephemeral: true,
    footer: [digest.reply.footer, silent, 'Preview: only you see this, and nothing is recorded']
      .filter(Boolean)
      .join(' · '),
  };
}

/** The digest posted now; on a nothing_new:skip channel with nothing new, a note to the admin alone instead. */
function nowReply(digest: ChannelDigest, channel: string): Reply {
  if (!digest.silent) return digest.reply;
  return {
    title: 'Nothing posted',
    sections: [
      {
        blocks: [
          {
            type: 'text',
            text: `Nothing is new since the last digest in ${channel}, and it is set to nothing_new:skip, so nothing was posted.`,
          },
        ],
      },
    ],
    kind: 'notice',
    ephemeral: true,
    data: { posted: false, nothingNew: true },
  };
}

async function run(ctx: Ctx): Promise<Reply> {
  const { options: o, caller, digests, library, stories } = ctx;
  const action = o.action ?? 'list';
  const target = targetChannel(ctx);
  if (!target.ok) return target.reply;
  const channel = target.channel;

  if (action === 'preview') {
    const digest = digests
      ? await digests.preview(channel)
      : {
          ...composeDigest(library.stories(), new Map(), {
            title: 'Digest preview',
            ...(stories ? { stories: stories() } : {}),
          }),
          silent: false,
        };
    return previewReply(digest);
  }
  if (CHANGES.has(action) && !caller.isAdmin)
    return adminRefusal(
      caller,
      'change digest schedules or post a digest now',
      'You can still use /digest list and /digest preview.',
    );
  if (!digests)
    return errorReply('Scheduled digests are not available here (no database is configured).', 'Try /digest preview.');

  switch (action) {
    case 'subscribe':
      return subscribe(digests, channel, o, caller);
    case 'unsubscribe':
      return (await digests.unsubscribe(channel))
        ? {
            title: 'Unsubscribed',
            sections: [{ blocks: [{ type: 'text', text: `No more scheduled digests for ${channel}.` }] }],
            ephemeral: true,
          }
        : errorReply(`${channel} has no digest schedule.`, 'See /digest list.');
    case 'now':
      return postNowElsewhere(caller, channel) ?? nowReply(await digests.postNow(channel), channel);
    default:
      // From the console or command line with no channel named: every channel's schedule.
      return listSchedules(digests, isLocal(caller) && o.channel === undefined ? undefined : channel, isLocal(caller));
  }
}

async function subscribe(digests: DigestService, channel: string, o: Ctx['options'], caller: Caller): Promise<Reply> {
  if (!o.schedule)
    return errorReply(
      '/digest subscribe needs a schedule, e.g. schedule:"daily 08:00" timezone:Europe/London.',
      SCHEDULE_HELP,
    );
  const result = await digests.subscribe({
    channel,
    schedule: o.schedule,
    timezone: o.timezone ?? 'UTC',
    quiet: o.quiet,
    nothingNew: o.nothing_new,
    createdBy: caller.userId,
  });
  if (!result.ok) return errorReply(result.error, 'Nothing was saved.');
  const sub = result.subscription;
  const verb = { created: 'Subscribed', updated: 'Schedule updated', resumed: 'Resumed' }[result.action];
  return {
    title: `${verb}: digest for ${channel}`,
    sections: [
      {
        blocks: [
          { type: 'text', text: (await describe(sub, digests)).join('\n') },
          { type: 'bullets', items: result.next.map((t) => describeInstant(t, sub.timezone)) },
        ],
      },
    ],
    footer: 'The next slots are listed above. /digest unsubscribe stops it.',
    ephemeral: true,
    data: {
      channel,
      cron: sub.cron,
      timezone: sub.timezone,
      quiet: sub.quiet,
      nothingNew: sub.nothingNew,
      next: result.next.map((t) => new Date(t).toISOString()),
    },
  };
}

async function listSchedules(digests: DigestService, channel: string | undefined, local: boolean): Promise<Reply> {
  const subs = await digests.list(channel);
  if (subs.length === 0) {
    return {
      title: 'Digest schedules',
      sections: [
        {
          blocks: [
            {
              type: 'text',
              text: `No digest is scheduled ${local ? 'anywhere' : 'for this channel'}. An admin can add one: /digest subscribe schedule:"daily 08:00" timezone:Europe/London`,
            },
          ],
        },
      ],
      kind: 'notice',
      ephemeral: true,
      data: { subscriptions: [] },
    };
  }
  return {
    title: `Digest schedules (${subs.length})`,
    sections: await Promise.all(
      subs.map(async (s) => ({
        heading: `${s.channel}${s.status === 'paused' ? ' (paused)' : ''}`,
        blocks: [{ type: 'text' as const, text: (await describe(s, digests)).join('\n') }],
      })),
    ),
    ephemeral: true,
    data: {
      subscriptions: subs.map((s) => ({
        channel: s.channel,
        cron: s.cron,
        timezone: s.timezone,
        quiet: s.quiet,
        nothingNew: s.nothingNew,
        status: s.status,
        pausedReason: s.pausedReason,
      })),
    },
  };
}

export const digest = defineCommand({
  name: 'digest',
  description: 'Scheduled news digests for this channel: subscribe, unsubscribe, list, preview, now',
  options,
  examples: [
    '/digest preview',
    '/digest subscribe schedule:"daily 08:00" timezone:Europe/London',
    '/digest subscribe schedule:"weekdays 07:30" timezone:America/New_York quiet:22:00-07:00',
    '/digest subscribe schedule:"daily 08:00" nothing_new:skip',
    '/digest list',
    '/digest unsubscribe',
  ],
  run,
});
