// The emulator's gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats with ACKs, RESUME → RESUMED, and
// dispatches. Events sent while no session is connected wait and are delivered after the next READY or RESUMED,
// as Discord replays missed events on resume.
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreate, ready, snowflake, type World } from './payloads.js';

export interface GatewayPayload {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export interface GatewayConnection {
  /** The query discord.js connected with, e.g. { v: '10', encoding: 'json' }; `compress` would mean zlib-stream. */
  query: Record<string, string>;
  /** How the session began: a fresh IDENTIFY or a RESUME of the previous session. */
  kind?: 'identify' | 'resume';
  identify?: { intents: number; token: string; compress?: boolean };
}

const OP = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  Reconnect: 7,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

export class Gateway {
  readonly server = new WebSocketServer({ noServer: true });
  readonly connections: GatewayConnection[] = [];
  /** Every payload a client sent, in order (identify tokens included: tests may check them, logs must not). */
  readonly received: GatewayPayload[] = [];
  /** How many times a new connection arrived while another was still open (two gateways at once). */
  replaced = 0;
  private socket: WebSocket | null = null;
  private live = false;
  private seq = 0;
  private sessionId: string | null = null;
  private readonly pending: Array<{ t: string; d: unknown; onSent?: () => void }> = [];
  private readonly sessionListeners = new Set<(c: GatewayConnection) => void>();
  private readonly payloadListeners = new Set<(p: GatewayPayload) => void>();

  constructor(
    private readonly world: World,
    private readonly token: string,
    readonly url: () => string,
    private readonly heartbeatIntervalMs: number,
  ) {}

  handleUpgrade(req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  /** Sends a dispatch now, or queues it until a session is live. `onSent` fires as it leaves. */
  dispatch(t: string, d: unknown, onSent?: () => void): void {
    if (this.live && this.socket) this.write(t, d, onSent);
    else this.pending.push({ t, d, ...(onSent ? { onSent } : {}) });
  }

  /** Resolves at the next READY or RESUMED (a fresh connection, not one already live). */
  nextSession(): Promise<GatewayConnection> {
    return new Promise((resolve) => {
      const listener = (c: GatewayConnection) => {
        this.sessionListeners.delete(listener);
        resolve(c);
      };
      this.sessionListeners.add(listener);
    });
  }

  /** Resolves with the `count`-th payload from now on that matches (e.g. heartbeats: p => p.op === 1). */
  waitForPayload(match: (p: GatewayPayload) => boolean, count = 1): Promise<GatewayPayload> {
    let seen = 0;
    return new Promise((resolve) => {
      const listener = (p: GatewayPayload) => {
        if (!match(p) || ++seen < count) return;
        this.payloadListeners.delete(listener);
        resolve(p);
      };
      this.payloadListeners.add(listener);
    });
  }

  get isLive(): boolean {
    return this.live;
  }

  /** Drops the connection the way a network failure does (no close frame), or with a close code. */
  drop(code?: number): void {
    const ws = this.socket;
    this.live = false;
    this.socket = null;
    if (!ws) return;
    if (code === undefined) ws.terminate();
    else ws.close(code, 'emulator dropped the connection');
  }

  close(): void {
    this.live = false;
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    const connection: GatewayConnection = { query };
    this.connections.push(connection);
    // A newer connection replaces an older one, as Discord allows one session per shard.
    if (this.socket && this.socket !== ws) {
      this.replaced += 1;
      this.socket.terminate();
    }
    this.socket = ws;
    this.live = false;
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return void ws.close(4002, 'Decode error: binary frames are not expected without compression');
      let payload: GatewayPayload;
      try {
        payload = JSON.parse(raw.toString()) as GatewayPayload;
      } catch {
        return void ws.close(4002, 'Decode error');
      }
      this.received.push(payload);
      this.onPayload(ws, connection, payload);
      for (const listener of [...this.payloadListeners]) listener(payload);
    });
    ws.on('close', () => {
      if (this.socket === ws) {
        this.socket = null;
        this.live = false;
      }
    });
    ws.send(JSON.stringify({ op: OP.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null }));
  }

  private onPayload(ws: WebSocket, connection: GatewayConnection, payload: GatewayPayload): void {
    switch (payload.op) {
      case OP.Heartbeat:
        ws.send(JSON.stringify({ op: OP.HeartbeatAck, d: null, s: null, t: null }));
        return;
      case OP.Identify: {
        const d = payload.d as { token: string; intents: number; compress?: boolean };
        connection.identify = {
          intents: d.intents,
          token: d.token,
          ...(d.compress !== undefined ? { compress: d.compress } : {}),
        };
        if (d.token !== this.token) return void ws.close(4004, 'Authentication failed.');
        connection.kind = 'identify';
        this.sessionId = snowflake();
        this.seq = 0;
        this.write('READY', ready(this.world, this.sessionId, this.url()));
        this.write('GUILD_CREATE', guildCreate(this.world));
        this.goLive(connection);
        return;
      }
      case OP.Resume: {
        const d = payload.d as { token: string; session_id: string; seq: number };
        if (d.token !== this.token) return void ws.close(4004, 'Authentication failed.');
        if (d.session_id !== this.sessionId) {
          ws.send(JSON.stringify({ op: OP.InvalidSession, d: false, s: null, t: null }));
          return;
        }
        connection.kind = 'resume';
        this.write('RESUMED', {});
        this.goLive(connection);
        return;
      }
      default:
        return;
    }
  }

  private goLive(connection: GatewayConnection): void {
    this.live = true;
    for (const listener of [...this.sessionListeners]) listener(connection);
    for (const event of this.pending.splice(0)) this.write(event.t, event.d, event.onSent);
  }

  private write(t: string, d: unknown, onSent?: () => void): void {
    this.seq += 1;
    onSent?.();
    this.socket?.send(JSON.stringify({ op: OP.Dispatch, d, s: this.seq, t }));
  }
}
