// Postgres restarted (its own throwaway server) while 3 `briefbot start` processes post 200 digests due in one slot
// (Slack in HTTP mode, the Web API stub answering each post 40 ms late, so the run is still going). Every replica
// stays up; their next wake-up (the once-a-minute heartbeat) posts the rest, inside the catch-up window. Nothing is
// posted twice; what is left is at most one claim in flight per replica, posted or not, whose end could not be
// written (the next wake-up past the stale-claim window records it `unknown`).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PostgresDigestStore } from '../../src/digest/postgres-store.js';
import { postgresBackend, type PostgresBackend } from '../../src/state/backend.js';
import { startWebApiStub, type WebApiStub } from '../../testkit/emulators/slack/web-api.js';
import { startBriefbot, stopAll, until, type StartedBot } from '../e2e/helpers.js';
import { digestsPostedBy, slackPosts, slackReplicaEnv, storySeeds, subscribeDueAtStart } from './replica-fixtures.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../testkit/postgres-server.js';

const CHANNELS = Array.from({ length: 200 }, (_, i) => `CPGRS${String(i).padStart(3, '0')}`);
const TOKEN = 'xoxb-replica-restart-000';

let slack: WebApiStub;
let server: ThrowawayPostgres;
let backend: PostgresBackend;
let seeds: { dir: string; cleanup: () => void };
const procs: StartedBot[] = [];

const posted = () => slackPosts(slack, 'CPGRS');

beforeAll(async () => {
  slack = await startWebApiStub();
  slack.delays.set('chat.postMessage', 40);
  server = await startThrowawayPostgres();
  backend = postgresBackend(server.url, { max: 2 });
  seeds = storySeeds('replica-pg-restart-');
  await subscribeDueAtStart(
    new PostgresDigestStore(await backend.pool()),
    CHANNELS.map((c) => `slack:${c}`),
  );
}, 60_000);

afterAll(async () => {
  await stopAll(procs);
  await backend?.close();
  await slack?.close();
  await server?.stop();
  seeds?.cleanup();
});

it(
  'posts nothing twice and loses at most the claims in flight when Postgres restarts under 3 start processes',
  { timeout: 240_000 },
  async () => {
    for (let i = 0; i < 3; i++)
      procs.push(startBriefbot(`r${i + 1}`, slackReplicaEnv(server.url, slack, seeds.dir, TOKEN)));
    await until(() => procs.every((p) => digestsPostedBy(p) > 0), 'all three to be posting', 90_000);
    const beforeRestart = posted().length;
    await backend.close();
    await server.restart();
    expect(beforeRestart, 'the run ended before the restart').toBeLessThan(CHANNELS.length - 10);

    // The next heartbeat (within a minute) posts what the restart cut short.
    await until(() => new Set(posted()).size >= CHANNELS.length - 3, 'the replicas to post the rest', 150_000);
    await new Promise((r) => setTimeout(r, 3_000));
    const dead = procs.filter((p) => p.child.exitCode !== null || p.child.signalCode !== null);
    expect(
      dead.map((p) => `${p.name}: ${p.lines.slice(-3).join(' | ').slice(0, 600)}`),
      'a replica died',
    ).toEqual([]);
    const channels = posted();
    expect(channels.length, 'a digest was posted twice').toBe(new Set(channels).size);
    const rows = await new PostgresDigestStore(await backend.pool()).deliveries();
    expect(rows).toHaveLength(CHANNELS.length);
    const unsent = rows.filter((d) => d.status !== 'sent');
    console.log(
      `posted before the restart ${beforeRestart}; in all ${new Set(channels).size}; by replica ${procs.map(digestsPostedBy).join(', ')}; claims left in flight ${unsent.length}`,
    );
    expect(unsent.length, 'more than one claim in flight per replica was left').toBeLessThanOrEqual(3);
    expect(unsent.every((d) => d.status === 'sending')).toBe(true);
    const missing = CHANNELS.filter((c) => !channels.includes(c));
    expect(missing.every((c) => unsent.some((d) => d.channel === `slack:${c}`))).toBe(true);
    expect(posted().length - beforeRestart, 'nothing was posted after the restart').toBeGreaterThan(0);
  },
);
