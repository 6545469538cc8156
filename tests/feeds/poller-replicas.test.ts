// Feed check leases across replicas: 50 feeds on a loopback fixture server, 3 pollers sharing one real Postgres
// (each with its own pool, as 3 processes would have), all waking together. Each feed is fetched once per
// interval; a poller that dies holding leases loses its feeds to the others once the leases run out; a poller
// told to stop gives back the leases it has not used.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveBriefing } from '../../src/briefing/derive.js';
import { FeedPoller } from '../../src/feeds/poller.js';
import { PostgresArticleStore, PostgresFeedStore } from '../../src/feeds/postgres-store.js';
import { Library } from '../../src/library/library.js';
import { silentLogger } from '../../src/log.js';
import { createFetcher, type Fetcher } from '../../src/sources/fetch.js';
import { nextSlot, type Clock } from '../../src/sources/polite.js';
import { postgresBackend, type PostgresBackend } from '../../src/state/backend.js';
import { startFixtureServer, type FixtureServer } from '../fixtures/http-server.js';
import { createTestDatabase, type TestDatabase } from '../fixtures/postgres.js';

const FEEDS = 50;
const INTERVAL = 10 * 60_000;
const LEASE = 2 * 60_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');
const BODY =
  'The harbour board met on Tuesday and agreed to dredge the eastern channel before the spring tides, its chair said. '.repeat(
    5,
  );

const paths = Array.from({ length: FEEDS }, (_, i) => `/feed/${String(i).padStart(2, '0')}.xml`);

let server: FixtureServer;
let db: TestDatabase;
let time: number;
const clock: Clock = { now: () => time, sleep: async () => undefined };
const opened: Array<{ backend: PostgresBackend; fetcher: Fetcher }> = [];
/** While set, the fixture server holds every response (a fetch in flight that a test can kill). */
let holding = false;
const held: Array<() => void> = [];

function rss(path: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${path}</title><link>http://harbour.example/</link><item><guid>${path}-1</guid><title>Dredging agreed for ${path}</title><link>http://harbour.example${path}/1</link><pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate><description>${BODY}</description></item></channel></rss>`;
}

/** How many times the fixture server has served each feed. */
function fetchCounts(): Map<string, number> {
  const counts = new Map(paths.map((p) => [p, 0]));
  for (const r of server.requests) if (counts.has(r.path)) counts.set(r.path, counts.get(r.path)! + 1);
  return counts;
}

function replica(name: string, fetcher?: Fetcher): { poller: FeedPoller; backend: PostgresBackend } {
  const backend = postgresBackend(db.url, { max: 3 });
  const realFetcher = fetcher ?? createFetcher({ allow: [server.allow] });
  opened.push({ backend, fetcher: realFetcher });
  const pool = () => backend.pool();
  const poller = new FeedPoller({
    feeds: new PostgresFeedStore(pool),
    articles: new PostgresArticleStore(pool),
    fetcher: realFetcher,
    library: new Library(),
    derive: deriveBriefing,
    clock,
    log: silentLogger,
    intervalMs: INTERVAL,
    maxFailures: 5,
    postLimit: 3,
    hostGapMs: 0,
    holder: name,
    leaseMs: LEASE,
  });
  return { poller, backend };
}

async function leasesHeldBy(backend: PostgresBackend, holder: string, now: number): Promise<number> {
  const { rows } = await (
    await backend.pool()
  ).query<{ n: number }>('SELECT COUNT(*)::int AS n FROM feeds WHERE lease_holder = $1 AND lease_until > $2', [
    holder,
    now,
  ]);
  return rows[0]!.n;
}

beforeEach(async () => {
  time = T0;
  holding = false;
  held.length = 0;
  const routes = Object.fromEntries(
    paths.map((p) => [
      p,
      (_req: unknown, res: import('node:http').ServerResponse) => {
        const answer = () => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(p));
        if (holding) held.push(answer);
        else answer();
      },
    ]),
  );
  server = await startFixtureServer(routes);
  db = await createTestDatabase('feedleases');
  const setup = postgresBackend(db.url);
  const store = new PostgresFeedStore(() => setup.pool());
  for (const p of paths)
    await store.subscribe(
      { url: server.url(p), title: null, channel: 'discord:1', postEach: false, addedBy: 'u1' },
      T0,
      T0,
    );
  await setup.close();
});

afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.fetcher.close().catch(() => undefined);
    await o.backend.close();
  }
  await server.close();
  await db.drop();
});

describe('feed leases across 3 pollers on one Postgres', () => {
  it('fetches each of 50 feeds once per interval, minute after minute for three intervals', async () => {
    const pollers = ['r1', 'r2', 'r3'].map((n) => replica(n).poller);
    const checkedBy = new Map<string, number>();
    for (time = T0; time <= T0 + 3 * INTERVAL; time += 60_000) {
      const reports = await Promise.all(pollers.map((p) => p.runDue(time)));
      reports.forEach((r, i) =>
        checkedBy.set(pollers[i]!.lease.holder, (checkedBy.get(pollers[i]!.lease.holder) ?? 0) + r.length),
      );
      expect(reports.flat().every((r) => r.ok)).toBe(true);
    }
    // At T0 every feed is due; after that each is due at its own slot, one slot in each interval.
    const counts = fetchCounts();
    for (const p of paths) {
      const url = server.url(p);
      let expected = 1;
      for (let s = nextSlot(url, INTERVAL, T0); s <= T0 + 3 * INTERVAL; s += INTERVAL) expected++;
      expect(expected).toBe(4);
      expect(counts.get(p), p).toBe(expected);
    }
    expect([...checkedBy.values()].reduce((a, b) => a + b, 0)).toBe(FEEDS * 4);
  });

  it('hands the feeds of a poller that died mid-check to the others once its leases run out', async () => {
    // The dead replica: it leased a batch, and its fetch never comes back (SIGKILL leaves the rows leased).
    const dead = replica('dead', { fetch: () => new Promise(() => undefined), close: async () => undefined });
    void dead.poller.runDue(T0);
    while ((await leasesHeldBy(dead.backend, 'dead', T0)) === 0) await new Promise((r) => setTimeout(r, 10));
    const held = await leasesHeldBy(dead.backend, 'dead', T0);
    expect(held).toBeGreaterThan(0);
    const { rows } = await (
      await dead.backend.pool()
    ).query<{ url: string }>(`SELECT url FROM feeds WHERE lease_holder = 'dead'`);
    const deadFeeds = new Set(rows.map((r) => r.url));
    const pollers = ['r1', 'r2', 'r3'].map((n) => replica(n).poller);
    const first = (await Promise.all(pollers.map((p) => p.runDue(T0)))).flat();
    expect(first).toHaveLength(FEEDS - held);
    expect(first.some((r) => deadFeeds.has(r.url))).toBe(false);
    // A moment before expiry the dead replica's feeds are still its own (others, due at their next slot, may be checked).
    time = T0 + LEASE - 1;
    expect((await Promise.all(pollers.map((p) => p.runDue(time)))).flat().some((r) => deadFeeds.has(r.url))).toBe(
      false,
    );
    time = T0 + LEASE;
    const takenOver = (await Promise.all(pollers.map((p) => p.runDue(time))))
      .flat()
      .filter((r) => deadFeeds.has(r.url));
    expect(takenOver.map((r) => r.url).sort()).toEqual([...deadFeeds].sort());
    // Every feed fetched once, plus once more for a live one whose next slot has come.
    const counts = fetchCounts();
    for (const p of paths) {
      const url = server.url(p);
      expect(counts.get(p), p).toBe(deadFeeds.has(url) ? 1 : nextSlot(url, INTERVAL, T0) <= time ? 2 : 1);
    }
  });

  it('a poller told to stop finishes the check in hand and gives back the rest of its leases at once', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const real = createFetcher({ allow: [server.allow] });
    const slow = replica('stopping', {
      fetch: async (url, req) => (await gate, real.fetch(url, req)),
      close: () => real.close(),
    });
    const running = slow.poller.runDue(T0);
    while ((await leasesHeldBy(slow.backend, 'stopping', T0)) === 0) await new Promise((r) => setTimeout(r, 10));
    const stopped = slow.poller.stop();
    open();
    await stopped;
    expect(await running).toHaveLength(1);
    expect(await leasesHeldBy(slow.backend, 'stopping', T0)).toBe(0);
    // Without waiting for any expiry, another poller takes every feed left.
    expect(await replica('r1').poller.runDue(T0)).toHaveLength(FEEDS - 1);
    expect([...fetchCounts().values()]).toEqual(Array(FEEDS).fill(1));
  });
});

describe('feed leases across poller processes', () => {
  it(
    'a leaseholder process killed with SIGKILL mid-check loses its feeds to the other processes once its leases expire',
    { timeout: 120_000 },
    async () => {
      const { spawn } = await import('node:child_process');
      const { resolve } = await import('node:path');
      const { QUIET_ENV, ROOT, run } = await import('../e2e/helpers.js');
      const script = resolve(ROOT, 'tests/feeds/fixtures/poll-due.ts');
      const runTs = resolve(ROOT, 'bin/run-ts.mjs');
      // The fixture server holds every response, so the victim is killed mid-fetch.
      holding = true;
      const check = replica('check');
      const store = await check.backend.pool();

      const victim = spawn(
        process.execPath,
        [runTs, script, db.url, String(T0), 'victim', String(LEASE), server.allow],
        { cwd: ROOT, env: { ...process.env, ...QUIET_ENV }, stdio: 'ignore' },
      );
      const exited = new Promise<NodeJS.Signals | null>((done) => victim.on('exit', (_code, signal) => done(signal)));
      const deadline = Date.now() + 60_000;
      while (held.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(held.length, 'the victim never fetched').toBe(1);
      const { rows } = await store.query<{ url: string }>(`SELECT url FROM feeds WHERE lease_holder = 'victim'`);
      const victimFeeds = rows.map((r) => r.url);
      expect(victimFeeds.length).toBeGreaterThan(0);
      victim.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      holding = false;
      for (const answer of held.splice(0)) answer(); // the killed victim's socket is gone; nothing reads this

      const poll = (id: string, at: number) =>
        run(process.execPath, [runTs, script, db.url, String(at), id, String(LEASE), server.allow]);
      const checked = async (at: number) =>
        (await Promise.all([poll('p2', at), poll('p3', at)])).map(
          (r) => (expect(r.stderr).toBe(''), (JSON.parse(r.stdout) as { checked: number }).checked),
        );
      // Before the victim's leases expire, the survivors check every feed but its own.
      expect((await checked(T0)).reduce((a, b) => a + b, 0)).toBe(FEEDS - victimFeeds.length);
      const { rows: still } = await store.query<{ n: number }>(
        `SELECT COUNT(*)::int AS n FROM feeds WHERE lease_holder = 'victim'`,
      );
      expect(still[0]!.n).toBe(victimFeeds.length);
      // Once they expire, the survivors take them over (and any other feed whose next slot has come).
      const takeover = T0 + LEASE;
      const slotted = paths.filter(
        (p) => !victimFeeds.includes(server.url(p)) && nextSlot(server.url(p), INTERVAL, T0) <= takeover,
      ).length;
      expect((await checked(takeover)).reduce((a, b) => a + b, 0)).toBe(victimFeeds.length + slotted);
      const counts = fetchCounts();
      // The victim's one request in flight reached the server, so that feed was requested twice; nothing else was.
      const inFlight = server.requests.find((r) => paths.includes(r.path))!.path;
      for (const p of paths) {
        const victims = victimFeeds.includes(server.url(p));
        expect(counts.get(p), p).toBe(
          victims ? (p === inFlight ? 2 : 1) : nextSlot(server.url(p), INTERVAL, T0) <= takeover ? 2 : 1,
        );
      }
    },
  );
});
