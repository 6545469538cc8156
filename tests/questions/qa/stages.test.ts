// The pipeline's stages on small made-up cases: the answer type a question expects, the short span of that type
// pulled out of a sentence (not the whole sentence), and the ranking that matches a paraphrase phrase and lets a
// sentence borrow the question's words from the one before it.
import { describe, expect, it } from 'vitest';
import { Library } from '../../../src/library/library.js';
import { answerType } from '../../../src/questions/qa/answer-type.js';
import { rankSentences, slotPositions, slotsOf } from '../../../src/questions/qa/rank.js';
import { chooseSpan } from '../../../src/questions/qa/span-choice.js';
import { buildIndex } from '../../../src/questions/search-index.js';
import { tokenize } from '../../../src/questions/terms.js';
import { storyOf } from '../helpers.js';

describe('answer type', () => {
  it('reads the question word and the noun after it', () => {
    expect(answerType('When did the mill close?')).toBe('date');
    expect(answerType('In what year was the bridge built?')).toBe('date');
    expect(answerType('Which city hosted the fair?')).toBe('place');
    expect(answerType('How many workers went on strike?')).toBe('number');
    expect(answerType('Who founded the paper?')).toBe('person');
    expect(answerType('Why did the council resign?')).toBe('reason');
    expect(answerType('How did the rebels cross the river?')).toBe('manner');
    expect(answerType('Which company bought the port?')).toBe('org');
    expect(answerType('What did the mayor say about the budget?')).toBe('quote');
    expect(answerType('Did the mill close?')).toBe('yesno');
    expect(answerType('What material covers the roof?')).toBe('thing');
  });
});

const span = (question: string, sentence: string) => {
  const tokens = tokenize(sentence);
  const asked = new Set(slotsOf(question).flatMap((s) => slotPositions(tokens, s)));
  return chooseSpan(sentence, tokens, answerType(question), asked, question)?.text;
};

describe('span extraction', () => {
  it('gives the date, number, name or reason of the sentence, not the sentence', () => {
    expect(span('When did the Lanark mill close?', 'The Lanark mill closed on March 3, 1968, after a strike.')).toBe(
      'March 3, 1968',
    );
    expect(span('How many workers lost their jobs?', 'About 1,200 workers lost their jobs when it shut.')).toBe(
      '1,200',
    );
    expect(
      span('Who founded the Harbour Gazette?', 'The Harbour Gazette was founded by Elsa Brandt in the spring.'),
    ).toBe('Elsa Brandt');
    expect(span('Why did the ferry stop running?', 'The ferry stopped running because the pier had collapsed.')).toBe(
      'pier had collapsed',
    );
  });

  it('cuts the question\'s own words off the edges of a noun phrase: "what type of stone" is "grey granite"', () => {
    expect(
      span(
        'What type of stone was used for the chapel walls?',
        'The chapel walls were built of grey granite stone from the quarry.',
      ),
    ).toBe('grey granite');
  });

  it('gives a noun phrase for a "what" question, never only the question\'s own words', () => {
    const answer = span(
      'What material covers the chapel roof?',
      'The chapel roof is covered with green copper sheets.',
    );
    expect(answer).toContain('copper sheets');
    expect(answer).not.toMatch(/chapel roof/);
  });
});

describe('ranking sentences', () => {
  const text = [
    'The town of Varn sits on a lake.',
    'Its mayor, Ilse Korh, set foot in Brenna on May 2, 2020.',
    'The region grows barley and flax.',
    'The engineer Pavel Dusan designed the Varn dam.',
    'He finished it in 1931.',
  ].join(' ');
  const index = buildIndex(new Library([storyOf(text, 'made-up/varn.txt')]));

  it('matches a paraphrase phrase of the question ("step into" for "set foot in")', () => {
    const top = rankSentences(index, 'When did Ilse Korh step into Brenna').ranked[0]!;
    expect(top.story.briefing.sentences[top.sentence]!.text).toContain('set foot in Brenna');
    expect(top.coverage).toBe(1);
  });

  it('lets the sentence after a match borrow its words (the pronoun step-in)', () => {
    const ranked = rankSentences(index, 'When did Pavel Dusan finish the Varn dam').ranked;
    const after = ranked.find((r) => r.story.briefing.sentences[r.sentence]!.text.startsWith('He finished'))!;
    expect(after.borrowed).toBeGreaterThan(0);
  });

  it('says when a question name is in no story', () => {
    const r = rankSentences(index, 'When did Oskar Velt finish the Varn dam');
    expect(r.slots.some((s, k) => s.name && !r.anywhere[k])).toBe(true);
  });
});
