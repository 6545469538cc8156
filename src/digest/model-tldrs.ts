// Digests with the optional model layer: the tldrs of the stories a digest will show are written (and checked)
// in parallel, within one time budget; a story whose text is not ready in time, or that fell back, keeps its
// extractive tldr. Without a writer this is composeDigest itself.
import type { Story } from '../library/library.js';
import type { ShownTldr } from '../llm/tldr.js';
import { chooseTldr } from '../llm/tldr.js';
import type { GroundedWriter } from '../llm/writer.js';
import { composeDigest, DEFAULT_MAX_STORIES, orderForDigest, type ComposeOptions, type Digest } from './compose.js';

export interface DigestModel {
  writer: GroundedWriter;
  /** How long the whole digest may wait for the model; what is not written by then is extractive. */
  budgetMs: number;
}

export async function composeWithModel(
  stories: readonly Story[],
  delivered: ReadonlyMap<string, string>,
  options: ComposeOptions,
  model?: DigestModel,
): Promise<Digest> {
  const plain = composeDigest(stories, delivered, options);
  // Nothing new (one short line) or nothing at all: no tldr to write.
  if (!model || plain.nothingNew || plain.included.length === 0) return plain;
  const shown = orderForDigest(stories, delivered, options.stories).slice(
    0,
    Math.max(1, options.maxStories ?? DEFAULT_MAX_STORIES),
  );
  const tldrs = new Map<string, ShownTldr>();
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<void>((resolve) => (timer = setTimeout(resolve, model.budgetMs)));
  // A digest goes to a whole channel, not to one asker: it does not spend a channel's hourly allowance.
  const writing = Promise.all(
    shown.map(async (item) => {
      const tldr = await chooseTldr(model.writer, item.story);
      tldrs.set(item.story.source, tldr);
    }),
  );
  await Promise.race([writing, budget]);
  clearTimeout(timer);
  // Texts that arrive after the budget are cached by the writer for the next digest, but not used in this one.
  return composeDigest(stories, delivered, { ...options, tldrs: new Map(tldrs) });
}
