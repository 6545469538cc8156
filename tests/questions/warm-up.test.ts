import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.js';
import { questionShape } from '../../src/questions/question-shape.js';
import { primingQuestions, readyToAnswer } from '../../src/questions/warm-up.js';
import { buildIndex } from '../../src/questions/search-index.js';
import { seedStory } from './helpers.js';

describe('getting ready to answer at start-up', () => {
  it('builds the index and asks one question of every shape of the stories themselves', () => {
    const library = new Library([seedStory()]);
    const questions = primingQuestions(library);
    expect(new Set(questions.map((q) => questionShape(q).shape))).toEqual(
      new Set(['who-is', 'said', 'when', 'why', 'how-many', 'where', 'other']),
    );
    const index = buildIndex(library);
    expect(readyToAnswer(index, library)).toBe(index);
  });

  it('is harmless on an empty library', () => {
    const empty = new Library([]);
    expect(readyToAnswer(buildIndex(empty), empty).size).toBe(0);
  });
});
