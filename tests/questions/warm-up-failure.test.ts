import { describe, expect, it, vi } from 'vitest';
import { Library } from '../../src/library/library.js';
import { readyToAnswer } from '../../src/questions/warm-up.js';
import { buildIndex } from '../../src/questions/search-index.js';
import { seedStory } from './helpers.js';

vi.mock('../../src/questions/answer.js', () => ({
  answerQuestion: vi.fn(() => {
    throw new Error('an answer that trips');
  }),
}));

describe('getting ready to answer when an answer throws', () => {
  it('still builds the index and lets start-up go on', () => {
    const library = new Library([seedStory()]);
    expect(readyToAnswer(buildIndex(library), library).size).toBe(1);
  });
});
