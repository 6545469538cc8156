// Stopping Socket Mode safely. When Bolt's client reconnects (after a `disconnect` from Slack) and is stopped
// before the new connection's `hello`, it rejects an internal promise that nothing catches, and Node ends the
// process with an unhandled rejection. So a stop during a reconnect waits for the connection to settle first,
// for at most `boundMs` (a connection that never says hello must not block shutdown).
import type { SocketModeReceiver } from '@slack/bolt';

type SocketClient = SocketModeReceiver['client'];

export function stopSafely(client: SocketClient, boundMs = 5000): () => Promise<void> {
  let reconnecting: Promise<void> | null = null;
  client.on('reconnecting', () => {
    reconnecting ??= new Promise<void>((resolve) => {
      const settle = () => {
        client.off('connected', settle);
        client.off('disconnected', settle);
        reconnecting = null;
        resolve();
      };
      client.on('connected', settle);
      client.on('disconnected', settle);
    });
  });
  return async () => {
    if (reconnecting) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([reconnecting, new Promise<void>((resolve) => (timer = setTimeout(resolve, boundMs)))]);
      clearTimeout(timer);
    }
    await client.disconnect();
  };
}
