// The decline features on small made-up stories: a question's framing words ("name", "type", "what year") weigh
// little, a word swapped for its opposite, question words side by side that the sentence holds apart, the lead
// over another story's best sentence, and a name of the asked kind preferred as the answer.
import { describe, expect, it } from 'vitest';
import { Library } from '../../../src/library/library.js';
import { findAnswer } from '../../../src/questions/qa/ask.js';
import type { Span } from '../../../src/questions/qa/extract.js';
import { chooseSpan } from '../../../src/questions/qa/span-choice.js';
import { antonymSwapped, FEATURE_NAMES, type FeatureName } from '../../../src/questions/qa/features.js';
import { rankSentences, slotsOf } from '../../../src/questions/qa/rank.js';
import { buildIndex } from '../../../src/questions/search-index.js';
import { tokenize } from '../../../src/questions/terms.js';
import { storyOf } from '../helpers.js';

const HARBOUR = storyOf(
  [
    'The Grell Lighthouse was finished in 1902 after four years of work.',
    'Storms delayed the harbour wall, and the Grell family paid for a second lighthouse at Tarn Point in 1911.',
    'The first keeper, Olan Birk, kept a log of every ship.',
  ].join(' '),
  'made-up/harbour.txt',
);
const MILL = storyOf(
  'The Lanark mill closed in 1968 after a long strike. Weavers at the mill earned a shilling an hour.',
  'made-up/mill.txt',
);
const index = buildIndex(new Library([HARBOUR, MILL]));
const feature = (question: string, name: FeatureName) =>
  findAnswer(index, question).features?.[FEATURE_NAMES.indexOf(name)];

describe('framing words', () => {
  it('marks the words that frame a question, not the ones it is about', () => {
    const slots = slotsOf('What is the name of the keeper who kept a log in what year?');
    const frame = slots.filter((s) => s.frame).flatMap((s) => s.terms);
    expect(frame).toEqual(expect.arrayContaining(['nam']));
    expect(slots.find((s) => s.terms.includes('keeper'))?.frame).toBe(false);
    expect(slotsOf('In what year was the lighthouse finished?').find((s) => s.terms[0] === 'year')?.frame).toBe(true);
  });

  it('weighs a framing word the sentence lacks at a quarter: the sentence holding the rest still covers most', () => {
    const top = rankSentences(index, 'What is the name of the first keeper?').ranked[0]!;
    expect(top.story.briefing.sentences[top.sentence]!.text).toContain('Olan Birk');
    expect(top.coverage).toBeGreaterThan(0.75);
    const [name, keeper] = ['nam', 'keeper'].map((t) =>
      rankSentences(index, 'What is the name of the first keeper?').slots.find((s) => s.terms[0] === t)!,
    );
    // Said by no sentence, "name" would outweigh "keeper" as a content word.
    expect(name!.weight).toBeLessThan(keeper!.weight);
  });
});

describe('opposites', () => {
  it('sees a question word whose opposite the sentence says instead', () => {
    expect(antonymSwapped('Who was the last keeper?', 'The first keeper, Olan Birk, kept a log.')).toBe(true);
    expect(antonymSwapped('When did the strike end?', 'The strike began in 1968.')).toBe(true);
    expect(antonymSwapped('Who was the first keeper?', 'The first keeper, Olan Birk, kept a log.')).toBe(false);
    // Both words in the sentence: no swap ("first" and "last" are both said).
    expect(antonymSwapped('Who was the last keeper?', 'The first and last keeper was Olan Birk.')).toBe(false);
    const swapped = 'When did the Lanark mill open after a long strike?';
    expect(feature(swapped, 'antonym of a question word in the sentence')).toBe(1);
    expect(
      feature('When did the Lanark mill close after a long strike?', 'antonym of a question word in the sentence'),
    ).toBe(0);
  });
});

describe('question words side by side', () => {
  it('flags a name pair of the question that the sentence holds apart', () => {
    // "Tarn Lighthouse" is no lighthouse of the story: "Tarn Point" and "second lighthouse" stand apart.
    expect(feature('When was the Tarn Lighthouse paid for?', 'question name pair broken in the sentence')).toBe(1);
    expect(feature('When was the Grell Lighthouse finished?', 'question name pair broken in the sentence')).toBe(0);
  });
});

describe('word order', () => {
  it("measures how much of the question's word order the sentence keeps", () => {
    const order = "question words in the question's order";
    expect(feature('When did the Lanark mill close after a long strike?', order)).toBe(1);
    expect(feature('When did a long strike close the Lanark mill?', order)).toBeLessThan(0.5);
  });
});

describe('other stories', () => {
  it('measures the lead of the best sentence over the best of another story', () => {
    const lead = feature('When did the Lanark mill close?', 'lead over the best sentence of another story')!;
    expect(lead).toBeGreaterThan(0.5);
    // Words both stories hold ("long", "work", "mill"): the best sentence leads the other story's by little.
    const weak = feature('When did the long work at the mill end?', 'lead over the best sentence of another story')!;
    expect(weak).toBeLessThan(0.3);
  });
});

describe('a name of the asked kind', () => {
  it('prefers, among names of the sentence, one its story knows as of the asked kind', () => {
    const sentence = 'At Tarn Point, Olan Birk kept a log.';
    const tokens = tokenize(sentence);
    const asked = new Set(tokens.filter((t) => t.term === 'log' || t.term === 'kept').map((t) => t.position));
    // Without kinds the nearer name wins; told "Tarn Point" is a place, the person is taken for "who".
    const kindOf = (s: Span) => (s.text.startsWith('Olan') ? ('asked' as const) : ('other' as const));
    expect(chooseSpan(sentence, tokens, 'person', asked, 'Who kept a log?', kindOf)?.text).toBe('Olan Birk');
    expect(
      chooseSpan(sentence, tokens, 'place', asked, 'Where was a log kept?', (s) =>
        s.text.startsWith('Tarn') ? 'asked' : 'other',
      )?.text,
    ).toBe('Tarn Point');
  });
});
