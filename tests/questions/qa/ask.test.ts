// The pipeline on small made-up stories: a question worded unlike its answer sentence is answered through a
// paraphrase; an unrelated one, or one naming someone the story does not mention, is declined.
import { describe, expect, it } from 'vitest';
import { Library } from '../../../src/library/library.js';
import { answerQuestion } from '../../../src/questions/answer.js';
import { ask } from '../../../src/questions/qa/ask.js';
import { buildIndex } from '../../../src/questions/search-index.js';
import { askData, botWith, seedStory, storyOf } from '../helpers.js';

const STORY = [
  'Harbour town council meets in crisis.',
  'The council leader Maria Ostrander resigned on March 3, 2021, after a row over the harbour budget.',
  'Her deputy, Tomas Wendt, now runs the council until an election in the autumn.',
].join(' ');

const index = () => buildIndex(new Library([storyOf(STORY, 'made-up/harbour.txt')]));

describe('ask (the QA pipeline)', () => {
  it('answers a question worded with a paraphrase of the sentence ("quit" for "resigned")', () => {
    const idx = index();
    expect(answerQuestion(idx, 'When did Maria Ostrander quit?').answer).toBeNull();
    const answer = ask(idx, 'When did Maria Ostrander quit?');
    expect(answer.short).toBe('March 3, 2021');
    expect(answer.sources[0]!.sentence).toContain('resigned on March 3, 2021');
  });

  it('declines a question about someone the story never names, even when worded the same way', () => {
    expect(ask(index(), 'When did Gustav Lindqvist quit?').answer).toBeNull();
  });

  it('declines an unrelated question', () => {
    expect(ask(index(), 'What is the weather on the moon?').answer).toBeNull();
  });

  it('on the seed, "step into North Korea" finds the sentence saying "set foot in North Korea"', async () => {
    const { data } = await askData(botWith(new Library([seedStory()])), 'When did Trump step into North Korea?');
    expect(data.short).toBe('June 30, 2019');
    expect(data.answer).toMatch(/^June 30, 2019 — /);
    expect(data.sources[0]!.sentence).toContain('set foot in North Korea on June 30, 2019');
  });
});
