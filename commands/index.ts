// The registry: every command, in the order /help lists them. Adapters generate their commands from this array.
import type { AnyCommand } from '../src/core/command.js';
import { ask } from './ask.js';
import { background } from './background.js';
import { brief } from './brief.js';
import { digest } from './digest.js';
import { feed } from './feed.js';
import { help } from './help.js';
import { quotes } from './quotes.js';
import { stories } from './stories.js';
import { summary } from './summary.js';
import { timeline } from './timeline.js';

export const commands: readonly AnyCommand[] = [
  brief,
  summary,
  quotes,
  background,
  timeline,
  ask,
  stories,
  digest,
  feed,
  help,
];
