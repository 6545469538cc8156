/**
 * A loopback server for slash commands' response_url: Slack's "reply to this command" endpoint.
 *
 *   const responses = await startResponseUrlServer();
 *   const url = responses.urlFor('cmd-1')      // http://127.0.0.1:<port>/commands/cmd-1, one per command
 *   responses.posts                            // Recorder<ResponsePost>: { id, body (parsed JSON), status, at }
 *   await responses.posts.waitFor((p) => p.id === 'cmd-1' && p.status === 200)
 *   responses.failNext(404, 2)                 // the next two posts are refused (Slack answers 404 expired_url)
 *   responses.failAll(500)                     // every post is refused until failAll(null)
 *   await responses.close()
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { arrival, Recorder } from './recorder.js';

export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  status: number;
  /** Arrival order across all emulators. */
  at: number;
}

export interface ResponseUrlServer {
  urlFor(id: string): string;
  readonly posts: Recorder<ResponsePost>;
  failNext(status: number, times?: number): void;
  failAll(status: number | null): void;
  close(): Promise<void>;
}

export async function startResponseUrlServer(): Promise<ResponseUrlServer> {
  const posts = new Recorder<ResponsePost>();
  const failures: number[] = [];
  let failEvery: number | null = null;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = decodeURIComponent((req.url ?? '').replace(/^\/commands\//, ''));
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        body = { unparsable: true };
      }
      const status = failures.shift() ?? failEvery ?? 200;
      posts.push({ id, body, status, at: arrival() });
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(status === 200 ? 'ok' : status === 404 ? 'expired_url' : 'internal_error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlFor: (id) => `http://127.0.0.1:${port}/commands/${encodeURIComponent(id)}`,
    posts,
    failNext(status, times = 1) {
      for (let i = 0; i < times; i++) failures.push(status);
    },
    failAll(status) {
      failEvery = status;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
