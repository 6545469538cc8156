// `briefbot start` with DISCORD_PUBLIC_KEY and no platform token: app.ts starts the interactions endpoint (and no
// console, no feed polling), which answers a signed PING, refuses a forged one, and closes on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { signingKeys } from '../../testkit/emulators/discord/index.js';
import { postSigned } from '../../testkit/emulators/discord/http-interactions.js';
import { QUIET_ENV, ROOT } from '../e2e/helpers.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('serves signed interactions from briefbot start when DISCORD_PUBLIC_KEY is set', { timeout: 60_000 }, async () => {
  dir = mkdtempSync(join(tmpdir(), 'interactions-start-'));
  const keys = await signingKeys();
  const child = spawn(process.execPath, [resolve(ROOT, 'bin/briefbot.mjs'), 'start'], {
    cwd: dir,
    env: {
      ...process.env,
      ...QUIET_ENV,
      DISCORD_PUBLIC_KEY: keys.publicKeyHex,
      DISCORD_INTERACTIONS_PORT: '0',
      SEEDS_DIR: dir,
      DATABASE_PATH: join(dir, 'bot.db'),
      LOG_LEVEL: 'info',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no endpoint within 45 s; log: ${log}`)), 45_000);
    const read = (d: Buffer) => {
      log += d.toString();
      const m = /Discord interactions endpoint on http:\/\/127\.0\.0\.1:(\d+)\/interactions/.exec(log);
      if (m) (clearTimeout(timer), done(Number(m[1])));
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });
  const url = `http://127.0.0.1:${port}/interactions`;
  const ping = { id: '1', application_id: '100000000000000001', type: 1, token: 'x', version: 1 };
  expect(await postSigned(url, ping, keys)).toEqual({ status: 200, body: { type: 1 } });
  expect((await postSigned(url, ping, keys, { signWith: await signingKeys() })).status).toBe(401);
  // It posts nowhere, so it leaves feed checks to a replica with a platform token.
  expect(log).toContain('feeds are not checked here');
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
});
