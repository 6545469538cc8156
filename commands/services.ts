// What the commands are given to work with, besides their options and caller: the core's own services plus the
// stories, the question index and the digests. app.ts builds them; the core never sees what is in them.
import type { ChannelRate } from '../src/core/channel-rate.js';
import type { Command, CommandContext, CoreServices, OptionSpecs } from '../src/core/command.js';
import type { DigestService } from '../src/digest/service.js';
import type { FeedService, LinkService } from '../src/feeds/service.js';
import type { Library } from '../src/library/library.js';
import type { GroundedWriter } from '../src/llm/writer.js';
import type { QuestionIndex } from '../src/questions/search-index.js';
import type { StoryBook } from '../src/stories/story-book.js';

export interface Services extends CoreServices {
  library: Library;
  /** The question index of the library, built (or restored from the cache) on first use and kept current. */
  questions: () => QuestionIndex;
  /** Filled by the digest feature; commands that need it reply with a clear notice when it is absent. */
  digests?: DigestService;
  /** The library's articles grouped into stories (app.ts builds it on first use). Absent: each article is its own story. */
  stories?: () => StoryBook;
  /** Feed subscriptions (/feed); absent where no database can be opened. */
  feeds?: FeedService;
  /** Reading a pasted link into the library through the safe fetcher; absent in tests that need no network. */
  links?: LinkService;
  /** Links read per channel per hour (LINK_CHANNEL_RATE), so one channel cannot keep the fetcher busy. */
  linkRate?: ChannelRate;
  /** The optional model layer (LLM_BASE_URL + LLM_MODEL): checked abstractive tldrs and answers. Absent: extractive only. */
  model?: GroundedWriter;
}

export type Context<O extends OptionSpecs = OptionSpecs> = CommandContext<O, Services>;

/** A command of this registry: its handler gets these services. */
export const defineCommand = <const O extends OptionSpecs>(command: Command<O, Services>): Command<O, Services> =>
  command;
