// LISTEN/NOTIFY between replicas: a listener on another connection hears each event once, in order; after Postgres
// restarts it reconnects by itself, says so (so the caller can catch up), and hears new events again.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postgresBackend } from '../../src/state/backend.js';
import { listen, notify } from '../../src/state/notify.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../testkit/postgres-server.js';

let server: ThrowawayPostgres;
beforeAll(async () => {
  server = await startThrowawayPostgres();
});
afterAll(async () => server?.stop());

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

it('delivers new-article events to listeners on other connections, and survives a restart', async () => {
  const heard: string[][] = [[], []];
  let reconnects = 0;
  const listeners = heard.map((into) =>
    listen({
      url: server.url,
      channel: 'briefbot_article',
      onMessage: (p) => into.push(p),
      onReconnect: () => reconnects++,
      maxBackoffMs: 200,
    }),
  );
  const other: string[] = [];
  const elsewhere = listen({ url: server.url, channel: 'briefbot_story', onMessage: (p) => other.push(p) });
  const sender = postgresBackend(server.url, { max: 1 });
  try {
    await Promise.all([...listeners, elsewhere].map((l) => l.ready));
    const pool = await sender.pool();
    await notify(pool, 'briefbot_article', JSON.stringify({ id: 'a1' }));
    await notify(pool, 'briefbot_article', JSON.stringify({ id: 'a2' }));
    await until(() => heard.every((h) => h.length === 2));
    expect(heard).toEqual([
      [`{"id":"a1"}`, `{"id":"a2"}`],
      [`{"id":"a1"}`, `{"id":"a2"}`],
    ]);
    expect(other).toEqual([]);
    await expect(notify(pool, 'bad name; DROP', 'x')).rejects.toThrow(/not a notification channel/);

    await server.restart();
    await until(() => reconnects === 2);
    // The sender's pooled connection died with the server: a later attempt gets a new one (bounded tries).
    let sent = false;
    for (let attempt = 0; attempt < 5 && !sent; attempt++)
      sent = await notify(pool, 'briefbot_article', JSON.stringify({ id: 'a3' })).then(
        () => true,
        () => false,
      );
    expect(sent).toBe(true);
    await until(() => heard.every((h) => h.length === 3));
    expect(heard.map((h) => h[2])).toEqual([`{"id":"a3"}`, `{"id":"a3"}`]);
  } finally {
    await Promise.all([...listeners, elsewhere].map((l) => l.close()));
    await sender.close();
  }
});
