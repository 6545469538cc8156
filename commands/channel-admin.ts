// What the commands that change a channel's settings share (/digest, /feed): who may change them on each platform,
// and which channel a command means — where it was typed, or, from the console or command line only, the one named.
import { isChannelKey, type Caller } from '../src/core/caller.js';
import { errorReply, type Reply } from '../src/core/reply.js';

/** Whether the caller is the console or the command line, where a channel may be named. */
export function isLocal(caller: Caller): boolean {
  return caller.platform === 'console' || caller.platform === 'cli';
}

/** The refusal for a caller who may not change the channel's settings: it names who may, on their platform. */
export function adminRefusal(caller: Caller, what: string, hint: string): Reply {
  const who =
    caller.platform === 'discord'
      ? 'members with the Manage Server permission'
      : caller.platform === 'slack'
        ? 'the users listed in SLACK_ADMIN_USER_IDS'
        : 'admins';
  return errorReply(`Only ${who} can ${what}.`, hint);
}

/**
 * The channel named by a `channel:` option, checked: refused on a platform (there it is the channel typed in), and
 * refused when it is not platform:id. `named` is undefined when no channel was named.
 */
export function namedChannel(
  caller: Caller,
  named: string | undefined,
  here: string,
): { ok: true; channel: string | undefined } | { ok: false; reply: Reply } {
  if (named === undefined) return { ok: true, channel: undefined };
  if (!isLocal(caller))
    return {
      ok: false,
      reply: errorReply(
        `The channel option only works from the console or command line; here the ${here} is for this channel.`,
      ),
    };
  if (!isChannelKey(named))
    return {
      ok: false,
      reply: errorReply(
        `"${named.slice(0, 60)}" is not a channel; write it as platform:id, e.g. discord:123 or slack:C123.`,
      ),
    };
  return { ok: true, channel: named };
}
