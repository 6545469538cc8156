// /feed: feed subscriptions per channel. Anyone may list; adding, removing and checking now need what changing a
// digest schedule needs (Manage Server on Discord, SLACK_ADMIN_USER_IDS on Slack).
import type { Caller } from '../src/core/caller.js';
import { errorReply, type Reply } from '../src/core/reply.js';
import { describeInstant } from '../src/digest/zoned-time.js';
import type { FeedChannel, FeedRecord } from '../src/feeds/store.js';
import { adminRefusal, isLocal, namedChannel } from './channel-admin.js';
import { defineCommand, type Context } from './services.js';

const ACTIONS = ['list', 'add', 'remove', 'check'] as const;

const options = {
  action: { type: 'string', description: 'add, list, remove or check (fetch now)', choices: ACTIONS, positional: true },
  url: {
    type: 'string',
    description: 'The feed, or a site page that links to its feed',
    maxLength: 500,
    positional: true,
  },
  post: {
    type: 'string',
    description: 'each: post every new article as a brief; library: only add it (default)',
    choices: ['each', 'library'],
  },
  channel: {
    type: 'string',
    description: 'Console and command line only: the channel, e.g. discord:123 or slack:C123',
    maxLength: 80,
  },
} as const;

type Ctx = Context<typeof options>;
type Feeds = NonNullable<Ctx['feeds']>;

function status(feed: FeedRecord): string {
  if (feed.status === 'paused') return `paused: ${feed.pausedReason ?? 'too many failed checks'}`;
  if (feed.failures.consecutive > 0)
    return `failing (${feed.failures.consecutive} in a row; last: ${feed.failures.lastMessage ?? feed.failures.lastKind})`;
  return 'ok';
}

export function describeFeed(feed: FeedRecord, sub?: FeedChannel): string[] {
  const lines = [`Status: ${status(feed)}`];
  lines.push(
    `Last new article: ${feed.lastNewAt === null ? 'none yet' : `${feed.lastNewTitle ?? ''} (${describeInstant(feed.lastNewAt, 'UTC')})`}`,
  );
  lines.push(
    feed.status === 'paused'
      ? `Next check: none until /feed check url:${feed.url}`
      : `Next check: ${describeInstant(feed.nextCheckAt, 'UTC')}`,
  );
  if (sub)
    lines.push(
      sub.postEach ? 'New articles are posted here as briefs' : 'New articles join the library (/stories, the digest)',
    );
  const kinds = Object.entries(feed.failures.byKind);
  if (kinds.length) lines.push(`Failures so far: ${kinds.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  return lines;
}

async function run(ctx: Ctx): Promise<Reply> {
  const { options: o, caller, feeds } = ctx;
  const action = o.action ?? (o.url ? 'add' : 'list');
  const named = namedChannel(caller, o.channel, 'feed');
  if (!named.ok) return named.reply;
  const channel = named.channel ?? caller.channelId;
  if (action !== 'list' && !caller.isAdmin)
    return adminRefusal(caller, 'add, remove or check feeds', 'You can still use /feed list.');
  if (!feeds) return errorReply('Feeds are not available here (no database is configured).');

  if (action === 'list') return listFeeds(feeds, channel);
  if (!o.url) return errorReply(`/feed ${action} needs a url, e.g. /feed ${action} url:https://example.com/feed.xml`);
  const url = o.url.replace(/^<|>$/g, '');
  if (action === 'add') return addFeed(feeds, url, channel, o, caller);
  if (action === 'remove') return removeFeed(feeds, url, channel);
  // From the console or command line with no channel named, any channel's subscription allows the check.
  return checkFeed(feeds, url, isLocal(caller) && named.channel === undefined ? '*' : channel);
}

async function listFeeds(feeds: Feeds, channel: string): Promise<Reply> {
  const subs = await feeds.list(channel);
  if (subs.length === 0) {
    return {
      title: 'Feeds',
      sections: [
        {
          blocks: [
            {
              type: 'text',
              text: 'This channel follows no feed. An admin can add one: /feed add url:https://example.com/feed.xml',
            },
          ],
        },
      ],
      kind: 'notice',
      ephemeral: true,
      data: { feeds: [] },
    };
  }
  return {
    title: `Feeds (${subs.length})`,
    sections: subs.map(({ feed, subscription }) => ({
      heading: `${feed.title ?? feed.url}${feed.status === 'paused' ? ' (paused)' : ''}`,
      blocks: [{ type: 'text' as const, text: [feed.url, ...describeFeed(feed, subscription)].join('\n') }],
    })),
    ephemeral: true,
    data: {
      feeds: subs.map(({ feed, subscription }) => ({
        url: feed.url,
        title: feed.title,
        status: feed.status,
        failures: feed.failures,
        nextCheckAt: feed.nextCheckAt,
        postEach: subscription.postEach,
      })),
    },
  };
}

async function addFeed(feeds: Feeds, url: string, channel: string, o: Ctx['options'], caller: Caller): Promise<Reply> {
  if (!/^https?:\/\//i.test(url)) return errorReply(`"${url.slice(0, 60)}" is not an http(s) link.`);
  const result = await feeds.add({ url, channel, postEach: o.post === 'each', addedBy: caller.userId });
  if (!result.ok) return errorReply(result.message, 'Nothing was saved.');
  const { feed, report } = result;
  const lines = [
    result.discoveredFrom ? `Found the feed ${feed.url} on ${result.discoveredFrom}.` : feed.url,
    `${report.added.length} article${report.added.length === 1 ? '' : 's'} read into the library now; only new ones will be ${o.post === 'each' ? 'posted here' : 'added'}.`,
    ...describeFeed(feed),
  ];
  return {
    title: `${result.action === 'created' ? 'Following' : 'Updated'}: ${feed.title ?? feed.url}`,
    sections: [{ blocks: [{ type: 'text', text: lines.join('\n') }] }],
    footer: '/feed list shows every feed of this channel; /feed remove stops one.',
    ephemeral: true,
    data: { url: feed.url, title: feed.title, added: report.added.length, postEach: o.post === 'each' },
  };
}

async function removeFeed(feeds: Feeds, url: string, channel: string): Promise<Reply> {
  return (await feeds.remove(url, channel))
    ? {
        title: 'Feed removed',
        sections: [
          {
            blocks: [
              {
                type: 'text',
                text: `This channel no longer follows ${url}. Its articles already read stay until they expire.`,
              },
            ],
          },
        ],
        ephemeral: true,
      }
    : errorReply(`This channel does not follow ${url}.`, 'See /feed list.');
}

async function checkFeed(feeds: Feeds, url: string, target: string): Promise<Reply> {
  const report = await feeds.check(url, target);
  if ('error' in report) return errorReply(report.error);
  if (report.busy)
    return errorReply(
      `${url} is being checked right now (by another replica of the bot).`,
      'Its new articles reach this channel when that check ends; run /feed check again in a minute.',
    );
  if (!report.ok)
    return errorReply(
      `${url} failed (${report.failure?.kind}): ${report.failure?.message}`,
      report.paused ? 'It is paused; fix it and run /feed check again.' : 'It will be tried again after a back-off.',
    );
  const text = report.notModified
    ? 'Not modified since the last check.'
    : `${report.added.length} new, ${report.updated.length} updated, ${report.posted} posted.`;
  return {
    title: `Checked ${url}`,
    sections: [{ blocks: [{ type: 'text', text }] }],
    ephemeral: true,
    data: { added: report.added.length, updated: report.updated.length, posted: report.posted },
  };
}

export const feed = defineCommand({
  name: 'feed',
  description: 'News feeds for this channel: add, list, remove, check',
  options,
  examples: [
    '/feed add url:https://example.com/feed.xml',
    '/feed add url:https://example.com/ post:each',
    '/feed list',
    '/feed check url:https://example.com/feed.xml',
    '/feed remove url:https://example.com/feed.xml',
  ],
  run,
});
