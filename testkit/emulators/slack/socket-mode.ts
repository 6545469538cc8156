/**
 * A loopback Socket Mode server: the WebSocket that apps.connections.open points to. It greets each connection
 * with `hello` (the client counts itself connected only then), delivers envelopes, records acks, and can ask the
 * client to go away with a `disconnect` message, as Slack does before rotating a connection.
 *
 *   const socket = await startSocketModeServer();
 *   api.socketUrl = socket.url                       // give it to the Web API stub
 *   await socket.connections.waitForCount(1)         // the client connected (and was sent hello)
 *   const id = socket.sendSlashCommand(slashCommandPayload({ command: '/brief', responseUrl }))
 *   const id2 = socket.sendEvent(appMentionCallback({ text: '<@UBOT> who?' }))
 *   await socket.acks.waitFor((a) => a.envelope_id === id)
 *   socket.disconnect('refresh_requested')           // the client should reconnect: connections.waitForCount(2)
 *   await socket.close()
 *
 * Envelopes go to the newest open connection. Pings are answered with pongs by `ws` itself.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { arrival, Recorder } from './recorder.js';

export interface SocketAck {
  envelope_id: string;
  payload: Record<string, unknown> | undefined;
  connection: number;
  /** Arrival order across all emulators. */
  at: number;
}

export interface SocketConnection {
  index: number;
  url: string;
}

export interface SocketModeServer {
  readonly url: string;
  readonly connections: Recorder<SocketConnection>;
  readonly acks: Recorder<SocketAck>;
  /** Sends a raw envelope; returns its envelope_id. */
  send(envelope: Record<string, unknown> & { envelope_id?: string }): string;
  sendSlashCommand(payload: Record<string, unknown>): string;
  sendEvent(body: Record<string, unknown>): string;
  disconnect(reason: 'refresh_requested' | 'link_disabled' | 'warning'): void;
  close(): Promise<void>;
}

export async function startSocketModeServer(): Promise<SocketModeServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as AddressInfo;
  const connections = new Recorder<SocketConnection>();
  const acks = new Recorder<SocketAck>();
  const open: WebSocket[] = [];
  let envelopes = 0;

  wss.on('connection', (ws, req) => {
    const index = connections.items.length + 1;
    open.push(ws);
    ws.on('close', () => open.splice(open.indexOf(ws), 1));
    ws.on('message', (data) => {
      try {
        const message = JSON.parse(data.toString()) as { envelope_id?: string; payload?: Record<string, unknown> };
        if (message.envelope_id)
          acks.push({ envelope_id: message.envelope_id, payload: message.payload, connection: index, at: arrival() });
      } catch {
        // Not JSON: not an ack.
      }
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: open.length,
        debug_info: { host: 'loopback', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0LOOP' },
      }),
    );
    connections.push({ index, url: req.url ?? '' });
  });

  const current = (): WebSocket => {
    const ws = open[open.length - 1];
    if (!ws) throw new Error('Socket Mode emulator: no client is connected');
    return ws;
  };

  const server: SocketModeServer = {
    url: `ws://127.0.0.1:${port}/link`,
    connections,
    acks,
    send(envelope) {
      envelopes += 1;
      const id = envelope.envelope_id ?? `env-${envelopes}-${Math.random().toString(16).slice(2, 10)}`;
      current().send(JSON.stringify({ ...envelope, envelope_id: id }));
      return id;
    },
    sendSlashCommand: (payload) => server.send({ type: 'slash_commands', payload, accepts_response_payload: true }),
    sendEvent: (body) =>
      server.send({
        type: 'events_api',
        payload: body,
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
      }),
    disconnect(reason) {
      current().send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'loopback' } }));
    },
    close: () =>
      new Promise((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
  return server;
}
