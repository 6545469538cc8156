// What several story commands share: the `story` option, looking the story up, and the source footer.
import type { Briefing } from '../src/briefing/types.js';
import type { StringOption } from '../src/core/command.js';
import { errorReply, type Reply } from '../src/core/reply.js';
import type { Library } from '../src/library/library.js';

export const storyOption = {
  type: 'string',
  description: 'Story id or words of its title (default: the newest story)',
  autocomplete: 'story',
  maxLength: 200,
  positional: 'rest',
} as const satisfies StringOption;

/** Runs `render` on the story the caller meant, or explains which stories exist. */
export function withStory(library: Library, query: string | undefined, render: (story: Briefing) => Reply): Reply {
  const found = library.resolve(query);
  if (!found.ok) return errorReply(found.message);
  return render(found.story);
}

export function sourceFooter(story: Briefing): string {
  return `Source: ${story.source} · story ${story.id}`;
}

export function countWords(texts: string[]): number {
  return texts.reduce((n, t) => n + t.split(/\s+/).filter(Boolean).length, 0);
}
