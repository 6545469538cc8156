// "Who is X" when X is named in many stories: what one of them says X is beats where the most-mentioning one names X.
import { describe, expect, it } from 'vitest';
import { Library } from '../../src/library/library.js';
import { askData, botWith, storyOf } from './helpers.js';

describe('who is someone many stories name', () => {
  it('answers with the description one story gives, though another mentions the name more', async () => {
    const chatty = storyOf(
      [
        'Voters in Ohio lined up early on Tuesday.',
        'Maria Okafor drew the biggest crowd in Dayton.',
        'Okafor spoke for an hour.',
        'Supporters of Okafor cheered as Okafor left, and Okafor waved.',
      ].join('\n'),
      'chatty.txt',
      2,
    );
    const described = storyOf(
      ['Maria Okafor, the state treasurer, filed her papers on Monday.', 'The filing closes on Friday.'].join('\n'),
      'described.txt',
      1,
    );
    const { data } = await askData(botWith(new Library([chatty, described])), 'who is Maria Okafor?');
    expect(data.answer).toMatch(/^Maria Okafor: the state treasurer/);
    expect(data.sources[0]?.sentence).toContain('the state treasurer');
  });
});

describe('who is someone the story describes only beside a quote', () => {
  it('answers from the entity by its full name, accents and all, though no sentence holds the name with more words', async () => {
    const cafe = storyOf(
      [
        'Café owner fined after inspection',
        'The owner of a café on Market Street was fined 2,000 euros on Tuesday after inspectors found mice in the kitchen.',
        '"We closed the kitchen at once and called a pest firm," said owner Renée Dubois.',
        'The café reopened on Friday.',
      ].join('\n'),
      'cafe.txt',
      1,
    );
    const { data } = await askData(botWith(new Library([cafe])), 'who is Renée Dubois?');
    expect(data.answer).toMatch(/^Renée Dubois: owner/);
  });
});
