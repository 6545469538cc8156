// Channel ids as the rest of the bot sees them, `platform:id` (discord:123, slack:C123), and back to the id the
// platform knows. The one reading and writing of them lives in core/caller.ts; adapters take it from here.
export { channelKey, platformChannelId } from '../../core/caller.js';
