// Delivers rendered replies. Slash commands answer through response_url (it works in channels the bot has not
// joined); if that fails (expired, used up, or down) the rest goes through the Web API instead: chat.postMessage to
// the channel, or chat.postEphemeral to the caller for ephemeral replies, so a private answer never turns public.
// Rate limits are the Web API client's job: it waits out Retry-After and tries again.
import type { RespondFn, webApi } from '@slack/bolt';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../log.js';
import { renderMessages, type SlackMessage } from './render-blocks.js';

export interface CommandTarget {
  respond: RespondFn;
  client: webApi.WebClient;
  /** The bare Slack channel id the command was typed in. */
  channel: string;
  user: string;
  log: Logger;
}

/** Returns how the reply went out, for logs and tests; never throws. */
export async function deliverCommandReply(
  reply: Reply,
  target: CommandTarget,
): Promise<'response_url' | 'web_api' | 'failed'> {
  const ephemeral = reply.ephemeral === true || reply.kind === 'error';
  const messages = renderMessages(reply);
  let route: 'response_url' | 'web_api' = 'response_url';
  for (const message of messages) {
    if (route === 'response_url') {
      try {
        await target.respond({
          response_type: ephemeral ? 'ephemeral' : 'in_channel',
          replace_original: false,
          ...message,
        });
        continue;
      } catch (err) {
        target.log.warn({ err, channel: target.channel }, 'response_url failed; answering through the Web API instead');
        route = 'web_api';
      }
    }
    try {
      if (ephemeral) await target.client.chat.postEphemeral({ channel: target.channel, user: target.user, ...message });
      else await target.client.chat.postMessage({ channel: target.channel, ...message });
    } catch (err) {
      target.log.error({ err, channel: target.channel }, 'could not deliver a command reply');
      return 'failed';
    }
  }
  return route;
}

/** Posts messages in order to a channel (or a thread); rejects with a clear error naming the channel. */
export async function postMessages(
  client: webApi.WebClient,
  channel: string,
  messages: SlackMessage[],
  threadTs?: string,
): Promise<void> {
  for (const message of messages) {
    try {
      await client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...message });
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
      throw new Error(`Slack refused a message to ${channel}: ${code}`, { cause: err });
    }
  }
}
