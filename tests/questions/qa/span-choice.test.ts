// The learned span choice (span-choice.ts, spans.json) on small made-up cases: the number without the unit the
// question names, the number followed by the asked noun rather than a nearer one, a name with an initial, a
// century, and the noun a "what X" / "how many X" question asks for.
import { describe, expect, it } from 'vitest';
import { answerType } from '../../../src/questions/qa/answer-type.js';
import { slotPositions, slotsOf } from '../../../src/questions/qa/rank.js';
import { askedNoun, chooseSpan, defaultSpanModel, SPAN_FEATURES } from '../../../src/questions/qa/span-choice.js';
import { tokenize } from '../../../src/questions/terms.js';

const span = (question: string, sentence: string) => {
  const tokens = tokenize(sentence);
  const asked = new Set(slotsOf(question).flatMap((s) => slotPositions(tokens, s)));
  return chooseSpan(sentence, tokens, answerType(question), asked, question)?.text;
};

describe('span choice', () => {
  it('reads the committed model, whose features are the ones computed', () => {
    expect(defaultSpanModel().weights).toHaveLength(SPAN_FEATURES.length);
  });

  it('gives the number alone when the question names its unit ("how many seats": "131")', () => {
    expect(span('How many seats are in the hall?', 'There are 131 seats in the hall.')).toBe('131');
  });

  it('takes the number the asked noun follows, not a nearer one', () => {
    expect(
      span(
        'How many letters are kept in the archive?',
        'The archive spans 80 separate rooms holding over 18 million letters.',
      ),
    ).toBe('18 million');
  });

  it('keeps an initial inside a name ("Marta J. Olsen")', () => {
    expect(span('Who founded the guild?', 'The guild was founded by Marta J. Olsen in the spring.')).toBe(
      'Marta J. Olsen',
    );
  });

  it('offers a century for a date question, not a bare year beside it', () => {
    const answer = span(
      'In which century did the abbey flourish?',
      'Founded in 1120, the abbey flourished in the 13th century.',
    );
    expect(answer).toMatch(/^13th/);
  });

  it('reads the noun a question asks for', () => {
    const term = (word: string) => tokenize(word)[0]!.term;
    expect(askedNoun('How many seats are in the hall?')).toBe(term('seats'));
    expect(askedNoun('What museum holds the tapestries?')).toBe(term('museum'));
    expect(askedNoun('What kind of stone was used?')).toBe(term('stone'));
    expect(askedNoun('Who founded the guild?')).toBeUndefined();
  });
});
