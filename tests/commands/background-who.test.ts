import { describe, expect, it } from 'vitest';
import { whoIs } from '../../commands/background.js';

describe("the who's who of /background", () => {
  it('shows the description, or says plainly that the story gives none, never a mention count', () => {
    expect(whoIs({ name: 'Kim Jong-un', aliases: [], mentions: 6, description: 'dictator' })).toBe('dictator');
    const none = whoIs({ name: 'Donald Trump', aliases: [], mentions: 7 });
    expect(none).toBe('the story does not say who they are');
    expect(none).not.toMatch(/mentioned/);
  });

  it('marks people named only inside an embedded post', () => {
    expect(whoIs({ name: 'Vladimir Putin', aliases: [], mentions: 1, description: 'Russia’s', inPost: true })).toBe(
      'Russia’s (named only in an embedded post)',
    );
  });
});
