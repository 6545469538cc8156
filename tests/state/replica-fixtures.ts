// What the tests that run several `briefbot start` processes on one Postgres share: subscriptions due the moment the
// replicas start, a seeds folder of the fixture stories, the environment of a Slack replica in HTTP mode, and
// reading back who posted what.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DigestStore } from '../../src/digest/store.js';
import type { WebApiStub } from '../../testkit/emulators/slack/web-api.js';
import type { StartedBot } from '../e2e/helpers.js';

/**
 * Subscribes each channel (platform:id) to a daily slot two minutes ago, set up a minute before it: due as soon as
 * a replica starts, inside the grace window.
 */
export async function subscribeDueAtStart(store: DigestStore, channels: readonly string[]): Promise<void> {
  const slot = new Date(Math.floor((Date.now() - 120_000) / 60_000) * 60_000);
  for (const channel of channels)
    await store.upsert(
      {
        channel,
        cron: `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`,
        scheduleLabel: 'daily',
        timezone: 'UTC',
        quiet: null,
        origin: 'chat',
        createdBy: 'U1',
      },
      slot.getTime() - 60_000,
    );
}

/** A fresh seeds folder holding the fixture stories. */
export function storySeeds(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(import.meta.dirname, '../fixtures/stories'), dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The environment of a replica posting to Slack in HTTP mode (the Web API stub), on `databaseUrl`. */
export function slackReplicaEnv(databaseUrl: string, slack: WebApiStub, seeds: string, token: string) {
  return {
    DATABASE_URL: databaseUrl,
    SLACK_BOT_TOKEN: token,
    SLACK_SIGNING_SECRET: 'replica-signing-secret',
    SLACK_API_URL: slack.url,
    SLACK_PORT: '0',
    SEEDS_DIR: seeds,
    LOG_LEVEL: 'info',
  };
}

/** The Slack channels posted to whose id starts with `prefix`, in arrival order (a channel twice if posted twice). */
export const slackPosts = (slack: WebApiStub, prefix: string): string[] =>
  slack
    .callsTo('chat.postMessage')
    .map((c) => c.body.channel as string)
    .filter((c) => c.startsWith(prefix));

/** How many digests a replica says it posted, to any platform. */
export const digestsPostedBy = (bot: StartedBot): number =>
  bot.lines.filter((l) => l.includes('posted the digest to ')).length;
