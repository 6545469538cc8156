// Autocomplete choices for a `story` option: the stories matching what was typed, as Discord allows them.
import type { Library } from '../../library/library.js';
import { headBeforeEllipsis } from '../shared/clip.js';

const CHOICES_MAX = 25;
const CHOICE_TEXT_MAX = 100;

function clipWords(text: string, max: number): string {
  return text.length <= max ? text : `${headBeforeEllipsis(text, max)}…`;
}

/** Up to 25 choices: shown as "title · id" (≤100 characters), answered with the id (≤100 characters). */
export function storyChoices(library: Library, typed: string): Array<{ name: string; value: string }> {
  return library
    .match(typed.slice(0, 200), CHOICES_MAX)
    .filter((b) => b.id.length <= CHOICE_TEXT_MAX)
    .map((b) => {
      const suffix = ` · ${b.id}`;
      const name =
        suffix.length < CHOICE_TEXT_MAX - 10
          ? `${clipWords(b.title, CHOICE_TEXT_MAX - suffix.length)}${suffix}`
          : clipWords(b.id, CHOICE_TEXT_MAX);
      return { name, value: b.id };
    });
}
