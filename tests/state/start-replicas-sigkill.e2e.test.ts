// One of 3 `briefbot start` processes SIGKILLed in the middle of posting 200 digests due in one slot (Slack in HTTP
// mode, the Web API stub answering each post 40 ms late, so the run lasts long enough to be cut). Nothing is posted
// twice; the two survivors post the rest; what is left is at most the killed replica's one claim in flight, which
// the ledger still shows as being sent (the next wake-up past the stale-claim window records it `unknown`, as
// tests/state/postgres-sigkill.test.ts shows with scheduler processes and a fixed clock).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PostgresDigestStore } from '../../src/digest/postgres-store.js';
import { postgresBackend, type PostgresBackend } from '../../src/state/backend.js';
import { startWebApiStub, type WebApiStub } from '../../testkit/emulators/slack/web-api.js';
import { startBriefbot, stopAll, until, type StartedBot } from '../e2e/helpers.js';
import { digestsPostedBy, slackPosts, slackReplicaEnv, storySeeds, subscribeDueAtStart } from './replica-fixtures.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';

const CHANNELS = Array.from({ length: 200 }, (_, i) => `CKILL${String(i).padStart(3, '0')}`);
const TOKEN = 'xoxb-replica-sigkill-000';

let slack: WebApiStub;
let db: TestDatabase;
let backend: PostgresBackend;
let seeds: { dir: string; cleanup: () => void };
const procs: StartedBot[] = [];

const posted = () => slackPosts(slack, 'CKILL');

beforeAll(async () => {
  slack = await startWebApiStub();
  slack.delays.set('chat.postMessage', 40);
  db = await createTestDatabase('replica_sigkill');
  backend = postgresBackend(db.url, { max: 2 });
  seeds = storySeeds('replica-sigkill-');
  await subscribeDueAtStart(
    new PostgresDigestStore(await backend.pool()),
    CHANNELS.map((c) => `slack:${c}`),
  );
}, 60_000);

afterAll(async () => {
  await stopAll(procs);
  await backend?.close();
  await slack?.close();
  await db?.drop();
  seeds?.cleanup();
});

it(
  'doubles nothing and loses at most the claim in flight when one of 3 start processes is SIGKILLed',
  { timeout: 180_000 },
  async () => {
    for (let i = 0; i < 3; i++)
      procs.push(startBriefbot(`r${i + 1}`, slackReplicaEnv(db.url, slack, seeds.dir, TOKEN)));
    const [victim, ...survivors] = procs as [StartedBot, StartedBot, StartedBot];
    // Killed once it has posted a few and the others are posting too, so all three claim from the same slot.
    await until(
      () => digestsPostedBy(victim) >= 3 && survivors.some((s) => digestsPostedBy(s) > 0),
      'all three to be posting',
      90_000,
    );
    const beforeKill = posted().length;
    victim.child.kill('SIGKILL');
    await victim.exited;
    expect(beforeKill, 'the run ended before the kill').toBeLessThan(CHANNELS.length - 10);

    const ledger = async () => new PostgresDigestStore(await backend.pool()).deliveries();
    await until(() => new Set(posted()).size >= CHANNELS.length - 1, 'the survivors to post the rest', 90_000);
    // A moment more, for any second post of a slot to show.
    await new Promise((r) => setTimeout(r, 2_000));
    const channels = posted();
    expect(channels.length, 'a digest was posted twice').toBe(new Set(channels).size);
    const rows = await ledger();
    expect(rows).toHaveLength(CHANNELS.length);
    const unsent = rows.filter((d) => d.status !== 'sent');
    expect(unsent.length, 'more than the claim in flight was left').toBeLessThanOrEqual(1);
    expect(unsent.every((d) => d.status === 'sending')).toBe(true);
    const missing = CHANNELS.filter((c) => !channels.includes(c));
    expect(missing.every((c) => unsent.some((d) => d.channel === `slack:${c}`))).toBe(true);
    console.log(
      `posted before the kill ${beforeKill}; by the victim ${digestsPostedBy(victim)}, by the survivors ${survivors.map(digestsPostedBy).join(', ')}; left in flight ${unsent.length}`,
    );
    expect(digestsPostedBy(victim)).toBeGreaterThanOrEqual(3);
    expect(survivors.reduce((n, s) => n + digestsPostedBy(s), 0)).toBeGreaterThan(CHANNELS.length / 2);
  },
);
