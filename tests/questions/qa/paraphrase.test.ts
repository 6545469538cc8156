import { describe, expect, it } from 'vitest';
import { paraphrases } from '../../../src/questions/qa/paraphrase.js';

describe('paraphrases', () => {
  it('swaps a phrase of a group for the others, keeping the rest of the question', () => {
    const out = paraphrases('When did the mayor step into the flooded tunnel?');
    expect(out).toContain('When did the mayor set foot in the flooded tunnel?');
    expect(out).toContain('When did the mayor enter the flooded tunnel?');
  });

  it('matches by stem, so an inflected phrase is found', () => {
    expect(paraphrases('Why has the coach quitted?')).toContain('Why has the coach resign?');
    expect(paraphrases('Who stepped into the role?')).toContain('Who set foot in the role?');
  });

  it('finds multi-word phrases too, in either direction', () => {
    expect(paraphrases('Why did the chairman step down?')).toContain('Why did the chairman quit?');
  });

  it('gives nothing for a question with no phrase of any group', () => {
    expect(paraphrases('How tall is the lighthouse?')).toEqual([]);
  });

  it('gives at most the limit asked for', () => {
    expect(paraphrases('Why did she quit and step into politics?', 2)).toHaveLength(2);
  });
});
