// Slack for many workspaces (OAuth distribution): Bolt's installation store over the state database, the bot token
// of the workspace a channel is in, and the middleware that records channels and handles a retried event once.
import { webApi, type App, type Installation, type InstallationQuery, type InstallationStore } from '@slack/bolt';
import { BoundedMap } from '../../core/bounded-map.js';
import type { Logger } from '../../log.js';
import type { SlackWorkspaceStore } from './workspace-store.js';

/** The key of a workspace: T<team id>, or E<enterprise id> for an org-wide install. */
export function workspaceKey(ids: { teamId?: string | undefined; enterpriseId?: string | undefined; org?: boolean }) {
  if (ids.org && ids.enterpriseId) return `E${ids.enterpriseId}`;
  if (ids.teamId) return `T${ids.teamId}`;
  return ids.enterpriseId ? `E${ids.enterpriseId}` : undefined;
}

/** The store Bolt's InstallProvider calls when a workspace installs the app and when a request needs its token. */
export function installationStore(store: SlackWorkspaceStore, now: () => number = Date.now): InstallationStore {
  const keyOf = (query: InstallationQuery<boolean>) =>
    workspaceKey({ teamId: query.teamId, enterpriseId: query.enterpriseId, org: query.isEnterpriseInstall });
  return {
    async storeInstallation(installation: Installation) {
      const key = workspaceKey({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        org: installation.isEnterpriseInstall === true,
      });
      if (!key) throw new Error('The installation names no team and no enterprise.');
      const ids = { teamId: installation.team?.id ?? null, enterpriseId: installation.enterprise?.id ?? null };
      await store.saveInstallation(key, ids, JSON.stringify(installation), now());
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = keyOf(query);
      const record = key ? await store.installation(key) : undefined;
      // An org-wide install answers for every team of the enterprise.
      const org = !record && query.enterpriseId ? await store.installation(`E${query.enterpriseId}`) : undefined;
      if (!record && !org)
        throw new Error(`No installation for ${key ?? 'this request'}; install the app at /slack/install.`);
      return JSON.parse((record ?? org)!) as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      const key = keyOf(query);
      if (key) await store.deleteInstallation(key);
    },
  };
}

/** How long an event id is remembered: Slack retries three times within about an hour. */
const EVENT_MEMORY_MS = 2 * 60 * 60 * 1000;
/** Old event claims are dropped at most this often, not on every event. */
const FORGET_EVERY_MS = 10 * 60 * 1000;

/**
 * Middleware, first in the chain: an event id already handled (here or on another replica) stops there, and the
 * channel a request comes from is remembered with its workspace, so digests to it use that workspace's token.
 */
export function workspaceMiddleware(app: App, store: SlackWorkspaceStore, log: Logger, now: () => number = Date.now) {
  // What this process last wrote of each channel: a channel seen again in the same workspace costs no write.
  const written = new BoundedMap<string, string>(10_000);
  let forgotAt = 0;
  app.use(async ({ body, context, next }) => {
    const b = body as { event_id?: unknown; event?: { channel?: unknown }; channel_id?: unknown };
    if (typeof b.event_id === 'string') {
      const at = now();
      const forgetBefore = at - forgotAt >= FORGET_EVERY_MS ? at - EVENT_MEMORY_MS : null;
      if (forgetBefore !== null) forgotAt = at;
      const first = await store.claimEvent(b.event_id, at, forgetBefore);
      if (!first) {
        log.info({ eventId: b.event_id, retry: context.retryNum }, 'Slack sent an event already handled; ignored');
        return;
      }
    }
    const channel = typeof b.channel_id === 'string' ? b.channel_id : b.event?.channel;
    const workspace = workspaceKey({
      teamId: context.teamId,
      enterpriseId: context.enterpriseId,
      org: context.isEnterpriseInstall === true,
    });
    if (typeof channel === 'string' && workspace && written.get(channel) !== workspace) {
      await store.rememberChannel(channel, workspace, now());
      written.set(channel, workspace);
    }
    await next();
  });
}

/**
 * The Web API client that posts into a channel unprompted: the workspace the channel was last seen in, else the
 * only workspace installed. Clients are kept per token.
 */
export function workspaceClients(store: SlackWorkspaceStore, clientOptions: () => webApi.WebClientOptions) {
  const clients = new Map<string, webApi.WebClient>();
  return async (channel: string): Promise<webApi.WebClient> => {
    let workspace = await store.channelWorkspace(channel);
    if (!workspace) {
      const all = await store.workspaces();
      if (all.length === 1) workspace = all[0];
      else
        throw new Error(
          all.length === 0
            ? 'No Slack workspace has installed the app yet (open /slack/install).'
            : `Slack channel ${channel} has not been seen in any installed workspace; use a command there first.`,
        );
    }
    const record = await store.installation(workspace!);
    const token = record ? (JSON.parse(record) as Installation).bot?.token : undefined;
    if (!token) throw new Error(`The Slack workspace of channel ${channel} has no bot token; install the app again.`);
    let client = clients.get(token);
    if (!client) clients.set(token, (client = new webApi.WebClient(token, clientOptions())));
    return client;
  };
}
