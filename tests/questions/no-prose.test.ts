// A story with entities but no prose sentences (a library built in code, a stripped briefing) must not crash /ask.
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.js';
import { askData, botWith, storyOf } from './helpers.js';

describe('a story without sentences', () => {
  it('answers or declines a who-is question instead of throwing', async () => {
    const story = storyOf(
      'Harbour council votes\n\nMayor Ana Ruiz said the harbour council approved the plan on Monday.\n',
      'h.txt',
    );
    const bare = { ...story, briefing: { ...story.briefing, sentences: [] } };
    const { reply } = await askData(botWith(new Library([bare])), 'who is Ana Ruiz?');
    expect(JSON.stringify(reply)).not.toMatch(/went wrong|TypeError/i);
  });
});
