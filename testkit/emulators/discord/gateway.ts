// The emulator's gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats with ACKs, RESUME → RESUMED, and
// dispatches. It serves `world.shardCount` shards: each IDENTIFY names its shard ([id, count]), each shard has one
// session (a newer connection for a shard replaces the older), READY lists only the guilds of that shard and a
// GUILD_CREATE follows for each, and an event for a guild goes only to shard (guild_id >> 22) % count. Events for
// a shard with no live session wait and are delivered after its next READY or RESUMED, as Discord replays missed
// events on resume.
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildsOfShard, shardOf } from './guilds.js';
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
  /** The shard this connection serves ([id, count]), once it identified or resumed. */
  shard?: [number, number];
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

interface QueuedEvent {
  t: string;
  d: unknown;
  onSent?: () => void;
}

/** One shard's session: its socket, whether it is live (READY or RESUMED sent), its sequence and its queue. */
interface ShardSession {
  socket: WebSocket | null;
  live: boolean;
  seq: number;
  sessionId: string | null;
  pending: QueuedEvent[];
}

export class Gateway {
  readonly server = new WebSocketServer({ noServer: true });
  readonly connections: GatewayConnection[] = [];
  /** Every payload a client sent, in order (identify tokens included: tests may check them, logs must not). */
  readonly received: GatewayPayload[] = [];
  /** How many times a connection took over a shard whose session was still open (two gateways at once). */
  replaced = 0;
  private readonly sessions: ShardSession[];
  private readonly sessionListeners = new Set<(c: GatewayConnection) => void>();
  private readonly payloadListeners = new Set<(p: GatewayPayload) => void>();

  constructor(
    private readonly world: World,
    private readonly token: string,
    readonly url: () => string,
    private readonly heartbeatIntervalMs: number,
  ) {
    this.sessions = Array.from({ length: world.shardCount }, () => ({
      socket: null,
      live: false,
      seq: 0,
      sessionId: null,
      pending: [],
    }));
  }

  handleUpgrade(req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req));
  }

  /**
   * Sends a dispatch to the shard of its `guild_id` (shard 0 for events without one) now, or queues it until that
   * shard is live. `onSent` fires as it leaves.
   */
  dispatch(t: string, d: unknown, onSent?: () => void): void {
    const guildId = (d as { guild_id?: unknown } | null)?.guild_id;
    const session = this.sessions[typeof guildId === 'string' ? shardOf(guildId, this.world.shardCount) : 0]!;
    if (session.live && session.socket) this.write(session, t, d, onSent);
    else session.pending.push({ t, d, ...(onSent ? { onSent } : {}) });
  }

  /** Resolves at the next READY or RESUMED of any shard (a fresh connection, not one already live). */
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

  /** Whether every shard has a live session. */
  get isLive(): boolean {
    return this.sessions.every((s) => s.live);
  }

  /** The shard ids with a live session. */
  get liveShards(): number[] {
    return this.sessions.flatMap((s, id) => (s.live ? [id] : []));
  }

  /**
   * Drops a shard's connection (every shard's when none is named) the way a network failure does (no close frame),
   * or with a close code.
   */
  drop(code?: number, shard?: number): void {
    for (const [id, session] of this.sessions.entries()) {
      if (shard !== undefined && id !== shard) continue;
      const ws = session.socket;
      session.live = false;
      session.socket = null;
      if (!ws) continue;
      if (code === undefined) ws.terminate();
      else ws.close(code, 'emulator dropped the connection');
    }
  }

  close(): void {
    for (const session of this.sessions) session.live = false;
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    const connection: GatewayConnection = { query };
    this.connections.push(connection);
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
      for (const session of this.sessions) {
        if (session.socket !== ws) continue;
        session.socket = null;
        session.live = false;
      }
    });
    ws.send(JSON.stringify({ op: OP.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null }));
  }

  /** A newer connection replaces an older one for the same shard, as Discord allows one session per shard. */
  private take(session: ShardSession, ws: WebSocket): void {
    if (session.socket && session.socket !== ws) {
      this.replaced += 1;
      session.socket.terminate();
    }
    session.socket = ws;
    session.live = false;
  }

  private onPayload(ws: WebSocket, connection: GatewayConnection, payload: GatewayPayload): void {
    switch (payload.op) {
      case OP.Heartbeat:
        ws.send(JSON.stringify({ op: OP.HeartbeatAck, d: null, s: null, t: null }));
        return;
      case OP.Identify: {
        const d = payload.d as { token: string; intents: number; compress?: boolean; shard?: [number, number] };
        connection.identify = {
          intents: d.intents,
          token: d.token,
          ...(d.compress !== undefined ? { compress: d.compress } : {}),
        };
        if (d.token !== this.token) return void ws.close(4004, 'Authentication failed.');
        const shard = d.shard ?? [0, 1];
        const count = this.world.shardCount;
        // Discord: 4010 for a shard it cannot route to; 4011 when a sharded bot connects without sharding.
        if (count > 1 && shard[1] === 1) return void ws.close(4011, 'Sharding required.');
        if (shard[1] !== count || !Number.isInteger(shard[0]) || shard[0] < 0 || shard[0] >= count)
          return void ws.close(4010, 'Invalid shard.');
        const session = this.sessions[shard[0]]!;
        this.take(session, ws);
        connection.kind = 'identify';
        connection.shard = [shard[0], shard[1]];
        session.sessionId = snowflake();
        session.seq = 0;
        this.write(session, 'READY', ready(this.world, session.sessionId, this.url(), connection.shard));
        for (const guild of guildsOfShard(this.world, shard[0]))
          this.write(session, 'GUILD_CREATE', guildCreate(this.world, guild));
        this.goLive(session, connection);
        return;
      }
      case OP.Resume: {
        const d = payload.d as { token: string; session_id: string; seq: number };
        if (d.token !== this.token) return void ws.close(4004, 'Authentication failed.');
        const id = this.sessions.findIndex((s) => s.sessionId !== null && s.sessionId === d.session_id);
        if (id < 0) {
          ws.send(JSON.stringify({ op: OP.InvalidSession, d: false, s: null, t: null }));
          return;
        }
        const session = this.sessions[id]!;
        this.take(session, ws);
        connection.kind = 'resume';
        connection.shard = [id, this.world.shardCount];
        this.write(session, 'RESUMED', {});
        this.goLive(session, connection);
        return;
      }
      default:
        return;
    }
  }

  private goLive(session: ShardSession, connection: GatewayConnection): void {
    session.live = true;
    for (const listener of [...this.sessionListeners]) listener(connection);
    for (const event of session.pending.splice(0)) this.write(session, event.t, event.d, event.onSent);
  }

  private write(session: ShardSession, t: string, d: unknown, onSent?: () => void): void {
    session.seq += 1;
    onSent?.();
    session.socket?.send(JSON.stringify({ op: OP.Dispatch, d, s: session.seq, t }));
  }
}
