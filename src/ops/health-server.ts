// /healthz (the process is alive), /readyz (every readiness check passes: the library is loaded, the state backend
// answers) and /metrics (Prometheus text) on OPS_PORT, loopback unless OPS_HOST says otherwise.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';

/** A named check; resolves true when ready. A check that throws or takes over 2 s counts as not ready. */
export type ReadinessCheck = { name: string; check: () => Promise<boolean> | boolean };

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2000;

async function runCheck(c: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(c.check),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function startOpsServer(options: {
  port: number;
  host?: string;
  metrics: Metrics;
  checks: readonly ReadinessCheck[];
}): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    } else if (path === '/readyz') {
      void Promise.all(options.checks.map(async (c) => [c.name, await runCheck(c)] as const)).then((results) => {
        const failing = results.filter(([, ok]) => !ok).map(([name]) => name);
        res
          .writeHead(failing.length ? 503 : 200, { 'content-type': 'text/plain' })
          .end(failing.length ? `not ready: ${failing.join(', ')}\n` : 'ready\n');
      });
    } else if (path === '/metrics') {
      void options.metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
